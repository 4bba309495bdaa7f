package org.lantian.store;

/** What a token may do: post and read its own submissions, read its unit's findings, or everything. */
public enum Role { INSPECTOR, UNIT, ADMIN }
