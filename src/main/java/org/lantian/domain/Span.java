package org.lantian.domain;

import java.time.LocalDate;

/** The days a finding judges, both ends inclusive: written as {"from": "2022-06-27", "to": "2022-07-03"}. */
public record Span(LocalDate from, LocalDate to) {
}
