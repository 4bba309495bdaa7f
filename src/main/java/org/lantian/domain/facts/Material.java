package org.lantian.domain.facts;

/** A stored bulk material (measure 18): powder, granules, lumps, or demolition spoil and construction waste. */
public enum Material { POWDER, GRANULAR, LUMP, SPOIL }
