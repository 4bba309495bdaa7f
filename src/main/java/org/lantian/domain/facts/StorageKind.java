package org.lantian.domain.facts;

/** How a material is stored (measure 18): in the open air, in a shed (棚), in a warehouse (仓库), in a silo (筒仓). */
public enum StorageKind {
    OPEN_AIR,
    SHED,
    WAREHOUSE,
    SILO;
}
