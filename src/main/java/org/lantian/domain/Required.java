package org.lantian.domain;

import java.lang.annotation.*;

/** The field must be present in a submitted fact. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Required {
}
