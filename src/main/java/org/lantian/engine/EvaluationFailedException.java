package org.lantian.engine;

import java.util.List;

/**
 * An evaluation that could not finish: a rule threw (its name and, when Drools knows them, the facts it
 * fired on), or the evaluation ran past its time limit. The input's fault or the pack's, never the
 * caller's: the server answers 422, {@code check} exits 2, the batch rejects the records concerned.
 */
public final class EvaluationFailedException extends RuntimeException {
    private final String rule;
    private final transient List<Object> facts;

    public EvaluationFailedException(String message, String rule, List<Object> facts, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.facts = facts == null ? List.of() : List.copyOf(facts);
    }

    /** The rule that failed, or null when the evaluation was stopped for time. */
    public String rule() {
        return rule;
    }

    /** The facts the failing rule had matched (empty when a condition failed or time ran out). */
    public List<Object> facts() {
        return facts;
    }

    public boolean timedOut() {
        return rule == null;
    }
}
