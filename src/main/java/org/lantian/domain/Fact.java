package org.lantian.domain;

/** A submitted observation that rules evaluate. Implemented by plain records in {@code domain.facts}. */
public interface Fact {
    /** The id of the thing observed (road, plate, restaurant …): the subject of its findings. */
    String subject();

    /** The town or subdistrict where the subject lies, or null when the fact has none. */
    default String town() {
        return null;
    }
}
