package org.lantian.domain;

import java.lang.annotation.*;

/** A share between 0 and 1 inclusive (0.95, not 95). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Ratio {
}
