package org.lantian.domain.facts;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Most weeks judged: the year of weeks before the as-of date, so that no date makes the rule's work grow. */
    public static final int MAX_WEEKS = 53;

    /**
     * The weeks (Monday to Sunday, ISO numbering, "2022-W25") judged (see {@link #weeksJudged}) with fewer
     * than {@code perWeek} campaigns. The week of {@code asOf} is still running and is not judged.
     */
    public static List<String> weeksShort(Collection<CleaningCampaign> campaigns, LocalDate asOf, int perWeek) {
        Map<LocalDate, Integer> held = new HashMap<>();
        for (CleaningCampaign c : campaigns) held.merge(monday(c.date()), 1, Integer::sum);
        List<String> shortWeeks = new ArrayList<>();
        for (LocalDate monday : weeksJudged(campaigns, asOf)) {
            if (held.getOrDefault(monday, 0) < perWeek) shortWeeks.add(label(monday));
        }
        return shortWeeks;
    }

    /**
     * The Mondays of the weeks judged: from the earliest campaign's week to the last week ended before asOf,
     * at most the last {@link #MAX_WEEKS} of them.
     */
    public static List<LocalDate> weeksJudged(Collection<CleaningCampaign> campaigns, LocalDate asOf) {
        List<LocalDate> weeks = new ArrayList<>();
        LocalDate first = campaigns.stream().map(CleaningCampaign::date).min(LocalDate::compareTo).orElse(null);
        if (first == null) return weeks;
        LocalDate current = monday(asOf);
        LocalDate earliest = current.minusWeeks(MAX_WEEKS);
        LocalDate from = monday(first).isBefore(earliest) ? earliest : monday(first);
        for (LocalDate m = from; m.isBefore(current); m = m.plusWeeks(1)) weeks.add(m);
        return weeks;
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static String label(LocalDate day) {
        return day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
