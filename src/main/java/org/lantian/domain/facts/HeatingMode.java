package org.lantian.domain.facts;

/** How a household heats in winter (measures 19, 23). */
public enum HeatingMode {
    /** 散煤: loose coal burnt in a household stove. */
    LOOSE_COAL,
    /** 型煤: standard briquettes, the fallback where clean heating has not arrived yet. */
    BRIQUETTE,
    /** 集中供热: the district heating network. */
    CENTRAL,
    /** 分布式集中供热: a local heating plant serving a contiguous area beyond the network. */
    DISTRIBUTED_CENTRAL,
    GAS,
    ELECTRIC;
}
