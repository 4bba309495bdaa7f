package org.lantian.domain.facts;

/** The three parts of an ultra-low-emission retrofit that are filed separately (measure 5). */
public enum UltraLowPart {
    /** 清洁运输 */
    CLEAN_TRANSPORT,
    /** 有组织排放 */
    STACK,
    /** 无组织排放 */
    FUGITIVE
}
