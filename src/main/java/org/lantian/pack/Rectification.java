package org.lantian.pack;

import java.time.LocalDate;
import java.util.Map;

/**
 * How rectification cases are timed (ledger.yaml {@code rectification:}, docs/cases.md): a FAIL's case is due
 * {@code rectifyDays} after the FAIL's day ({@code measures} overrides it per measure); a FAIL within
 * {@code repeatWithinDays} after a case was closed reopens it as a repeat. The ledger names no time limits:
 * these are interpretations ({@code source: I}).
 */
public record Rectification(Integer rectifyDays, Integer repeatWithinDays, Map<Integer, Integer> measures, String source,
                            String note) {
    public static final int DEFAULT_RECTIFY_DAYS = 15;
    public static final int DEFAULT_REPEAT_WITHIN_DAYS = 90;
    /** Nothing configured: the defaults. */
    public static final Rectification DEFAULTS = new Rectification(null, null, null, "I", null);
    /** The longest time limit a pack may set: ten years (a due day stays a real date whatever the FAIL's day). */
    public static final int MAX_DAYS = 3660;

    public int rectifyDays(int measure) {
        Integer days = measures == null ? null : measures.get(measure);
        if (days != null) return days;
        return rectifyDays == null ? DEFAULT_RECTIFY_DAYS : rectifyDays;
    }

    @Override
    public Integer repeatWithinDays() {
        return repeatWithinDays == null ? DEFAULT_REPEAT_WITHIN_DAYS : repeatWithinDays;
    }

    /** The due day of a case a FAIL of the measure opens on {@code day}. */
    public LocalDate dueOn(int measure, LocalDate day) {
        return day.plusDays(rectifyDays(measure));
    }

    /** What is wrong with the values, or null. */
    String problem() {
        if (rectifyDays != null && (rectifyDays < 0 || rectifyDays > MAX_DAYS)) return "rectifyDays: expected 0.." + MAX_DAYS + ", found " + rectifyDays;
        if (repeatWithinDays != null && (repeatWithinDays < 0 || repeatWithinDays > MAX_DAYS)) {
            return "repeatWithinDays: expected 0.." + MAX_DAYS + ", found " + repeatWithinDays;
        }
        if (measures != null) {
            for (Map.Entry<Integer, Integer> e : measures.entrySet()) {
                if (e.getValue() == null || e.getValue() < 0 || e.getValue() > MAX_DAYS) {
                    return "measures: " + e.getKey() + ": expected 0.." + MAX_DAYS + " days, found " + e.getValue();
                }
            }
        }
        return null;
    }
}
