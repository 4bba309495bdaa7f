package org.lantian.domain.facts;

/** What a construction site is (measures 10, 12): building, demolition (拆迁), old-community renovation, road works. */
public enum SiteKind { BUILDING, DEMOLITION, RENOVATION, ROAD }
