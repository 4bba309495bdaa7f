package org.lantian.domain;

import java.time.OffsetDateTime;

/**
 * One change of a case, as kept append-only: when, by whom ("batch", "check", or a token id with its role, as
 * "3f2a9c01e4b7 (INSPECTOR)"), from which status (null when it opened) to which, why, and the submission of the
 * finding behind it (null for a verification).
 */
public record CaseEvent(OffsetDateTime at, String by, CaseStatus from, CaseStatus to, String note, String submission) {
}
