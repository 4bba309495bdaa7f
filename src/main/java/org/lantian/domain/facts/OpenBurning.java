package org.lantian.domain.facts;

import java.time.LocalDate;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/** An open burning (露天焚烧) seen in a grid cell (measure 28). Subject: "cell/observedOn". */
public record OpenBurning(
        @Required String cell,
        String town,
        @Required LocalDate observedOn,
        BurningMaterial material,
        String location) implements Fact {

    @Override
    public String subject() {
        return cell + "/" + observedOn;
    }

    @Override
    public String partitionKey() {
        return GridCell.gridPartition(cell);
    }
}
