package org.lantian.engine;

/** A compiled rule: its stable id (the rule name), the measure it encodes and the DRL file it lives in. */
public record RuleInfo(String id, int measure, String file) {
}
