package org.lantian.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Map;

/**
 * One fact a finding was judged on, as the engine matched it: its type, subject, the submission it came in
 * (absent when it is the finding's own submission), the day it reports (when it has one) and the fields the
 * rule read, with their values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String type, String subject, String submission, LocalDate day, Map<String, Object> fields) {
    /**
     * A list of evidence that gives each fact's reference (type, subject, submission, day) without reading the
     * fact's fields: findings.jsonl writes only the references.
     */
    public interface References {
        /** The {@code i}th evidence with its type, subject, submission and day; its fields null unless already read. */
        Evidence reference(int i);
    }
}
