package org.lantian.domain.facts;

/** How a VOC content is expressed (measure 30); matched against the unit of the pack's limit. */
public enum VocUnit {
    G_PER_L("g/L"), PCT("pct"), G_PER_KG("g/kg");

    private final String ledgerUnit;

    VocUnit(String ledgerUnit) {
        this.ledgerUnit = ledgerUnit;
    }

    /** The unit as ledger.yaml writes it ("g/L", "pct", "g/kg"). */
    public String ledgerUnit() {
        return ledgerUnit;
    }
}
