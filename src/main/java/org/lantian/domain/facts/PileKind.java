package org.lantian.domain.facts;

/** What a pile (堆场) in a fringe area consists of (measure 36): soil, sand, slag, material, rubbish. */
public enum PileKind {
    SOIL,
    SAND,
    SLAG,
    MATERIAL,
    RUBBISH;
}
