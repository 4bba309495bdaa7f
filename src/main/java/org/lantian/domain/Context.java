package org.lantian.domain;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a fact type as context that rules join to other facts (the weather of a day) rather than a
 * subject of its own findings. When facts are evaluated in partitions (the nightly batch), every
 * partition sees all context facts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Context {
}
