package org.lantian.domain;

import java.time.OffsetDateTime;
import java.util.List;

/** What an inspector hands over: an id, who, when, and the site-check facts. */
public record Submission(String submission, String inspector, OffsetDateTime submittedAt, List<Fact> facts) {
}
