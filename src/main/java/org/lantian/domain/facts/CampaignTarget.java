package org.lantian.domain.facts;

/** What a city cleaning campaign (城市大清洗) cleaned (measure 15): roads, compounds, factory yards, rooftops, trees. */
public enum CampaignTarget { ROADS, COMPOUNDS, FACTORY_YARDS, ROOFTOPS, TREES }
