package org.lantian.domain.facts;

/** How a household heats in winter (measures 19, 23). */
public enum HeatingMode {
    /** 散煤: loose coal burnt in a household stove. */
    LOOSE_COAL("散煤"),
    /** 型煤: standard briquettes, the fallback where clean heating has not arrived yet. */
    BRIQUETTE("型煤"),
    /** 集中供热: the district heating network. */
    CENTRAL("集中供热"),
    /** 分布式集中供热: a local heating plant serving a contiguous area beyond the network. */
    DISTRIBUTED_CENTRAL("分布式集中供热"),
    GAS("燃气"),
    ELECTRIC("电");

    private final String zh;

    HeatingMode(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }

    /** A clean-heating conversion: no coal of any kind. */
    public boolean clean() {
        return this != LOOSE_COAL && this != BRIQUETTE;
    }
}
