package org.lantian.domain;

import java.lang.annotation.*;

/** A percentage between 0 and 100 inclusive (ash 18.5 %, not 0.185). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Percent {
}
