package org.lantian.domain.facts;

/** How a bare or idle parcel was treated (measures 16, 17): not at all, greened, hardened, permeable paving, or only covered. */
public enum LandTreatment {
    NONE,
    GREENED,
    HARDENED,
    PERMEABLE_PAVING,
    COVERED;
}
