package org.lantian.domain.facts;

import java.time.LocalDate;
import java.util.Collection;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * Freight an enterprise moved in one year by one mode over one distance band (from its transport ledger), not
 * reported before: records add up. Measure 6 sums the records per enterprise and year; measure 5 the cement
 * plant's clean-transport share. {@code date}, when given, is the day the freight was moved (or the last day
 * of the span reported): the store files the record under it, and records of different days are different
 * records even when their figures are the same.
 */
public record TransportRecord(
        @Required String enterprise,
        @Required Integer year,
        Cargo cargo,
        Double distanceKm,
        TransportMode mode,
        Double tonnes,
        LocalDate date) implements Fact {

    /** "QY-0021/2022": the records of one enterprise and year are checked together. */
    @Override
    public String subject() {
        return enterprise + "/" + year;
    }

    @Override
    public String partitionKey() {
        return enterprise;
    }

    /** True when the mode is one of the names in a pack list (measure 5's {@code cleanModes}, 6's mode lists). */
    public boolean modeIn(Object listed) {
        return mode != null && listed instanceof Collection<?> c && c.contains(mode.name());
    }

    /** True when the cargo is one of the names in a pack list (measure 6's {@code bulkCargo}). */
    public boolean cargoIn(Object listed) {
        return cargo != null && listed instanceof Collection<?> c && c.contains(cargo.name());
    }
}
