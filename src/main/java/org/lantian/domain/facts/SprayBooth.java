package org.lantian.domain.facts;

/** Where an auto-repair shop sprays paint (measure 29): no booth (open air), an open booth, an enclosed booth. */
public enum SprayBooth {
    NONE,
    OPEN,
    ENCLOSED;
}
