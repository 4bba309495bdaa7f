package org.lantian.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One checked target for one subject: which measure and rule, about what, with what result.
 * {@code observed} and {@code target} are numbers, booleans or short texts such as "41/68"; {@code period} is
 * the days the target was judged over (the pack's period of the target, see docs/findings.md).
 * {@code waiver} is the id of the waiver that covers it, null unless the status is WAIVED.
 * {@code evidence} holds the facts the rule's match was made of. In JSON {@code submission} comes last: the
 * store gives a stored finding its submission by appending it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"measure", "rule", "subject", "subjectType", "status", "observed", "target", "units", "message",
        "deadline", "period", "waiver", "evidence", "submission"})
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
        String submission,
        String waiver,
        List<Evidence> evidence) {

    public Finding withSubmission(String id) {
        return new Finding(measure, rule, subject, subjectType, status, observed, target, units, message, deadline, period, id,
                waiver, evidence);
    }

    /** This finding as a waiver covers it: status WAIVED with the waiver's id, everything else as judged. */
    public Finding waivedBy(String waiverId) {
        return new Finding(measure, rule, subject, subjectType, Status.WAIVED, observed, target, units, message, deadline, period,
                submission, waiverId, evidence);
    }
}
