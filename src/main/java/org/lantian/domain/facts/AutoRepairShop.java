package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/** One auto-repair shop at one inspection: whether it sprays paint, in what booth, with VOC treatment. Measure 29. */
public record AutoRepairShop(
        @Required String shop,
        String name,
        String town,
        Boolean sprayPainting,
        SprayBooth booth,
        Boolean vocTreatment,
        LocalDate inspectedOn) implements Fact {

    @Override
    public String subject() {
        return shop;
    }
}
