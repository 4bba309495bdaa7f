package org.lantian.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TimeSpansTest {
    private static final LocalTime TEN = LocalTime.of(10, 0);
    private static final LocalTime FOUR = LocalTime.of(16, 0);

    private static boolean overlaps(String start, String end) {
        return TimeSpans.overlaps(LocalTime.parse(start), LocalTime.parse(end), TEN, FOUR);
    }

    @Test
    void touchingTheWindowIsNoOverlap() {
        assertFalse(overlaps("16:00", "18:00"));
        assertFalse(overlaps("06:00", "10:00"));
    }

    @Test
    void oneMinuteInsideIsAnOverlap() {
        assertTrue(overlaps("09:00", "10:01"));
        assertTrue(overlaps("15:59", "18:00"));
        assertTrue(overlaps("11:00", "12:00"));
        assertTrue(overlaps("08:00", "17:00"));
    }

    @Test
    void spansPastMidnight() {
        assertFalse(overlaps("20:00", "06:00"));
        assertTrue(overlaps("20:00", "10:30"));
        assertTrue(overlaps("15:00", "02:00"));
        assertTrue(overlaps("00:00", "00:00"), "equal start and end is around the clock");
    }

    @Test
    void anEmptyWindowIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> TimeSpans.overlaps(TEN, FOUR, FOUR, TEN));
    }
}
