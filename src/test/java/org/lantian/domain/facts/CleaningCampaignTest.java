package org.lantian.domain.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Measure 15's weeks: Monday to Sunday, ISO-numbered, from the first campaign's week to the last week ended. */
class CleaningCampaignTest {
    private static CleaningCampaign on(String day) {
        return new CleaningCampaign(LocalDate.parse(day), "北街街道", List.of(CampaignTarget.ROADS));
    }

    @Test
    void theRunningWeekIsNotJudged() {
        // 2022-06-27 is a Monday: the week of the as-of date (Thursday 30 June) has not ended.
        List<CleaningCampaign> one = List.of(on("2022-06-28"));
        assertEquals(List.of(), CleaningCampaign.weeksJudged(one, LocalDate.parse("2022-06-30")));
        assertEquals(List.of(LocalDate.parse("2022-06-27")), CleaningCampaign.weeksJudged(one, LocalDate.parse("2022-07-04")));
    }

    @Test
    void aSundayCampaignCountsForItsOwnWeek() {
        // Sunday 2022-06-05 closes week 22; nothing in week 23 (6–12 June).
        List<CleaningCampaign> campaigns = List.of(on("2022-06-05"), on("2022-06-13"));
        assertEquals(List.of("2022-W23"), CleaningCampaign.weeksShort(campaigns, LocalDate.parse("2022-06-20"), 1));
    }

    @Test
    void weeksAcrossTheYearEndCarryTheirIsoYear() {
        // 2022-01-01 (a Saturday) lies in ISO week 2021-W52.
        List<CleaningCampaign> campaigns = List.of(on("2022-01-01"));
        assertEquals(List.of("2022-W01"), CleaningCampaign.weeksShort(campaigns, LocalDate.parse("2022-01-10"), 1));
        assertEquals(List.of("2021-W52", "2022-W01"), CleaningCampaign.weeksShort(campaigns, LocalDate.parse("2022-01-10"), 2));
    }

    @Test
    void theWorkDoesNotGrowWithADatesDistance() {
        // Issue 16: a campaign of -999999999-01-01 listed every week since then (6.6 GB of heap).
        List<CleaningCampaign> campaigns = List.of(on("2022-06-28"), new CleaningCampaign(LocalDate.MIN, "北街街道", List.of()));
        assertEquals(CleaningCampaign.MAX_WEEKS, CleaningCampaign.weeksJudged(campaigns, LocalDate.parse("2022-07-04")).size());
        assertEquals(CleaningCampaign.MAX_WEEKS - 1, CleaningCampaign.weeksShort(campaigns, LocalDate.parse("2022-07-04"), 1).size());
        assertEquals(CleaningCampaign.MAX_WEEKS, CleaningCampaign.weeksJudged(List.of(on("2022-06-28")), LocalDate.of(9999, 12, 31)).size());
    }
}
