package org.lantian.domain.facts;

/** A pollutant with a permitted annual total under an emission permit (measure 1). */
public enum Pollutant {
    SO2, NOX, PM, VOCS
}
