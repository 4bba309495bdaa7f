package org.lantian.store;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import org.lantian.pack.Ledger;
import org.lantian.pack.Period;

/**
 * Stand-in for the pack's side of history until it lands on main (time-pack: {@code Ledger.history()} and
 * {@code org.lantian.pack.Periods.containing}); delete it then and call those instead.
 */
final class PackHistory {
    private PackHistory() {
    }

    /** Fact type (simple name) -> the period kind its rules judge over. */
    static Map<String, String> kinds(Ledger ledger) {
        return Map.of("RoadCleaning", "week", "CleaningCampaign", "week");
    }

    /** The period of a kind that contains a day. */
    static Period containing(String kind, LocalDate day, Ledger ledger) {
        return switch (kind) {
            case "day" -> new Period(day, day, null, null);
            case "week" -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(monday, monday.plusDays(6), null, null);
            }
            case "month" -> new Period(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()), null, null);
            case "quarter" -> {
                LocalDate first = day.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new Period(first, first.plusMonths(3).minusDays(1), null, null);
            }
            case "year" -> new Period(day.withDayOfYear(1), day.with(TemporalAdjusters.lastDayOfYear()), null, null);
            default -> ledger.period(kind);
        };
    }
}
