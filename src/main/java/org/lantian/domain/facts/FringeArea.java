package org.lantian.domain.facts;

/** The urban-rural fringe areas of measure 36: north-west, south-east, Nancun. */
public enum FringeArea {
    NORTHWEST,
    SOUTHEAST,
    NANCUN;
}
