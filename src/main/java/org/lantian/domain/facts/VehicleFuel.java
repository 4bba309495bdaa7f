package org.lantian.domain.facts;

public enum VehicleFuel { DIESEL, ELECTRIC, GAS, PETROL, HYBRID }
