package org.lantian.domain.facts;

/** An enterprise's industry, as far as the ledger's measures tell them apart (measures 2, 3, 5, 41). */
public enum Industry {
    CASTING, BRICK, CEMENT_CLINKER, CEMENT, COKING, INDUSTRIAL_COATING, PACKAGING_PRINTING, OTHER;

    /** Cement clinker and cement grinding plants: measure 41 exempts them once their ultra-low filing is done. */
    public boolean cement() {
        return this == CEMENT_CLINKER || this == CEMENT;
    }
}
