package org.lantian.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One checked target for one subject: which measure and rule, about what, with what result.
 * {@code observed} and {@code target} are numbers, booleans or short texts such as "41/68".
 * {@code evidence} holds the facts the rule's match was made of. In JSON {@code submission} comes last: the
 * store gives a stored finding its submission by appending it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"measure", "rule", "subject", "subjectType", "status", "observed", "target", "units", "message",
        "deadline", "period", "evidence", "submission"})
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
        String submission,
        List<Evidence> evidence) {

    public Finding withSubmission(String id) {
        return new Finding(measure, rule, subject, subjectType, status, observed, target, units, message, deadline, id,
                evidence);
    }
}
