package org.lantian.store;

import java.time.LocalDate;

/**
 * Filters of {@code GET /findings}; null means any. {@code unit} matches findings whose units include it;
 * {@code from}/{@code to} are posting days, both inclusive. {@code inspector} restricts to one
 * inspector's submissions (an INSPECTOR token's view).
 */
public record FindingQuery(Integer measure, String unit, String status, String subject, LocalDate from, LocalDate to,
                           String inspector, int limit, int offset) {
}
