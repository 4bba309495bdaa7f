package org.lantian.domain.facts;

/** The state of a registered boiler (measures 25, 26): in use, kept in reserve, or taken down. */
public enum BoilerStatus {
    OPERATING, STANDBY, DISMANTLED
}
