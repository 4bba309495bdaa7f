package org.lantian.domain;

import java.lang.annotation.*;

/** A number that may be negative (a temperature). Numbers are non-negative unless marked so. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Signed {
}
