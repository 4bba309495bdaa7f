package org.lantian.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A rectification case (限期整改) of one (rule, subject): opened by a FAIL, due {@code dueOn}, assigned to the
 * finding's units; {@code repeats} counts the times a FAIL reopened it after closing; {@code waiver} the id of
 * the waiver that covered its latest finding, if any. docs/cases.md gives the state machine.
 */
public record Case(long id, int measure, String rule, String subject, CaseStatus status, LocalDate openedOn, LocalDate dueOn,
                   List<String> units, int repeats, String waiver) {
}
