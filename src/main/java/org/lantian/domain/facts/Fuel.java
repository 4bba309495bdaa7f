package org.lantian.domain.facts;

/** The fuel a boiler, kiln or other stationary source burns (measures 25, 26). */
public enum Fuel {
    COAL, GAS, BIOMASS, ALCOHOL, OIL, ELECTRIC
}
