package org.lantian.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A waiver (豁免) an admin granted: a rule (or, {@code rule} null, every rule of {@code measure}) for a subject
 * (and the periods of it, "R-001/2022-W26" of road R-001; or, {@code subject} null, every subject of {@code town}: every finding that names the town among its units),
 * {@code from}..{@code to} inclusive, with reason, approver and document number, until revoked.
 */
public record Waiver(String id, String rule, Integer measure, String subject, String town, LocalDate from, LocalDate to,
                     String reason, String approver, String document, String grantedBy, OffsetDateTime grantedAt,
                     OffsetDateTime revokedAt, String revokedBy) {

    /** The subject itself, or a period of it ("R-001/2022-W26" of road R-001). */
    private boolean ofSubject(String s) {
        return s != null && (s.equals(subject) || s.length() > subject.length() + 1 && s.startsWith(subject)
                && s.charAt(subject.length()) == '/' && s.indexOf('/', subject.length() + 1) < 0);
    }

    /** True when the waiver covers a finding judged on {@code day}: in force that day, its rule and its subject. */
    public boolean covers(Finding f, LocalDate day) {
        if (revokedAt != null || day.isBefore(from) || day.isAfter(to)) return false;
        boolean rules = rule != null ? rule.equals(f.rule()) : measure != null && measure == f.measure();
        if (!rules) return false;
        return subject != null ? ofSubject(f.subject()) : town != null && f.units() != null && f.units().contains(town);
    }
}
