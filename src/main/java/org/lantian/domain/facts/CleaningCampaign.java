package org.lantian.domain.facts;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;

/**
 * One "5+2" city cleaning campaign (城市大清洗) held on one day in one town. Measure 15 counts the campaigns
 * of every week over the period evaluated, so all campaigns share one partition key.
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
    public String partitionKey() {
        return PARTITION;
    }

    /**
     * The weeks (Monday to Sunday, ISO numbering, "2022-W25") from the week of the earliest campaign through
     * the last week that ended before {@code asOf}, with fewer than {@code perWeek} campaigns. The week of
     * {@code asOf} is still running and is not judged.
     */
    public static List<String> weeksShort(Collection<CleaningCampaign> campaigns, LocalDate asOf, int perWeek) {
        List<String> shortWeeks = new ArrayList<>();
        for (LocalDate monday : weeksJudged(campaigns, asOf)) {
            LocalDate sunday = monday.plusDays(6);
            long held = campaigns.stream().filter(c -> !c.date().isBefore(monday) && !c.date().isAfter(sunday)).count();
            if (held < perWeek) shortWeeks.add(label(monday));
        }
        return shortWeeks;
    }

    /** The Mondays of the weeks judged: from the earliest campaign's week to the last week ended before asOf. */
    public static List<LocalDate> weeksJudged(Collection<CleaningCampaign> campaigns, LocalDate asOf) {
        List<LocalDate> weeks = new ArrayList<>();
        LocalDate first = campaigns.stream().map(CleaningCampaign::date).min(LocalDate::compareTo).orElse(null);
        if (first == null) return weeks;
        LocalDate current = asOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (LocalDate m = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); m.isBefore(current); m = m.plusWeeks(1)) {
            weeks.add(m);
        }
        return weeks;
    }

    static String label(LocalDate day) {
        return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
