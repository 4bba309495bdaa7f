package org.lantian.domain.facts;

/** Outdoor VOC-emitting works (measures 31, 38): asphalt paving, spray coating, wall painting, road marking, railing spraying. */
public enum OutdoorWorkType {
    ASPHALT_PAVING,
    SPRAY_COATING,
    WALL_PAINTING,
    ROAD_MARKING,
    RAILING_SPRAYING;
}
