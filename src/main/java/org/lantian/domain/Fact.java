package org.lantian.domain;

/** A submitted observation that rules evaluate. Implemented by plain records in {@code domain.facts}. */
public interface Fact {
    /** The id of the thing observed (road, plate, restaurant …): the subject of its findings. */
    String subject();

    /** The town or subdistrict where the subject lies, or null when the fact has none. */
    default String town() {
        return null;
    }

    /**
     * The day the fact reports (a road's cleaning day, a campaign's day), or null for a fact that is not
     * about one day. A finding about the fact is judged over the period of its target that contains this
     * day (else the evaluation's as-of day); the store files the fact's history under it.
     */
    default java.time.LocalDate day() {
        return null;
    }

    /**
     * Facts that rules must see together share a partition key. The nightly batch evaluates the night in
     * partitions, so a rule that joins or aggregates facts of different subjects (the whole sanitation
     * fleet, the campaigns of a town) needs a type that overrides this. Context facts ({@link Context})
     * are seen by every partition.
     */
    default String partitionKey() {
        return subject();
    }
}
