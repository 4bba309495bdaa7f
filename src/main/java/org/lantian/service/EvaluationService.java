package org.lantian.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.domain.Submission;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.EvaluationFailedException;
import org.lantian.engine.RuleInfo;
import org.lantian.input.FactReader;
import org.lantian.input.InvalidInputException;

/** The one evaluation path the CLI, the HTTP API and the batch share: parse → validate → evaluate → report. */
public final class EvaluationService {
    /** Longest one submission's evaluation may take (a few ms is usual): the server stays responsive whatever is posted. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private final CompiledPack pack;
    private final FactReader reader;

    public EvaluationService(CompiledPack pack) {
        this.pack = pack;
        this.reader = new FactReader(pack.ledger());
    }

    /** The pack's validation step: what check, serve and batch read input with. */
    public FactReader reader() {
        return reader;
    }

    public CompiledPack pack() {
        return pack;
    }

    /** Validates a submission document and the as-of date, and evaluates it. */
    public CheckReport check(JsonNode document, LocalDate asOf) throws InvalidInputException {
        Submission submission = reader.readSubmission(document);
        return check(submission, reader.asOf(asOf, "asOf"));
    }

    /**
     * Evaluates a validated submission within {@link #TIME_LIMIT}.
     *
     * @throws EvaluationFailedException when a rule throws on this input or the evaluation runs out of time
     */
    public CheckReport check(Submission submission, LocalDate asOf) {
        return report(submission.submission(), asOf, pack.evaluate(submission.facts(), asOf, fact -> null, TIME_LIMIT));
    }

    /** Evaluates bare facts (test cases, the batch). */
    public List<Finding> evaluate(Collection<? extends Fact> facts, LocalDate asOf) {
        return pack.evaluate(facts, asOf);
    }

    public CheckReport report(String submission, LocalDate asOf, List<Finding> findings) {
        return new CheckReport(submission, asOf, pack.ledger().pack(), findings, summarize(findings),
                measuresWithoutData(findings));
    }

    public static Map<Status, Integer> summarize(List<Finding> findings) {
        Map<Status, Integer> summary = new EnumMap<>(Status.class);
        for (Finding f : findings) summary.merge(f.status(), 1, Integer::sum);
        return summary;
    }

    private List<Integer> measuresWithoutData(List<Finding> findings) {
        Set<Integer> encoded = new TreeSet<>();
        for (RuleInfo r : pack.rules()) encoded.add(r.measure());
        for (Finding f : findings) {
            if (f.status() != Status.NO_DATA) encoded.remove(f.measure());
        }
        return List.copyOf(encoded);
    }
}
