package org.lantian.domain.facts;

/** A sampled motor fuel (measure 8): petrol (GB 17930-2016) or diesel (GB 19147-2016). */
public enum FuelProduct {
    PETROL, DIESEL
}
