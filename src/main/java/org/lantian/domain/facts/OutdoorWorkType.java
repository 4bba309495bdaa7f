package org.lantian.domain.facts;

/** Outdoor VOC-emitting works (measures 31, 38): asphalt paving, spray coating, wall painting, road marking, railing spraying. */
public enum OutdoorWorkType {
    ASPHALT_PAVING("沥青铺装"),
    SPRAY_COATING("户外涂装"),
    WALL_PAINTING("墙体涂刷"),
    ROAD_MARKING("道路划线"),
    RAILING_SPRAYING("栏杆喷涂");

    private final String zh;

    OutdoorWorkType(String zh) {
        this.zh = zh;
    }

    /** The Chinese name, for messages. */
    public String zh() {
        return zh;
    }
}
