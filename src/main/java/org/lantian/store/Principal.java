package org.lantian.store;

/** Who a valid token speaks for: its role and, for INSPECTOR and UNIT, the inspector id or unit name. */
public record Principal(String tokenId, Role role, String inspector, String unit) {
}
