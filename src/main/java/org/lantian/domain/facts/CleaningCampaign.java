package org.lantian.domain.facts;

import java.time.LocalDate;
import java.util.List;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One "5+2" city cleaning campaign (城市大清洗) held on one day in one town: an event of that day. Measure 15
 * counts each town's campaigns of every ISO week in its rule, and every town's weeks are judged, so all
 * campaigns share one partition key.
 */
public record CleaningCampaign(
        @Required LocalDate date,
        @Required String town,
        List<CampaignTarget> targets) implements Fact {

    public static final String PARTITION = "cleaning-campaigns";

    /** "北街街道/2022-06-25". */
    @Override
    public String subject() {
        return town + "/" + date;
    }

    @Override
    public LocalDate day() {
        return date;
    }

    @Override
    public String partitionKey() {
        return PARTITION;
    }
}
