package org.lantian.domain;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field's absence rightly means "nothing of the kind happened": no sighting of a breach
 * ({@code seenOperatingOn}), no end date ({@code retiredOn}). Such a field is exempt from the missing-data
 * property that {@code lantian test} checks (removing any other field never turns a miss into a PASS);
 * docs/facts.md lists every one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface AbsentMeansNone {
}
