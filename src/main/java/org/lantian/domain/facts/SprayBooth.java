package org.lantian.domain.facts;

/** Where an auto-repair shop sprays paint (measure 29): no booth (open air), an open booth, an enclosed booth. */
public enum SprayBooth {
    NONE("无喷漆房（露天）"),
    OPEN("敞开式喷漆房"),
    ENCLOSED("密闭喷漆房");

    private final String zh;

    SprayBooth(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }
}
