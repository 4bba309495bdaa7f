package org.lantian.domain.facts;

/** What was burnt in the open (measure 28): straw, rubbish, leaves, tyres, asphalt, other. */
public enum BurningMaterial {
    STRAW("秸秆"),
    RUBBISH("垃圾"),
    LEAVES("树叶"),
    TYRES("轮胎"),
    ASPHALT("沥青"),
    OTHER("其他杂物");

    private final String zh;

    BurningMaterial(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }
}
