package org.lantian.domain.facts;

/**
 * How freight was moved (measures 5, 6). Which modes count as clean is the pack's interpretation: measure 5's
 * target {@code cleanModes}, measure 6's {@code longDistanceModes} and {@code shortDistanceModes}.
 */
public enum TransportMode {
    RAIL, PIPELINE, BELT, NEW_ENERGY_TRUCK, ROAD_TRUCK
}
