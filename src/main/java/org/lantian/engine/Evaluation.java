package org.lantian.engine;

import java.time.LocalDate;

/** Inserted into every session so that rules can match on the evaluation date: {@code Evaluation($asOf : asOf)}. */
public record Evaluation(LocalDate asOf) {
}
