package org.lantian.domain.facts;

/** What was burnt in the open (measure 28): straw, rubbish, leaves, tyres, asphalt, other. */
public enum BurningMaterial {
    STRAW,
    RUBBISH,
    LEAVES,
    TYRES,
    ASPHALT,
    OTHER;
}
