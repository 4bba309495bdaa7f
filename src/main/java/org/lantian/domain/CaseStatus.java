package org.lantian.domain;

/** Where a rectification case stands (docs/cases.md). */
public enum CaseStatus {
    /** A FAIL opened it; not yet put right. */
    OPEN,
    /** Still FAIL after its due day. Listed first everywhere. */
    OVERDUE,
    /** A PASS followed: put right, awaiting an inspector's verification. */
    RECTIFIED,
    /** An inspector verified the rectification. */
    CLOSED
}
