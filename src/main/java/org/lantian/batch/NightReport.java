package org.lantian.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;

/**
 * The night's scorecard ({@code report.json}); the HTML page and the workbook show the same data. It holds
 * no clock time, so the same input and pack give the same report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NightReport(
        LocalDate asOf,
        Pack pack,
        List<InputReader.InputFile> inputs,
        long records,
        long factsEvaluated,
        long duplicates,
        long rejects,
        long findings,
        Map<Status, Long> summary,
        Double rate,
        List<Integer> measuresWithoutData,
        List<MeasureCard> measures,
        List<UnitCard> units,
        List<RegisterCard> registers,
        HistoryCard history,
        Trends trends) {

    /**
     * The FAIL share (FAIL over findings judged, i.e. all but NOT_APPLICABLE) of the last nights the store
     * holds, tonight last: per responsible unit and per measure, one value a night (null: nothing judged).
     */
    public record Trends(List<LocalDate> nights, List<Line> units, List<Line> measures) {
    }

    public record Line(String name, List<Double> failShare) {
    }

    /**
     * The store's history the night was judged with (absent with {@code --no-history}): how many facts of
     * other submissions were loaded for the periods containing the night.
     */
    public record HistoryCard(long loaded) {
    }

    /** The rule pack: its name and a hash of its ledger and DRL files. */
    public record Pack(String name, String hash) {
    }

    /**
     * One ledger measure: how many rules encode it, its findings by status, compliance rate (PASS over all
     * findings but NOT_APPLICABLE), whether it had no data at all, and its first failing findings.
     */
    public record MeasureCard(int measure, String category, String text, String summary, int rules, boolean noData,
                              Map<Status, Long> counts, Double rate, long failingCount, List<Finding> failing) {
    }

    /** One responsible unit (a bureau, or a town or subdistrict): its findings by status, rate and failing findings. */
    public record UnitCard(String unit, boolean town, Map<Status, Long> counts, Double rate, long failingCount,
                           List<Finding> failing) {
    }

    /** One register of the pack: how many subjects it lists and how many of them reported nothing for a measure they must. */
    public record RegisterCard(String register, int subjects, int unreported) {
    }

    /** Every status with its count (zero included), in the order of {@link Status}. */
    static Map<Status, Long> counts(Scorecard.Tally tally) {
        Map<Status, Long> all = new EnumMap<>(Status.class);
        for (Status s : Status.values()) all.put(s, tally == null ? 0L : tally.count(s));
        return all;
    }

    public boolean anyFail() {
        return summary.getOrDefault(Status.FAIL, 0L) > 0;
    }
}
