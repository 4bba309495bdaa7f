package org.lantian.domain.facts;

/** What a pile (堆场) in a fringe area consists of (measure 36): soil, sand, slag, material, rubbish. */
public enum PileKind {
    SOIL("土堆"),
    SAND("砂堆"),
    SLAG("渣堆"),
    MATERIAL("料堆"),
    RUBBISH("垃圾堆");

    private final String zh;

    PileKind(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }
}
