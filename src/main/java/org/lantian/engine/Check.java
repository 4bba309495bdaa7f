package org.lantian.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.kie.api.runtime.rule.RuleContext;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Message;
import org.lantian.domain.Span;
import org.lantian.domain.Status;
import org.lantian.pack.Measure;
import org.lantian.pack.Period;
import org.lantian.pack.Periods;
import org.lantian.pack.Target;

/**
 * One target checked for one subject, built in a rule's consequence and ended by {@link #say}.
 * A missing observation (null) gives NO_DATA, never a silent pass. Messages may use
 * {@code {observed}}, {@code {target}} and {@code {subject}}.
 * <p>
 * Every finding is judged over the period of its target (ledger {@code period:}) that contains the fact's
 * day, or the day given by {@link #on}, else the as-of day; and by the one judging rule of docs/findings.md:
 * a shortfall ({@link #atLeast}, {@link #atLeastValue}, {@link #holds}, {@link #shortfall}) while its period
 * runs is PENDING, once the period has ended FAIL; a breach ({@link #atMost}, {@link #atMostValue},
 * {@link #absent}, {@link #breach}) is FAIL at once. A period has ended when the as-of day is its last day or
 * later: an evaluation as of D judges D as a closed day (the night after it).
 */
public final class Check {
    private final FindingCollector out;
    private final RuleContext kcontext;
    private final MeasureTexts texts;
    private final MeasureTexts.Of of;
    private final Measure measure;
    private final String rule;
    private final String subject;
    private final String subjectType;
    private final String town;
    private final String submission;
    private Fact fact;
    private Status status;
    private Object observed;
    private Object target;
    private String unit;
    private String targetName;
    private LocalDate day;
    private Period period;
    private Span span;
    private boolean shortfall;

    Check(FindingCollector out, RuleContext kcontext, MeasureTexts texts, int measure, String rule, String subject,
          String subjectType, String town, String submission, LocalDate day) {
        this(out, kcontext, texts, texts.of(measure), rule, subject, subjectType, town, submission, day);
    }

    Check(FindingCollector out, RuleContext kcontext, MeasureTexts texts, MeasureTexts.Of of, String rule, String subject,
          String subjectType, String town, String submission, LocalDate day) {
        this.day = day;
        this.out = out;
        this.kcontext = kcontext;
        this.texts = texts;
        this.of = of;
        this.measure = of.measure;
        this.rule = rule;
        this.subject = subject;
        this.subjectType = subjectType;
        this.town = town;
        this.submission = submission;
    }

    /** The fact this check is about (its submission is the finding's). */
    Check of(Fact fact) {
        this.fact = fact;
        return this;
    }

    /** Passes when observed ≥ the measure's named target. */
    public Check atLeast(Number observed, String targetName) {
        Target t = measure.target(targetName);
        this.targetName = targetName;
        return compare(observed, (Number) t.value(), t.unit(), true);
    }

    /** Passes when observed ≤ the measure's named target. */
    public Check atMost(Number observed, String targetName) {
        Target t = measure.target(targetName);
        this.targetName = targetName;
        return compare(observed, (Number) t.value(), t.unit(), false);
    }

    /** Passes when observed ≥ a target the rule computed from ledger values (e.g. 50% of a baseline). */
    public Check atLeastValue(Number observed, Number target) {
        return compare(observed, target, null, true);
    }

    /** Passes when observed ≤ a target the rule computed from ledger values. */
    public Check atMostValue(Number observed, Number target) {
        return compare(observed, target, null, false);
    }

    /** The observed value and target are ratios: messages print them as percentages (0.3 as 30%). */
    public Check percent() {
        this.unit = "ratio";
        return this;
    }

    /** Passes when the observed condition holds (purifier installed, log kept …). */
    public Check holds(Boolean observed) {
        shortfall = true;
        return set(observed == null ? Status.NO_DATA : observed ? Status.PASS : Status.FAIL, observed, true);
    }

