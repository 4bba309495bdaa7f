package org.lantian.domain.facts;

/** Cleaning zone of a road (measure 14): the core area, the rest of the city, the radiating towns. */
public enum Zone { CORE, URBAN, RADIATING }
