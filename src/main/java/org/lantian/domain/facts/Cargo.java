package org.lantian.domain.facts;

/** What a transport record carried (measures 5, 6); which of these count as bulk cargo is pack data. */
public enum Cargo {
    COAL, ORE, COKE, CLINKER, SAND_GRAVEL, OTHER
}
