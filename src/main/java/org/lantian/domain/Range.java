package org.lantian.domain;

import java.lang.annotation.*;

/** A whole number within [min, max], such as a China emission stage 1–6. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface Range {
    long min();
    long max();
}
