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
        Period dates) {

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
