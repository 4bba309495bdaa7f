package org.lantian.domain;

import java.time.LocalDate;

/**
 * The state machine of rectification cases (docs/cases.md), without the store: what a finding of a day or an
 * inspector's verification does to the latest case of a (rule, subject). Findings of a day before the case's
 * latest finding day are stale and do nothing, so re-running an older night changes nothing.
 */
public final class CaseFlow {
    private CaseFlow() {
    }

    /**
     * What a step needs of the latest case of a (rule, subject): its status, due day, latest finding day, day closed,
     * and for a RECTIFIED case the last day it was seen put right ({@link #rectifiedThrough}; null when not known).
     */
    public record State(CaseStatus status, LocalDate dueOn, LocalDate lastDay, LocalDate closedOn, LocalDate rectifiedThrough) {
        public State(CaseStatus status, LocalDate dueOn, LocalDate lastDay, LocalDate closedOn) {
            this(status, dueOn, lastDay, closedOn, null);
        }
    }

    /**
     * The last day a PASS judged on {@code day} over a period ending {@code periodEnd} (null: none named) shows put
     * right: the period's end, at most the day (a running week's PASS shows the days so far).
     */
    public static LocalDate rectifiedThrough(LocalDate day, LocalDate periodEnd) {
        return periodEnd == null || periodEnd.isAfter(day) ? day : periodEnd;
    }

    /**
     * What to do: open a new case ({@code from} null), move the case ({@code from} != {@code to}, {@code repeat} when a
     * FAIL reopens a closed case), or only note the finding's day ({@code from} == {@code to}: no event).
     */
    public record Step(CaseStatus from, CaseStatus to, boolean repeat) {
        public boolean opens() {
            return from == null;
        }

        public boolean moves() {
            return from == null || from != to;
        }
    }

    /**
     * The step a finding of {@code status} judged on {@code day} over a period ending {@code periodEnd} (null: none named)
     * makes, or null when it does nothing (no case and not a FAIL; a stale day; a status that says nothing about the
     * target: PENDING, WARN, NO_DATA, NOT_APPLICABLE; a FAIL of a closed or rectified case over a period that ended
     * before the day the case was closed, or before the last day it was seen put right). WAIVED only notes the day (the
     * case shows its waiver): a waived finding neither opens nor moves a case.
     */
    public static Step onFinding(State current, Status status, LocalDate day, LocalDate periodEnd, int repeatWithinDays) {
        if (current != null && day.isBefore(current.lastDay())) return null;
        return switch (status) {
            case FAIL -> judgedAgain(current, periodEnd) ? null : onFail(current, day, repeatWithinDays);
            case PASS -> current == null ? null
                    : current.status() == CaseStatus.OPEN || current.status() == CaseStatus.OVERDUE
                    ? new Step(current.status(), CaseStatus.RECTIFIED, false) : same(current);
            case WAIVED -> current == null ? null : same(current);
            default -> null;
        };
    }

    /**
     * True when a FAIL is a lapse from before its case was seen put right, judged again (a late or corrected report of
     * an earlier day, an old quarter read again from a log book): its period ended before the day a closed case was
     * closed, or before the last day a rectified case was seen put right. Not a repeat, a failed rectification nor a
     * new case.
     */
    private static boolean judgedAgain(State current, LocalDate periodEnd) {
        if (current == null || periodEnd == null) return false;
        LocalDate putRight = switch (current.status()) {
            case CLOSED -> current.closedOn();
            case RECTIFIED -> current.rectifiedThrough();
            default -> null;
        };
        return putRight != null && periodEnd.isBefore(putRight);
    }

    private static Step onFail(State current, LocalDate day, int repeatWithinDays) {
        if (current == null) return new Step(null, CaseStatus.OPEN, false);
        boolean late = day.isAfter(current.dueOn());
        return switch (current.status()) {
            case OPEN -> late ? new Step(CaseStatus.OPEN, CaseStatus.OVERDUE, false) : same(current);
            case OVERDUE -> same(current);
            case RECTIFIED -> new Step(CaseStatus.RECTIFIED, late ? CaseStatus.OVERDUE : CaseStatus.OPEN, false);
            case CLOSED -> current.closedOn() != null && !day.isAfter(current.closedOn().plusDays(repeatWithinDays))
                    ? new Step(CaseStatus.CLOSED, CaseStatus.OPEN, true)
                    : new Step(null, CaseStatus.OPEN, false); // long after closing: a new case
        };
    }

    private static Step same(State current) {
        return new Step(current.status(), current.status(), false);
    }

    /**
     * An inspector's verification of a RECTIFIED case: CLOSED, or back to OPEN ({@code close} false). Null when the
     * case is not awaiting verification.
     */
    public static Step onVerify(CaseStatus current, boolean close) {
        if (current != CaseStatus.RECTIFIED) return null;
        return new Step(current, close ? CaseStatus.CLOSED : CaseStatus.OPEN, false);
    }
}
