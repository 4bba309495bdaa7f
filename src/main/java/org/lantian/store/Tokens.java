package org.lantian.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens. A token is shown once, when created; the store keeps only its SHA-256 (a token is 192
 * random bits, so a plain hash is enough: there is nothing to guess) and a short id to revoke it by.
 */
public final class Tokens {
    /**
     * How long a looked-up token is trusted without asking the database again. Every request looks its
     * token up; a revoke through this store takes effect at once, one by {@code lantian token revoke}
     * (another process) within this time.
     */
    public static final Duration CACHE_FOR = Duration.ofSeconds(5);
    private static final int CACHE_MAX = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Store store;
    /** Live tokens by hash (unknown ones are not cached: a token created meanwhile works at once). */
    private final Cache<String, Principal> cache = Caffeine.newBuilder()
            .maximumSize(CACHE_MAX).expireAfterWrite(CACHE_FOR).build();

    Tokens(Store store) {
        this.store = store;
    }

    /** A new token: its id (for revoking and listing) and the token itself, which is not stored. */
    public record Created(String id, String token) {
    }

    /** A token as listed: never the token itself. */
    public record Info(String id, Role role, String inspector, String unit, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }

    public Created create(Role role, String inspector, String unit) throws SQLException {
        if (role == Role.INSPECTOR && (inspector == null || inspector.isBlank())) {
            throw new IllegalArgumentException("an INSPECTOR token needs --inspector");
        }
        if (role == Role.UNIT && (unit == null || unit.isBlank())) throw new IllegalArgumentException("a UNIT token needs --unit");
        String id = HexFormat.of().formatHex(bytes(6));
        String token = "lt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO tokens (id, token_hash, role, inspector, unit, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, hash(token));
            s.setString(3, role.name());
            s.setString(4, role == Role.INSPECTOR ? inspector : null);
            s.setString(5, role == Role.UNIT ? unit : null);
            s.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            s.executeUpdate();
            c.commit();
        }
        return new Created(id, token);
    }

    /** Revokes a token by its id; false when no such live token exists. */
    public boolean revoke(String id) throws SQLException {
        cache.asMap().values().removeIf(p -> p.tokenId().equals(id));
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            s.setString(2, id);
            int n = s.executeUpdate();
            c.commit();
            return n == 1;
        }
    }

    /** The principal of a live token, or empty for an unknown or revoked one. */
    public Optional<Principal> lookup(String token) throws SQLException {
        String hash = hash(token);
        Principal hit = cache.getIfPresent(hash);
        if (hit != null) return Optional.of(hit);
        Optional<Principal> found = find(hash);
        found.ifPresent(p -> cache.put(hash, p));
        return found;
    }

    private Optional<Principal> find(String hash) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, role, inspector, unit FROM tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
            s.setString(1, hash);
            try (ResultSet r = s.executeQuery()) {
                Optional<Principal> out = r.next()
                        ? Optional.of(new Principal(r.getString(1), Role.valueOf(r.getString(2)), r.getString(3), r.getString(4)))
                        : Optional.empty();
                c.rollback();
                return out;
            }
        }
    }

    public List<Info> list() throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, role, inspector, unit, created_at, revoked_at FROM tokens ORDER BY created_at, id")) {
            List<Info> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Info(r.getString(1), Role.valueOf(r.getString(2)), r.getString(3), r.getString(4),
                            r.getObject(5, OffsetDateTime.class), r.getObject(6, OffsetDateTime.class)));
                }
            }
            c.rollback();
            return out;
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
