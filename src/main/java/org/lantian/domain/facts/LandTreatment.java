package org.lantian.domain.facts;

/** How a bare or idle parcel was treated (measures 16, 17): not at all, greened, hardened, permeable paving, or only covered. */
public enum LandTreatment {
    NONE("未治理"),
    GREENED("绿化"),
    HARDENED("硬化"),
    PERMEABLE_PAVING("透水铺装"),
    COVERED("苫盖");

    private final String zh;

    LandTreatment(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }
}