    /** Passes when the observed condition does not hold (operating within 100 m of the core …). */
    public Check absent(Boolean observed) {
        return set(observed == null ? Status.NO_DATA : observed ? Status.FAIL : Status.PASS, observed, false);
    }

    /** Judges over the period of this target (its ledger {@code period:}, else the measure's). */
    public Check target(String targetName) {
        measure.target(targetName); // a name the ledger does not have fails the rule, naming it
        this.targetName = targetName;
        return this;
    }

    /** Judges over the target's period that contains this day (default: the fact's day, else the as-of day). */
    public Check on(LocalDate day) {
        if (day != null) this.day = day;
        return this;
    }

    /** Judges over this period (a rule that chose the period itself, e.g. one quarter of several). */
    public Check over(Period period) {
        this.period = period;
        this.span = null;
        return this;
    }

    /** A miss that can still be made up while the period runs: PENDING until the period has ended. */
    public Check shortfall() {
        shortfall = true;
        return this;
    }

    /** A miss that cannot be undone (a ban broken, a limit exceeded, a deadline passed): FAIL at once. */
    public Check breach() {
        shortfall = false;
        return this;
    }

    /** Sets the status directly, for checks that are not one comparison. */
    public Check status(Status status, Object observed, Object target) {
        return set(status, observed instanceof Number n ? round(n) : observed, target);
    }

    /** A miss before the measure's due date is PENDING; after it, FAIL. */
    public Check pendingUntilDue() {
        return pendingUntil(measure.deadline().due());
    }

    /** A miss before the named milestone of the measure's deadline is PENDING; after it, FAIL. */
    public Check pendingUntilMilestone(String milestone) {
        LocalDate due = measure.deadline().milestone(milestone);
        if (due == null) throw new IllegalArgumentException("measure " + measure.number() + " has no milestone " + milestone);
        return pendingUntil(due);
    }

    private Check pendingUntil(LocalDate due) {
        if (status == Status.FAIL && due != null && out.asOf().isBefore(due)) status = Status.PENDING;
        return this;
    }

    /** An advisory target: a miss is a WARN, never a FAIL. */
    public Check advisory() {
        if (status == Status.FAIL) status = Status.WARN;
        return this;
    }

    /** Records the finding with its message in Chinese and English, and the facts of the rule's match as its evidence. */
    public void say(String zh, String en) {
        if (status == null) throw new IllegalStateException("rule " + rule + " said a finding without checking anything");
        Period p = period();
        if (status == Status.FAIL && shortfall && out.asOf().isBefore(p.to())) {
            pending(zh, en, p);
            return;
        }
        add(zh, en, p);
    }

    /** A shortfall while its period runs: PENDING, the message saying when the period ends. */
    private void pending(String zh, String en, Period p) {
        status = Status.PENDING;
        add(zh + "；" + ends(p, true), en + "; " + ends(p, false), p);
    }

    private void add(String zh, String en, Period p) {
        if (out.judgedBefore(kcontext, p)) return;
        out.add(new Finding(measure.number(), rule, subject, subjectType, status, observed, target,
                of.units(town), Message.lazy(new Said(zh, en, observed, target, unit, subject, texts.ledger())),
                of.deadline,
                span != null ? span : new Span(p.from(), p.to()), submission, null, out.evidence(kcontext, fact, submission)));
    }

    /** The period this finding is judged over. */
    public Period period() {
        if (period == null) {
            FindingCollector.Judged j = out.period(measure, targetName, day != null ? day : out.asOf());
            period = j.period();
            span = j.span();
        }
        return period;
    }

    /** "the week ends 2022-07-03" / "本周至 2022-07-03 结束". */
    private String ends(Period p, boolean zh) {
        String kind = measure.periodOf(targetName);
        String to = p.to().toString();
        return switch (kind) {
            case "day" -> zh ? "当日至 " + to + " 结束" : "the day ends " + to;
            case "week" -> zh ? "本周至 " + to + " 结束" : "the week ends " + to;
            case "month" -> zh ? "本月至 " + to + " 结束" : "the month ends " + to;
            case "quarter" -> zh ? "本季度至 " + to + " 结束" : "the quarter ends " + to;
            case "year" -> zh ? "本年度至 " + to + " 结束" : "the year ends " + to;
            default -> kind.startsWith("deadline") ? (zh ? "期限 " + to : "due " + to)
                    : (zh ? "期间至 " + to + " 结束" : "the period ends " + to);
        };
    }

