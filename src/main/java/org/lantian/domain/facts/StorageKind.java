package org.lantian.domain.facts;

/** How a material is stored (measure 18): in the open air, in a shed (棚), in a warehouse (仓库), in a silo (筒仓). */
public enum StorageKind {
    OPEN_AIR("露天"),
    SHED("棚"),
    WAREHOUSE("仓库"),
    SILO("筒仓");

    private final String zh;

    StorageKind(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }
}
