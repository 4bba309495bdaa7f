package org.lantian.domain.facts;

/** The kind of coal a dealer sells (measures 23, 24): loose bituminous or anthracite coal, or briquettes. */
public enum CoalKind {
    BITUMINOUS, ANTHRACITE,
    /** 型煤: judged by GB 34170-2017 (measure 23), not by the loose-coal limits of measure 24. */
    BRIQUETTE
}
