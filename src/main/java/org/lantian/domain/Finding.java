package org.lantian.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One checked target for one subject: which measure and rule, about what, with what result.
 * {@code observed} and {@code target} are numbers, booleans or short texts such as "41/68"; {@code period} is
 * the days the target was judged over (the pack's period of the target, see docs/findings.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        int measure,
        String rule,
        String subject,
        String subjectType,
        Status status,
        Object observed,
        Object target,
        List<String> units,
        Message message,
        String deadline,
        Span period,
        String submission) {

    public Finding withSubmission(String id) {
        return new Finding(measure, rule, subject, subjectType, status, observed, target, units, message, deadline, period, id);
    }
}
