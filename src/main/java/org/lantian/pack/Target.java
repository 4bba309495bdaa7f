package org.lantian.pack;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A named target value of a measure, with its unit and where the number comes from (L, S or I); {@code period}
 * overrides the measure's period kind where this target is judged over another.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(Object value, String unit, String source, String note, String period) {

    /** True when the pack chose this value (source I): an interpretation, not the ledger's or a standard's. */
    public boolean interpretation() {
        return "I".equals(source);
    }
}
