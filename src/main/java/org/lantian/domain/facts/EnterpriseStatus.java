package org.lantian.domain.facts;

/** Whether an enterprise operates, is being upgraded under a plan, has been upgraded, or has closed (measure 2). */
public enum EnterpriseStatus {
    OPERATING, UPGRADING, UPGRADED, CLOSED
}
