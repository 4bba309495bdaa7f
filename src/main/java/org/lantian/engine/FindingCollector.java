package org.lantian.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.drools.core.common.QueryElementFactHandle;
import org.drools.core.reteoo.LeftTupleSink;
import org.drools.core.reteoo.TupleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleContext;
import org.lantian.domain.Evidence;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Span;
import org.lantian.pack.Measure;
import org.lantian.pack.Period;

/**
 * The global {@code findings} of every rule. A rule's consequence starts a {@link Check} about a
 * subject, compares an observed value with a named target of its measure, and says what it checked:
 * <pre>findings.about(kcontext, $road).atLeast($road.mechanizedRate(), "mechanisedRate").say("…", "…");</pre>
 * The measure comes from the rule's {@code @measure} metadata and the rule id from its name.
 */
public final class FindingCollector {
    /** A fact type's simple name, as findings name it (Class.getSimpleName works it out on every call). */
    private static final ClassValue<String> TYPE = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName();
        }
    };
    /**
     * Whether a fact type's subject can be kept: a record's is a function of its components, which do not change
     * (every fact type of the domain is one).
     */
    private static final ClassValue<Boolean> RECORD = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isRecord();
        }
    };
    private final MeasureTexts texts;
    private final EvidenceReader evidence;
    private final LocalDate asOf;
    private final Function<Fact, String> origin;
    /** Which facts came from the store's history rather than the evaluation's own input (null: none did). */
    private final Predicate<Fact> stored;
    private final List<Finding> findings = new ArrayList<>();

    /** {@code origin} names the submission a fact came from, for findings about that fact. */
    FindingCollector(MeasureTexts texts, EvidenceReader evidence, LocalDate asOf, Function<Fact, String> origin) {
        this(texts, evidence, asOf, origin, null);
    }

    /** As above, with the facts that are {@code stored} history (null: none), see {@link #judgedBefore}. */
    FindingCollector(MeasureTexts texts, EvidenceReader evidence, LocalDate asOf, Function<Fact, String> origin,
                     Predicate<Fact> stored) {
        this.texts = texts;
        this.evidence = evidence;
        this.asOf = asOf;
        this.origin = origin;
        this.stored = stored;
    }

    /** A check about a submitted fact: subject, type and town come from the fact. */
    public Check about(RuleContext kcontext, Fact fact) {
        MeasureTexts.RuleText rule = rule(kcontext);
        return new Check(this, kcontext, texts, rule.of(), rule.name(), subject(fact), TYPE.get(fact.getClass()),
                fact.town(), origin.apply(fact), fact.day()).of(fact);
    }

    /**
     * The subjects of the facts findings were last about, by the facts' identity (a fact has a finding per rule on it,
     * and the rules fire in turn over a session's ~1,000 facts: four slots a fact keep most of them apart).
     */
    private final Fact[] subjectOf = new Fact[4096];
    private final String[] subjects = new String[subjectOf.length];

    /** A fact's subject, made once for its findings of this evaluation (most types make it anew on every call). */
    String subject(Fact fact) {
        if (!RECORD.get(fact.getClass())) return fact.subject();
        int i = System.identityHashCode(fact) & (subjectOf.length - 1);
        if (subjectOf[i] == fact) return subjects[i];
        String subject = fact.subject();
        subjectOf[i] = fact;
        subjects[i] = subject;
        return subject;
    }

    /**
     * A check about a fact over a period, under a subject that names the period ("R-001/2022-W26"): type,
     * town and submission come from the fact.
     */
    public Check about(RuleContext kcontext, Fact fact, String subject) {
        MeasureTexts.RuleText rule = rule(kcontext);
        return new Check(this, kcontext, texts, rule.of(), rule.name(), subject, TYPE.get(fact.getClass()),
                fact.town(), origin.apply(fact), fact.day()).of(fact);
    }

    /** A check about a subject that is not one fact, such as the whole sanitation fleet or a town. */
    public Check about(RuleContext kcontext, String subject, String subjectType, String town) {
        MeasureTexts.RuleText rule = rule(kcontext);
        return new Check(this, kcontext, texts, rule.of(), rule.name(), subject, subjectType, town, null, null);
    }

    private Rule lastRule;
    private MeasureTexts.RuleText lastText;

    /** The texts of the rule firing: a rule fires for its matches in a row, so mostly those of the last finding. */
    private MeasureTexts.RuleText rule(RuleContext kcontext) {
        Rule rule = kcontext.getRule();
        if (rule != lastRule) {
            lastText = texts.rule(rule);
            lastRule = rule;
        }
        return lastText;
    }

    /** A period of a measure's target that contains a day, and its span as findings give it. */
    record Judged(Measure measure, String target, LocalDate day, Period period, Span span) {
    }

    /** The periods last judged over: the findings of a session fall on few days, mostly in runs of one rule. */
    private final Judged[] judged = new Judged[64];

    /** The period of a measure's target that contains the day (from a small cache: a period is a pure function of these). */
    Judged period(Measure measure, String target, LocalDate day) {
        int h = (measure.number() * 31 + (target == null ? 0 : target.hashCode())) * 31 + day.hashCode();
        int i = (h ^ (h >>> 7)) & (judged.length - 1);
        Judged j = judged[i];
        if (j != null && j.measure() == measure && Objects.equals(j.target(), target) && j.day().equals(day)) return j;
        Period p = texts.period(measure, target, day);
        judged[i] = j = new Judged(measure, target, day, p, new Span(p.from(), p.to()));
        return j;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public List<Finding> findings() {
        return findings;
    }

    /**
     * The facts of the rule's current match, as the evidence of a finding about {@code fact} (null: about no one
     * fact) from {@code submission}.
     */
    List<Evidence> evidence(RuleContext kcontext, Fact fact, String submission) {
        if (kcontext == null || evidence == null) return List.of(); // a check made outside a rule's consequence (tests)
        int n = matched(kcontext.getMatch());
        List<Evidence> out = evidence.of(kcontext.getRule().getName(), matched, n, origin, fact, submission);
        java.util.Arrays.fill(matched, 0, n, null); // the buffer holds no fact past this finding
        return out;
    }

    /**
     * Whether the rule's current match was judged when its facts came, so that a finding of it over {@code period}
     * is not said again (docs/findings.md, "Judged once"): the period ended before the as-of day and every object
     * of the match is a stored fact. A stored fact was judged by the post or night that brought it; loaded again
     * for a period still running, it may still count towards that period's findings (whose matches hold
     * tonight's facts, the {@link Evaluation} or an accumulated value), but its own day is not judged twice.
     */
    boolean judgedBefore(RuleContext kcontext, Period period) {
        if (stored == null || kcontext == null || !period.to().isBefore(asOf)) return false;
        int n = matched(kcontext.getMatch());
        boolean all = n > 0;
        for (int i = 0; i < n && all; i++) all = isStored(matched[i]);
        java.util.Arrays.fill(matched, 0, n, null);
        return all;
    }

    /**
     * Whether every one of {@code facts} came from the store's history (false for none, or without history): a rule
     * that judges past periods on purpose judges a subject known from stored facts alone only over the period
     * containing the as-of day, the rest was judged when the facts came (docs/findings.md, "Judged once").
     */
    public boolean allStored(java.util.Collection<?> facts) {
        if (stored == null || facts == null || facts.isEmpty()) return false;
        for (Object o : facts) {
            if (!isStored(o)) return false;
        }
        return true;
    }

    /** Whether an object of a match is a fact from the store's history (with history: {@code stored} is set). */
    private boolean isStored(Object o) {
        return o instanceof Fact f && stored.test(f);
    }

    /** The facts of the current match, read into a buffer kept for the session (one collector, one thread). */
    private Object[] matched = new Object[8];

    /**
     * Reads the facts of a match into {@link #matched}, as {@code match.getObjects()} lists them, and returns how many:
     * from a tuple without getObjects()' four objects per call (a night's findings are millions), the handles of the
     * match's tuple from its last to its first; else from getObjects().
     */
    private int matched(Match match) {
        if (!(match instanceof TupleImpl tuple) || !(tuple.getSink() instanceof LeftTupleSink sink)) {
            List<Object> objects = match.getObjects();
            if (matched.length < objects.size()) matched = new Object[objects.size()];
            objects.toArray(matched);
            return objects.size();
        }
        int n = sink.getLeftTupleSource().getObjectCount();
        if (matched.length < n) matched = new Object[n];
        TupleImpl t = tuple.skipEmptyHandles();
        for (int i = n - 1; i >= 0; i--) {
            matched[i] = t.getFactHandle().getObject();
            t = t.getParent();
        }
        int kept = 0; // getObjects() leaves out the objects of query elements
        for (int i = 0; i < n; i++) if (!(matched[i] instanceof QueryElementFactHandle)) matched[kept++] = matched[i];
        java.util.Arrays.fill(matched, kept, n, null);
        return kept;
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    static int measureOf(Rule rule) {
        Object m = rule.getMetaData().get("measure");
        if (m instanceof Number n) return n.intValue();
        if (m != null) return Integer.parseInt(m.toString().trim());
        throw new IllegalStateException("rule \"" + rule.getName() + "\" has no @measure metadata");
    }
}
