package org.lantian.engine;

/**
 * A compiled rule: its stable id (the rule name), the measure it encodes, the DRL file it lives in, and
 * whether it is advisory ({@code @advisory} metadata: a miss is a WARN, never a FAIL).
 */
public record RuleInfo(String id, int measure, String file, boolean advisory) {
    public RuleInfo(String id, int measure, String file) {
        this(id, measure, file, false);
    }
}
