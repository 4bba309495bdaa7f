package org.lantian.domain.facts;

/** The urban-rural fringe areas of measure 36: north-west, south-east, Nancun. */
public enum FringeArea {
    NORTHWEST("西北片区"),
    SOUTHEAST("东南片区"),
    NANCUN("南村片区");

    private final String zh;

    FringeArea(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }
}
