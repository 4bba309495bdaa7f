package org.lantian.pack;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;

/**
 * The periods a pack judges its targets over. A period kind is one of
 * <ul>
 * <li>{@code day}, {@code week} (ISO week, Monday to Sunday), {@code month}, {@code quarter}, {@code year}:
 *     the calendar period that contains the day;</li>
 * <li>the name of a window in the ledger's {@code periods:} ({@code ozoneSeason}) or a literal window
 *     {@code 2022-05-01..2022-09-30}: that window, whatever the day;</li>
 * <li>{@code deadline}: from the first day of the pack's year to the last due date of the ledger (the days
 *     in which deadline work counts, whatever the day); {@code deadline:NAME} ends at the measure's milestone
 *     NAME and {@link #of(Measure, String, LocalDate, Ledger)} resolves {@code deadline} to the measure's own
 *     due date.</li>
 * </ul>
 * Days are calendar days of the pack's time zone. A period of a pack stays judgeable after the pack's
 * year: the quarter of 2023-01-10 is 2023 Q1, and 2022 Q4 is {@code containing("quarter", 2022-12-31)}.
 */
public final class Periods {
    /** The calendar kinds; any other kind names a window. */
    public static final List<String> CALENDAR = List.of("day", "week", "month", "quarter", "year");

    private Periods() {
    }

    /** The period of the given kind that contains the day (for windows and deadlines: the window itself). */
    public static Period containing(String kind, LocalDate day, Ledger ledger) {
        Objects.requireNonNull(kind, "period kind");
        Objects.requireNonNull(day, "day");
        return switch (kind) {
            case "day" -> span(day, day);
            case "week" -> span(clamp(() -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), LocalDate.MIN),
                    clamp(() -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)), LocalDate.MAX));
            case "month" -> span(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case "quarter" -> {
                LocalDate first = day.withDayOfMonth(1).withMonth(3 * ((day.getMonthValue() - 1) / 3) + 1);
                yield span(first, first.plusMonths(2).with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "year" -> span(day.withDayOfYear(1), day.with(TemporalAdjusters.lastDayOfYear()));
            case "deadline" -> span(LocalDate.of(ledger.year(), 1, 1), lastDue(ledger));
            default -> window(kind, ledger);
        };
    }

    /**
     * The period of one target of a measure that contains the day: the target's {@code period:} or else
     * the measure's, with {@code deadline} ending at this measure's due date (or last milestone).
     */
    public static Period of(Measure measure, String target, LocalDate day, Ledger ledger) {
        String kind = measure.periodOf(target);
        if (kind.equals("deadline") || kind.startsWith("deadline:")) {
            LocalDate due = due(measure, kind);
            if (due != null) return span(LocalDate.of(ledger.year(), 1, 1), due);
        }
        return containing(kind, day, ledger);
    }

    /** The due date a deadline kind names for a measure, or null when the measure has none. */
    static LocalDate due(Measure measure, String kind) {
        Deadline d = measure.deadline();
        if (d == null) return null;
        if (kind.startsWith("deadline:")) return d.milestone(kind.substring("deadline:".length()));
        if (d.due() != null) return d.due();
        if (d.milestones() != null) return d.milestones().stream().map(Deadline.Milestone::due)
                .max(LocalDate::compareTo).orElse(null);
        return null;
    }

    /** An error text when the kind is not one a pack can name, else null. */
    public static String problem(String kind, Measure measure, Ledger ledger) {
        if (kind == null) return "names no period";
        if (CALENDAR.contains(kind) || kind.equals("deadline")) return null;
        if (kind.startsWith("deadline:")) {
            return measure != null && due(measure, kind) != null ? null
                    : "period " + kind + " names no milestone of the measure's deadline";
        }
        try {
            window(kind, ledger);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** "2022-06-30", "2022-W26", "2022-06", "2022-Q2", "2022" or "2022-05-01..2022-09-30": the label of a period of a kind. */
    public static String label(String kind, Period p) {
        return switch (kind) {
            case "day" -> p.from().toString();
            case "week" -> {
                int week = p.from().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR); // 1 to 53, two digits
                yield p.from().get(IsoFields.WEEK_BASED_YEAR) + (week < 10 ? "-W0" : "-W") + week;
            }
            case "month" -> {
                String day = p.from().toString();
                yield day.substring(0, day.length() - 3);
            }
            case "quarter" -> p.from().getYear() + "-Q" + ((p.from().getMonthValue() - 1) / 3 + 1);
            case "year" -> Integer.toString(p.from().getYear());
            default -> p.toString();
        };
    }

    private static Period window(String kind, Ledger ledger) {
        int dots = kind.indexOf("..");
        if (dots > 0) {
            try {
                LocalDate from = LocalDate.parse(kind.substring(0, dots));
                LocalDate to = LocalDate.parse(kind.substring(dots + 2));
                if (to.isBefore(from)) throw new IllegalArgumentException("period " + kind + " ends before it starts");
                return span(from, to);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("period " + kind + " is not a window YYYY-MM-DD..YYYY-MM-DD");
            }
        }
        if (ledger.periods() != null && ledger.periods().containsKey(kind)) {
            Period p = ledger.periods().get(kind);
            return span(p.from(), p.to());
        }
        throw new IllegalArgumentException("unknown period \"" + kind + "\": use day, week, month, quarter, year, deadline, "
                + "a window YYYY-MM-DD..YYYY-MM-DD or one of periods: "
                + (ledger.periods() == null ? "[]" : ledger.periods().keySet()));
    }

    private static LocalDate lastDue(Ledger ledger) {
        LocalDate last = LocalDate.of(ledger.year(), 12, 31);
        for (Measure m : ledger.measures()) {
            LocalDate due = due(m, "deadline");
            if (due != null && due.isAfter(last)) last = due;
        }
        return last;
    }

    private static Period span(LocalDate from, LocalDate to) {
        return new Period(from, to, null, null);
    }

    private static LocalDate clamp(java.util.function.Supplier<LocalDate> day, LocalDate limit) {
        try {
            return day.get();
        } catch (DateTimeException e) {
            return limit; // the first or last week of the calendar runs past what LocalDate can hold
        }
    }
}
