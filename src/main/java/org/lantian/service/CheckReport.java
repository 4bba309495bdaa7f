package org.lantian.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;

/**
 * The findings document of one evaluated submission ({@code check --format json}, the HTTP API).
 * {@code measuresWithoutData} lists the pack's encoded measures that produced no finding: never a silent pass.
 */
public record CheckReport(
        String submission,
        LocalDate asOf,
        String pack,
        List<Finding> findings,
        Map<Status, Integer> summary,
        List<Integer> measuresWithoutData) {

    public boolean anyFail() {
        return summary.getOrDefault(Status.FAIL, 0) > 0;
    }
}
