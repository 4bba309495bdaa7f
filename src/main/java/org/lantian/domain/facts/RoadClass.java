package org.lantian.domain.facts;

public enum RoadClass { MAIN, SECONDARY, BACK_LANE, TOWNSHIP }
