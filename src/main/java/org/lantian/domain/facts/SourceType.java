package org.lantian.domain.facts;

/** What kind of stationary source an emission test was taken on (measures 5, 26). */
public enum SourceType {
    CEMENT_KILN, BOILER, INDUSTRIAL_FURNACE, OTHER
}
