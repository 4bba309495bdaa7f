package org.lantian.domain;

/** The outcome of one checked target for one subject. */
public enum Status {
    PASS, FAIL,
    /** An advisory target was missed: reported, never a failure. */
    WARN,
    /** The target is missed but its due date has not passed yet. */
    PENDING,
    /** The subject did not report what the check needs. */
    NO_DATA,
    NOT_APPLICABLE,
    /** An admin's waiver (豁免) covers the rule and subject on this day: not judged, never PASS (docs/cases.md). */
    WAIVED
}
