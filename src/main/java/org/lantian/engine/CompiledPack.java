package org.lantian.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.function.Predicate;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.pack.Ledger;
import org.lantian.pack.RulePack;

/** A rule pack compiled into a KieBase, ready to evaluate facts. Thread-safe: each call has its own session. */
public final class CompiledPack {
    /** Deterministic order: by measure, rule, subject; ties keep the order the rules produced them. */
    public static final Comparator<Finding> ORDER = (a, b) -> {
        int c = Integer.compare(a.measure(), b.measure());
        if (c == 0 && a.rule() != b.rule()) c = a.rule().compareTo(b.rule());
        if (c == 0 && a.subject() != b.subject()) c = String.valueOf(a.subject()).compareTo(String.valueOf(b.subject()));
        return c;
    };

    /** Halts sessions that run past their limit; one daemon thread for all. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lantian-evaluation-limit");
        t.setDaemon(true);
        return t;
    });
    private static final Pattern RULE_NAME = Pattern.compile("[Rr]ule \"([^\"]+)\"");

    private final RulePack pack;
    private final KieBase base;
    private final List<RuleInfo> rules;
    private final Set<String> globals;
    private final String hash;
    private final MeasureTexts texts;
    private final PackIndex index;
    private final EvidenceReader evidence;

    CompiledPack(RulePack pack, KieBase base, List<RuleInfo> rules, String hash, PackIndex index) {
        this.pack = pack;
        this.texts = new MeasureTexts(pack.ledger());
        this.base = base;
        this.rules = rules;
        this.hash = hash;
        this.index = index;
        this.evidence = new EvidenceReader(index);
        Set<String> names = new TreeSet<>();
        for (KiePackage p : base.getKiePackages()) p.getGlobalVariables().forEach(g -> names.add(g.getName()));
        this.globals = names;
    }

    /** Evaluates facts as of a day and returns the findings in deterministic order. */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf) {
        return evaluate(facts, asOf, fact -> null);
    }

    /**
     * Evaluates facts whose submissions differ (the nightly batch): a finding about a fact carries the
     * submission id that {@code origin} gives for it.
     *
     * @throws EvaluationFailedException when a rule throws, naming the rule and the facts it fired on
     */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin) {
        return evaluate(facts, asOf, origin, null);
    }

    /**
     * As {@link #evaluate(Collection, LocalDate, Function)}, stopped when it takes longer than {@code limit}
     * (null: no limit). Drools halts between two rule firings, so a limit bounds an evaluation whose rules
     * each do bounded work.
     *
     * @throws EvaluationFailedException when a rule throws or time runs out
     */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin,
                                  Duration limit) {
        return evaluate(facts, asOf, origin, null, limit);
    }

    /**
     * As {@link #evaluate(Collection, LocalDate, Function, Duration)}, where the facts {@code stored} names came
     * from the store's history (null: none did): a finding resting on those alone, over a period that ended before
     * the as-of day, was said when they came and is not said again (docs/findings.md, "Judged once").
     */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin,
                                  Predicate<Fact> stored, Duration limit) {
        // A session halted from the timer's thread is not handed on to another evaluation: a limited one has its own.
        return evaluate(facts, asOf, origin, stored, limit, limit == null ? sessions() : null, true);
    }

    /**
     * As {@link #evaluate(Collection, LocalDate, Function, Predicate, Duration)} without a limit, the findings in the
     * order the rules made them (not sorted): the nightly batch sorts a partition's findings of many evaluations once.
     *
     * @throws EvaluationFailedException when a rule throws, naming the rule and the facts it fired on
     */
    public List<Finding> evaluateUnsorted(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin,
                                          Predicate<Fact> stored) {
        return evaluate(facts, asOf, origin, stored, null, sessions(), false);
    }

    /**
     * Sessions used again (the nightly batch evaluates thousands, each of ~1,000 facts): a session given back
     * ({@code dispose()}) is reset by Drools (facts, globals, agenda, node memories) before it is handed out again.
     */
    private volatile KieSessionsPool sessions;

    KieSessionsPool sessions() {
        KieSessionsPool p = sessions;
        if (p == null) {
            synchronized (this) {
                if (sessions == null) sessions = base.newKieSessionsPool(1);
                p = sessions;
            }
        }
        return p;
    }

    /** As {@link #evaluate(Collection, LocalDate, Function, Duration)}, in a session of the pool (null: a new session). */
    List<Finding> evaluateInPool(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin,
                                 Duration limit, KieSessionsPool pool) {
        return evaluate(facts, asOf, origin, null, limit, pool, true);
    }

    private List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf, Function<Fact, String> origin,
                                   Predicate<Fact> stored, Duration limit, KieSessionsPool pool, boolean sorted) {
        FindingCollector collector = new FindingCollector(texts, evidence, asOf, origin, stored);
        KieSession session = pool == null ? base.newKieSession() : pool.newKieSession();
        AtomicBoolean halted = new AtomicBoolean();
        ScheduledFuture<?> timer = limit == null ? null : TIMER.schedule(() -> {
            halted.set(true);
            session.halt();
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            if (globals.contains("findings")) session.setGlobal("findings", collector);
            if (globals.contains("ledger")) session.setGlobal("ledger", pack.ledger());
            if (globals.contains("registers")) session.setGlobal("registers", registered());
            session.insert(new Evaluation(asOf));
            for (Fact f : facts) session.insert(f);
            session.fireAllRules();
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? null : e.getMatch().getRule().getName();
            List<Object> on = e.getMatch() == null ? List.of() : List.copyOf(e.getMatch().getObjects());
            throw failed(rule == null ? "?" : rule, on, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            // A condition that throws surfaces as Drools' own exception naming the rule in its text.
            Matcher m = RULE_NAME.matcher(String.valueOf(e.getMessage()));
            throw failed(m.find() ? m.group(1) : "?", List.of(), e);
        } finally {
            if (timer != null) timer.cancel(false);
            session.dispose();
        }
        if (halted.get()) {
            throw new EvaluationFailedException("the evaluation was stopped after " + limit.toMillis()
                    + " ms (the time limit of one evaluation)", null, List.of(), null);
        }
        List<Finding> out = collector.findings();
        if (sorted) out.sort(ORDER);
        return out;
    }

    private static EvaluationFailedException failed(String rule, List<Object> facts, Throwable cause) {
        String subjects = facts.stream().filter(f -> f instanceof Fact).map(f -> ((Fact) f).subject()).distinct()
                .limit(5).reduce((a, b) -> a + ", " + b).map(s -> " on " + s).orElse("");
        String why = cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                : ": " + cause.getMessage().lines().findFirst().orElse(""));
        if (why.length() > 300) why = why.substring(0, 297) + "...";
        return new EvaluationFailedException("rule " + rule + " failed" + subjects + " (" + why + ")", rule, facts, cause);
    }

    private volatile org.lantian.pack.Registered registered;

    /** The subjects of the pack's registers by fact type, read once (the global {@code registers}). */
    public org.lantian.pack.Registered registered() {
        if (registered == null) {
            try {
                var byType = new java.util.HashMap<String, Set<String>>();
                for (var r : org.lantian.batch.Registers.load(pack.dir(), pack.ledger()).registers()) {
                    for (var e : r.entries()) byType.computeIfAbsent(String.valueOf(e.type()), k -> new java.util.HashSet<>()).add(e.subject());
                }
                registered = new org.lantian.pack.Registered(byType);
            } catch (org.lantian.pack.PackException e) {
                throw new IllegalStateException("the pack's registers do not load: " + e.getMessage(), e);
            }
        }
        return registered;
    }

    public RulePack pack() {
        return pack;
    }

    public Ledger ledger() {
        return pack.ledger();
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    public List<RuleInfo> rulesOf(int measure) {
        return rules.stream().filter(r -> r.measure() == measure).toList();
    }

    /** The KieBase, for tests that read its rules' metadata. */
    KieBase base() {
        return base;
    }

    PackIndex index() {
        return index;
    }

    /** A content hash of the ledger file, the DRL files and the decision tables: which rules produced a report. */
    public String hash() {
        return hash;
    }
}
