package org.lantian.domain.facts;

/** The kind of VOC-containing material an enterprise uses (measure 30). */
public enum VocMaterialType {
    COATING, INK, ADHESIVE, CLEANER
}
