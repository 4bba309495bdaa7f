package org.lantian.domain.facts;

/** A fuel outlet: a filling station, a self-built tank (自建油罐) or a mobile refueller (流动加油车) (measures 8, 39). */
public enum OutletKind {
    STATION, SELF_BUILT_TANK, MOBILE_REFUELLER
}
