package org.lantian.domain.facts;

import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/** One material stored at one site or yard: how it is stored and whether it is watered or covered. Measure 18. */
public record MaterialStorage(
        @Required String site,
        String name,
        String town,
        @Required Material material,
        StorageKind storage,
        Boolean watered,
        Boolean covered) implements Fact {

    /** "YD-0412/POWDER": a site may store several materials. */
    @Override
    public String subject() {
        return site + "/" + material;
    }

    /** Dust suppressed by watering or covering: TRUE when either is, FALSE when both are reported not, else null. */
    public Boolean dustSuppressed() {
        if (Boolean.TRUE.equals(watered) || Boolean.TRUE.equals(covered)) return Boolean.TRUE;
        return watered == null || covered == null ? null : Boolean.FALSE;
    }
}
