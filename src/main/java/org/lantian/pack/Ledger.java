package org.lantian.pack;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The pack's ledger file: every measure with its targets. Rules see it as the global {@code ledger}
 * and read targets by measure and name, e.g. {@code ledger.num(13, "mechanisedRate")}, so that no
 * target is a literal in DRL, and periods by kind, e.g. {@code ledger.period("week", day)}. {@code dates}
 * is the window every submitted date must lie in (facts, {@code submittedAt}, the as-of date): input
 * validation refuses a year of -999999999 before any rule sees it.
 */
public record Ledger(
        String pack,
        String title,
        int year,
        String timezone,
        List<String> towns,
        Map<String, Period> periods,
        List<Category> categories,
        List<Measure> measures,
        Map<String, String> history,
        Period dates,
        List<Unit> units,
        Map<String, Map<String, String>> wording,
        Rectification rectification) {

    /** How rectification cases are timed ({@code rectification:}); the defaults when the pack says nothing. Never null. */
    @Override
    public Rectification rectification() {
        return rectification == null ? Rectification.DEFAULTS : rectification;
    }

    /**
     * Fact type (simple name) -> the period kind of past facts its rules need: to judge as of a day D, an
     * evaluation needs the facts of that type whose day lies in {@code Periods.containing(kind, D, this)}.
     * Several kinds, separated by commas ({@code year, deadline}), ask for the facts of each one's period.
     * Types not named need no history. Never null.
     */
    @Override
    public Map<String, String> history() {
        return history == null ? Map.of() : history;
    }

    /** The period kinds of a {@link #history()} value: {@code "year, deadline"} is [year, deadline]. */
    public static List<String> kinds(String history) {
        if (history == null) return List.of();
        return java.util.Arrays.stream(history.split(",")).map(String::trim).toList();
    }

    /** The ledger's placeholders for "the town or subdistrict where the subject lies": not unit names. */
    public static final List<String> EACH_TOWN = List.of("各镇（街道）", "各相关镇（街道）");

    /** The unit a name (or alias) stands for, by its one name in the pack's list; null when the list has none. */
    public String unit(String name) {
        if (name == null || units == null) return null;
        for (Unit u : units) if (u.answersTo(name)) return u.name();
        return null;
    }

    /** A unit name as the pack's list names it; a name the list does not know stays as it is. */
    public String unitName(String name) {
        String u = unit(name);
        return u == null ? name : u;
    }

    /** The name of the wording table of booleans: {@code wording: Boolean: {true: 是, false: 否}}. */
    public static final String BOOLEAN_WORDING = "Boolean";

    /**
     * The Chinese wording the pack gives a value in messages: an enum value by its type's table in
     * {@code wording} ({@code AlertLevel: {ORANGE: 橙色}}), a boolean by the {@code Boolean} table; null as
     * "未报告". A value without wording prints as it is ({@code lantian test} refuses a pack that lacks any).
     */
    public String zh(Object value) {
        if (value == null) return "未报告";
        String type = value instanceof Boolean ? BOOLEAN_WORDING
                : value instanceof Enum<?> e ? e.getDeclaringClass().getSimpleName() : null;
        Map<String, String> table = type == null || wording == null ? null : wording.get(type);
        String key = value instanceof Enum<?> e ? e.name() : String.valueOf(value);
        String zh = table == null ? null : table.get(key);
        return zh != null ? zh : key;
    }

    /** A word of a wording table that is not an enum's ({@code GridAssignment: {fixedPoint: 定点}}); the key itself when missing. */
    public String word(String table, String key) {
        Map<String, String> t = wording == null ? null : wording.get(table);
        String w = t == null ? null : t.get(key);
        return w != null ? w : key;
    }

    /**
     * Whether a reported value is one of a list target's names ({@code ledger.listed(23, "cleanHeatingModes",
     * $h.heating())}): the pack's interpretations as data. Null when the value was not reported.
     */
    public Boolean listed(int measure, String name, Object value) {
        Object list = target(measure, name).value();
        if (value == null) return null;
        String v = value instanceof Enum<?> e ? e.name() : String.valueOf(value);
        return list instanceof java.util.Collection<?> c && c.contains(v);
    }

    /** True when the pack words this enum value or boolean in Chinese. */
    public boolean hasWording(String type, String value) {
        return wording != null && wording.containsKey(type) && wording.get(type).containsKey(value);
    }

    public Measure measure(int number) {
        // Rules ask on every firing; a ledger numbers its measures 1, 2, 3 … in order, so look there first.
        if (number >= 1 && number <= measures.size()) {
            Measure m = measures.get(number - 1);
            if (m.number() == number) return m;
        }
        for (Measure m : measures) if (m.number() == number) return m;
        throw new IllegalArgumentException("the ledger has no measure " + number);
    }

    public boolean hasMeasure(int number) {
        return measures.stream().anyMatch(m -> m.number() == number);
    }

    public Category category(String numeral) {
        for (Category c : categories) if (c.numeral().equals(numeral)) return c;
        throw new IllegalArgumentException("the ledger has no category " + numeral);
    }

    public Period period(String name) {
        Period p = periods == null ? null : periods.get(name);
        if (p == null) throw new IllegalArgumentException("the ledger has no period \"" + name + "\"; it has "
                + (periods == null ? "none" : periods.keySet()));
        return p;
    }

    public Target target(int measure, String name) {
        return measure(measure).target(name);
    }

    public double num(int measure, String name) {
        Object v = target(measure, name).value();
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("target " + measure + "/" + name + " is not a number: " + v);
    }

    public LocalDate date(int measure, String name) {
        return LocalDate.parse(String.valueOf(target(measure, name).value()));
    }

    public LocalTime time(int measure, String name) {
        String text = String.valueOf(target(measure, name).value());
        LocalTime t = TIMES.get(text); // rules read a time on every firing: each text is parsed once
        if (t == null) {
            t = LocalTime.parse(text);
            if (TIMES.size() < 1024) TIMES.put(text, t);
        }
        return t;
    }

    /** The times of ledgers' targets by their text, parsed once (a ledger has a handful). */
    private static final Map<String, LocalTime> TIMES = new java.util.concurrent.ConcurrentHashMap<>();

    public boolean bool(int measure, String name) {
        Object v = target(measure, name).value();
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException("target " + measure + "/" + name + " is not true/false: " + v);
    }

    public String text(int measure, String name) {
        return String.valueOf(target(measure, name).value());
    }

    /** The period of a kind (day, week, month, quarter, year, a window, deadline) that contains the day. */
    public Period period(String kind, LocalDate day) {
        return Periods.containing(kind, day, this);
    }

    /** The first day of the pack's periods: 1 January of its year. */
    public LocalDate start() {
        return LocalDate.of(year, 1, 1);
    }

    /** The most periods {@link #periodsBetween} gives: ten years of weeks. */
    public static final int MAX_PERIODS = 520;

    /**
     * The periods of a calendar kind from the one containing {@code from} to the one containing {@code to},
     * oldest first; none before the one containing the pack's first day ({@link #start()}), so a fact dated
     * in year 1 cannot make a rule judge two thousand years, and at most {@link #MAX_PERIODS}, the latest, so
     * an as-of date in year 999999999 cannot either. Empty when {@code to} is before both.
     */
    public List<Period> periodsBetween(String kind, LocalDate from, LocalDate to) {
        java.util.ArrayDeque<Period> periods = new java.util.ArrayDeque<>();
        if (from == null || to == null) return List.of();
        LocalDate first = from.isBefore(start()) ? start() : from;
        if (to.isBefore(first)) return List.of();
        if (!Periods.CALENDAR.contains(kind)) return List.of(Periods.containing(kind, to, this)); // a window is one period
        LocalDate day = to;
        while (periods.size() < MAX_PERIODS) {
            Period p = Periods.containing(kind, day, this);
            periods.addFirst(p);
            if (!p.from().isAfter(first) || p.from().equals(LocalDate.MIN)) break;
            day = p.from().minusDays(1);
        }
        return List.copyOf(periods);
    }

    /** The period a measure's target is judged over that contains the day. */
    public Period periodOf(int measure, String target, LocalDate day) {
        return Periods.of(measure(measure), target, day, this);
    }

    /** True when the day lies inside the named period (both ends inclusive). */
    public boolean inPeriod(String period, LocalDate day) {
        return period(period).contains(day);
    }

    /** The time zone the ledger's days are counted in ({@code timezone}, an IANA name such as Asia/Shanghai). */
    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