    private Check compare(Number observed, Number target, String unit, boolean atLeast) {
        this.unit = unit;
        this.shortfall = atLeast;
        if (observed == null) return set(Status.NO_DATA, null, target);
        double o = observed.doubleValue();
        double t = target.doubleValue();
        boolean ok = atLeast ? o >= t - 1e-9 : o <= t + 1e-9;
        return set(ok ? Status.PASS : Status.FAIL, round(observed), target);
    }

    private Check set(Status status, Object observed, Object target) {
        this.status = status;
        this.observed = observed;
        this.target = target;
        return this;
    }

    /**
     * A said message as its rule wrote it and the values it names, filled in when first read ({@link Message#lazy}):
     * most findings of a night are PASS, whose messages findings.jsonl does not write. Holds no engine state.
     */
    record Said(String zh, String en, Object observed, Object target, String unit, String subject,
                        org.lantian.pack.Ledger ledger) implements Message.Source {
        @Override
        public String zh() {
            return fill(zh, true);
        }

        @Override
        public String en() {
            return fill(en, false);
        }

        /**
         * Fills the placeholders; in the Chinese text a boolean or enum value takes the pack's wording (是/否, 橙色).
         * In one pass where that is what replacing {observed}, {target} and {subject} in turn gives: every brace
         * opens a placeholder and no value holds one; else in turn.
         */
        String fill(String text, boolean zh) {
            int brace = text.indexOf('{');
            if (brace < 0) return text;
            StringBuilder b = new StringBuilder(text.length() + 16);
            int from = 0;
            for (int i = brace; i >= 0; i = text.indexOf('{', from)) {
                String value;
                int length;
                if (text.startsWith("{observed}", i)) {
                    value = value(observed, zh);
                    length = "{observed}".length();
                } else if (text.startsWith("{target}", i)) {
                    value = value(target, zh);
                    length = "{target}".length();
                } else if (text.startsWith("{subject}", i)) {
                    value = String.valueOf(subject);
                    length = "{subject}".length();
                } else {
                    return inTurn(text, zh);
                }
                if (value.indexOf('{') >= 0) return inTurn(text, zh);
                b.append(text, from, i).append(value);
                from = i + length;
            }
            return b.append(text, from, text.length()).toString();
        }

        private String value(Object v, boolean zh) {
            return zh && worded(v) ? ledger.zh(v) : show(v);
        }

        /** Each placeholder replaced in turn, in the text as the one before left it. */
        String inTurn(String text, boolean zh) {
            if (text.contains("{observed}")) text = text.replace("{observed}", value(observed, zh));
            if (text.contains("{target}")) text = text.replace("{target}", value(target, zh));
            return text.replace("{subject}", String.valueOf(subject));
        }

        private String show(Object v) {
            if (v == null) return "—";
            if (v instanceof Number n && "ratio".equals(unit)) {
                return new BigDecimal(n.doubleValue() * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
            }
            if (v instanceof Double d) return plain(d);
            return String.valueOf(v);
        }
    }

    private static boolean worded(Object v) {
        return v instanceof Boolean || v instanceof Enum<?>;
    }

    /** A double as plain decimal text without trailing zeros: 12.5, 3, 0.0001 (never 1.0E-4). */
    static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        String s = Double.toString(d);
        return s.indexOf('E') < 0 ? s : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** Four decimals are enough for a rate and keep 0.93 from printing as 0.9300000000000001. */
    static Object round(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Math.rint(d * 1e4) / 1e4 == d) return d; // four decimals or fewer already: nothing to round
            return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().doubleValue();
        }
        return n;
    }
}
