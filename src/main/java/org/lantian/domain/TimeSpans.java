package org.lantian.domain;

import java.time.LocalTime;

/**
 * Exact overlap of clock-time spans, for the off-peak rules (measures 31, 37, 38). Spans are half-open,
 * [start, end): work from 16:00 to 18:00 does not overlap 10:00–16:00, work from 09:00 to 10:01 does. An
 * end at or before the start means the span runs past midnight (equal: around the clock).
 */
public final class TimeSpans {
    private TimeSpans() {
    }

    /** Whether [start, end) shares at least one minute with the window [from, to) (from before to). */
    public static boolean overlaps(LocalTime start, LocalTime end, LocalTime from, LocalTime to) {
        if (!from.isBefore(to)) throw new IllegalArgumentException("window " + from + "–" + to + " must end after it starts");
        if (start.isBefore(end)) return start.isBefore(to) && from.isBefore(end);
        // Past midnight: [start, 24:00) and [00:00, end).
        return start.isBefore(to) || from.isBefore(end);
    }
}
