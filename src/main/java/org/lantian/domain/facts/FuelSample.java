package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One quality sample of petrol or diesel taken at an outlet (measure 8): sulfur content, whether the
 * other tested items conform, and, for a failed sample, to whom it was traced (producer or supplier).
 */
public record FuelSample(
        @Required String outlet,
        @Required LocalDate sampledOn,
        FuelProduct product,
        Double sulfurMgKg,
        Boolean otherItemsConforming,
        String tracedTo) implements Fact {

    /** "JY-0032/2022-06-14/DIESEL". */
    @Override
    public String subject() {
        return outlet + "/" + sampledOn + (product == null ? "" : "/" + product);
    }

    /** Seen with its outlet, whose town the finding names. */
    @Override
    public String partitionKey() {
        return outlet;
    }
}
