package org.lantian.pack;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The pack's ledger file: every measure with its targets. Rules see it as the global {@code ledger}
 * and read targets by measure and name, e.g. {@code ledger.num(13, "mechanisedRate")}, so that no
 * target is a literal in DRL. {@code dates} is the window every submitted date must lie in (facts,
 * {@code submittedAt}, the as-of date): input validation refuses a year of -999999999 before any rule sees it.
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
        Period dates,
        List<Unit> units,
        Map<String, Map<String, String>> wording) {

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
        return LocalTime.parse(String.valueOf(target(measure, name).value()));
    }

    public boolean bool(int measure, String name) {
        Object v = target(measure, name).value();
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException("target " + measure + "/" + name + " is not true/false: " + v);
    }

    public String text(int measure, String name) {
        return String.valueOf(target(measure, name).value());
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
