package org.lantian.domain.facts;

/** Heavy-pollution weather alert level (重污染天气预警), in rising order. */
public enum AlertLevel {
    NONE, YELLOW, ORANGE, RED;

    /** The next-higher level; RED stays RED (measure 3: one level stricter). */
    public AlertLevel stricter() {
        return this == RED ? RED : values()[ordinal() + 1];
    }
}
