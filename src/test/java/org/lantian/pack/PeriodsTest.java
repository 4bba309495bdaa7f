package org.lantian.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.TestPacks;

/** Periods as pack data: the calendar kinds, windows and deadlines, over every day of several years. */
class PeriodsTest {
    private static final Ledger LEDGER = load();

    private static Ledger load() {
        try {
            return RulePack.load(TestPacks.BUNDLED).ledger();
        } catch (PackException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Period of(String kind, String day) {
        return Periods.containing(kind, LocalDate.parse(day), LEDGER);
    }

    @Test
    void isoWeeksRunMondayToSundayAcrossTheYearsEnd() {
        assertEquals("2022-06-27..2022-07-03", of("week", "2022-06-30").toString());
        assertEquals("2022-06-27..2022-07-03", of("week", "2022-07-03").toString());
        assertEquals("2021-12-27..2022-01-02", of("week", "2022-01-02").toString());
        assertEquals("2021-W52", Periods.label("week", of("week", "2022-01-02")));
        assertEquals("2022-W26", Periods.label("week", of("week", "2022-06-27")));
        assertEquals("2020-W53", Periods.label("week", of("week", "2021-01-03")));
    }

    @Test
    void quartersMonthsYearsAndTheirLabels() {
        assertEquals("2022-10-01..2022-12-31", of("quarter", "2022-11-15").toString());
        assertEquals("2022-Q4", Periods.label("quarter", of("quarter", "2022-12-31")));
        assertEquals("2023-Q1", Periods.label("quarter", of("quarter", "2023-01-10")));
        assertEquals("2024-02-01..2024-02-29", of("month", "2024-02-10").toString());
        assertEquals("2022-06", Periods.label("month", of("month", "2022-06-30")));
        assertEquals("2022-01-01..2022-12-31", of("year", "2022-07-01").toString());
        assertEquals("2022-06-30..2022-06-30", of("day", "2022-06-30").toString());
    }

    @Test
    void windowsAndDeadlinesAreTheSameWhateverTheDay() {
        assertEquals("2022-05-01..2022-09-30", of("ozoneSeason", "2023-01-01").toString());
        assertEquals("2022-05-01..2022-09-30", of("2022-05-01..2022-09-30", "2021-01-01").toString());
        Period five = Periods.of(LEDGER.measure(5), "filingsRequired", LocalDate.parse("2023-02-01"), LEDGER);
        assertEquals("2022-01-01..2022-12-31", five.toString(), "measure 5 is judged over 2022 also in 2023");
        assertEquals(LocalDate.parse("2022-05-31"), Periods.due(LEDGER.measure(32), "deadline:built"), "a milestone");
        assertEquals(LocalDate.parse("2022-08-31"), Periods.of(LEDGER.measure(32), null, LocalDate.parse("2022-07-01"), LEDGER).to(),
                "deadline: the last milestone");
        assertEquals("week", LEDGER.measure(13).periodOf("backLaneFlushesPerWeek"));
        assertEquals("day", LEDGER.measure(13).periodOf("dailySweeps"));
    }

    @Test
    void unknownKindsAreNamedErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> of("fortnight", "2022-06-30"));
        assertTrue(e.getMessage().contains("fortnight") && e.getMessage().contains("ozoneSeason"), e.getMessage());
        assertTrue(Periods.problem("2022-09-30..2022-05-01", null, LEDGER).contains("ends before it starts"));
        assertTrue(Periods.problem("2022-13-01..2022-14-01", null, LEDGER).contains("not a window"));
        assertEquals(null, Periods.problem("week", null, LEDGER));
    }

    @Test
    void everyCalendarPeriodContainsItsDayAndTheNextStartsTheDayAfter() {
        for (String kind : Periods.CALENDAR) {
            for (LocalDate d = LocalDate.parse("2019-12-01"); d.isBefore(LocalDate.parse("2025-02-01")); d = d.plusDays(1)) {
                Period p = Periods.containing(kind, d, LEDGER);
                assertTrue(p.contains(d), kind + " " + d + " " + p);
                Period next = Periods.containing(kind, p.to().plusDays(1), LEDGER);
                assertEquals(p.to().plusDays(1), next.from(), kind + " " + d);
                if (kind.equals("week")) assertEquals(DayOfWeek.MONDAY, p.from().getDayOfWeek());
            }
        }
    }

    @Test
    void extremeDatesDoNotCrash() {
        for (String kind : Periods.CALENDAR) {
            assertTrue(Periods.containing(kind, LocalDate.MIN, LEDGER).contains(LocalDate.MIN), kind);
            assertTrue(Periods.containing(kind, LocalDate.MAX, LEDGER).contains(LocalDate.MAX), kind);
        }
        List<Period> weeks = LEDGER.periodsBetween("week", LocalDate.MIN, LocalDate.parse("2022-01-20"));
        assertEquals(LocalDate.parse("2021-12-27"), weeks.get(0).from(), "the first week is the one of the pack's first day");
        assertEquals(4, weeks.size());
        assertEquals(Ledger.MAX_PERIODS, LEDGER.periodsBetween("week", LocalDate.MIN, LocalDate.MAX).size(), "an as-of date in year 999999999");
        assertEquals(LocalDate.MAX, LEDGER.periodsBetween("quarter", LocalDate.MIN, LocalDate.MAX).get(Ledger.MAX_PERIODS - 1).to());
        assertEquals(List.of(), LEDGER.periodsBetween("quarter", LocalDate.parse("2022-01-01"), LocalDate.parse("2021-06-01")));
    }
}
