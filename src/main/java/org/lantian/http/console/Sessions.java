package org.lantian.http.console;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sign-in sessions, kept in the server's memory: a random id in an HttpOnly, SameSite=Strict
 * cookie stands for the token the user signed in with (never sent back to the browser). Each request looks
 * the token up again through {@code Tokens} (cached 5 s), so a revoked token ends its sessions. Every session
 * has its own CSRF token that every form carries; the sign-in form, before any session, carries one that a
 * cookie of its own must match (double submit).
 */
final class Sessions {
    static final String COOKIE = "lantian_session";
    static final String LOGIN_CSRF_COOKIE = "lantian_login_csrf";
    /** A session ends this long after its last request (a working day's gap). */
    static final Duration IDLE = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: the token it signed in with and its CSRF token. */
    record Session(String id, String token, String csrf) {
    }

    private final Cache<String, Session> sessions = Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(100_000).build();

    Session open(Context ctx, String token) {
        Session s = new Session(random(), token, random());
        sessions.put(s.id(), s);
        cookie(ctx, COOKIE, s.id(), -1);
        cookie(ctx, LOGIN_CSRF_COOKIE, "", 0);
        return s;
    }

    Optional<Session> of(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(id));
    }

    void close(Context ctx) {
        of(ctx).ifPresent(s -> sessions.invalidate(s.id()));
        cookie(ctx, COOKIE, "", 0);
    }

    /** The sign-in form's CSRF token: the one its cookie holds, or a new one set in a cookie. */
    String loginCsrf(Context ctx) {
        String existing = ctx.cookie(LOGIN_CSRF_COOKIE);
        if (existing != null && existing.length() >= 20) return existing;
        String fresh = random();
        cookie(ctx, LOGIN_CSRF_COOKIE, fresh, -1);
        return fresh;
    }

    /** True when the posted form's {@code csrf} equals the expected token (compared in constant time). */
    static boolean matches(String expected, String posted) {
        return expected != null && posted != null && !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8));
    }

    private static void cookie(Context ctx, String name, String value, int maxAge) {
        // Written by hand: SameSite=Strict is what keeps another site's form from riding on the session.
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (maxAge >= 0 ? "; Max-Age=" + maxAge : ""));
    }

    private static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
