package org.lantian.pack;

import java.util.Map;
import java.util.Set;

/**
 * The subjects the pack's registers ({@code registers/*.csv}) list, by fact type: rules see them as the
 * global {@code registers} ({@code registers.has("GridCell", $cell)}), so that a subject the district has
 * registered counts as known even when tonight's submission does not carry it.
 */
public record Registered(Map<String, Set<String>> byType) {
    public static final Registered NONE = new Registered(Map.of());

    public boolean has(String type, String subject) {
        Set<String> s = byType.get(type);
        return s != null && s.contains(subject);
    }
}
