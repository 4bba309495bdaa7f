package org.lantian.domain.facts;

/** How freight was moved (measures 5, 6). */
public enum TransportMode {
    RAIL, PIPELINE, BELT, NEW_ENERGY_TRUCK, ROAD_TRUCK;

    /** Rail or pipeline: what medium and long distance bulk transport should mainly use (measure 6). */
    public boolean railOrPipeline() {
        return this == RAIL || this == PIPELINE;
    }

    /** Closed belt corridor or new-energy vehicle: preferred for short distance and in-plant transfer (measure 6). */
    public boolean beltOrNewEnergy() {
        return this == BELT || this == NEW_ENERGY_TRUCK;
    }

    /** Anything but a conventional road truck counts as clean transport (measure 5). */
    public boolean clean() {
        return this != ROAD_TRUCK;
    }
}
