package org.lantian.http.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.TestPacks;
import org.lantian.http.ApiServer;
import org.lantian.store.Role;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;

/**
 * The console's sign-in, session and CSRF over plain HTTP (H2 and PostgreSQL): the session cookie's attributes,
 * a form post without its CSRF token refused (403), a unit's 404 for another unit's pages, sign-out and a
 * revoked token ending the session, and a sign-in that never sends the browser to another site.
 */
class ConsoleHttpTest {
    @TempDir
    Path tmp;
    Store store;
    ApiServer server;
    final HttpClient http = HttpClient.newHttpClient();

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    void start(String kind) throws Exception {
        store = Store.open(TestDatabases.fresh(kind, tmp));
        server = ApiServer.start(store, TestPacks.bundled(), TestPacks.BUNDLED, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (store != null) store.close();
    }

    /** A browser of sorts: its cookies (name=value) and the last answer. */
    final class Browser {
        final java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();
        HttpResponse<String> last;

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).GET());
        }

        HttpResponse<String> post(String path, String... form) throws Exception {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < form.length; i += 2) {
                if (!body.isEmpty()) body.append('&');
                body.append(form[i]).append('=').append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
            }
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            if (!cookies.isEmpty()) {
                b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            last = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String c : last.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (c.contains("Max-Age=0")) cookies.remove(pair.substring(0, eq));
                else cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return last;
        }

        String csrf() {
            Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(last.body());
            assertTrue(m.find(), "a CSRF token in the page");
            return m.group(1);
        }

        void signIn(String token) throws Exception {
            get("/login");
            HttpResponse<String> r = post("/login", "csrf", csrf(), "token", token);
            assertEquals(302, r.statusCode(), r.body());
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSessionCookieIsHttpOnlyAndStrictAndEveryFormNeedsItsCsrfToken(String kind) throws Exception {
        start(kind);
        String token = store.tokens().create(Role.ADMIN, null, null).token();
        Browser b = new Browser();
        assertEquals(302, b.get("/").statusCode(), "signed out: to the sign-in page");
        assertTrue(b.last.headers().firstValue("Location").orElse("").startsWith("/login?next="));
        b.get("/login");
        assertEquals(403, b.post("/login", "token", token).statusCode(), "sign-in without its CSRF token");
        assertEquals(403, b.post("/login", "token", token, "csrf", "forged-token-of-some-length").statusCode(), "with a wrong one");
        b.get("/login");
        HttpResponse<String> in = b.post("/login", "csrf", b.csrf(), "token", token);
        assertEquals(302, in.statusCode());
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie);
        assertFalse(cookie.contains(token), "the session id is not the token");
        assertEquals(200, b.get("/check?type=RoadCleaning").statusCode());
        String csrf = b.csrf();
        assertEquals(403, b.post("/check", "type", "RoadCleaning", "road", "R-1").statusCode(), "a form post without CSRF");
        assertEquals(403, b.post("/logout").statusCode(), "sign-out too");
        HttpResponse<String> invalid = b.post("/check", "csrf", csrf, "type", "RoadCleaning", "road", "R-1", "date", "2022-13-01");
        assertEquals(400, invalid.statusCode(), "with it: judged, and here refused with the reader's message");
        assertTrue(invalid.body().contains("id=\"error-date\""), "beside the field");
        assertEquals(302, b.post("/logout", "csrf", csrf).statusCode());
        assertEquals(302, b.get("/").statusCode(), "signed out");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aUnitGets404ForAnotherUnitsPagesAndARevokedTokenEndsItsSession(String kind) throws Exception {
        start(kind);
        var created = store.tokens().create(Role.UNIT, null, "北街街道");
        Browser b = new Browser();
        b.signIn(created.token());
        assertEquals("/units/" + View.seg("北街街道"), b.last.headers().firstValue("Location").orElseThrow(), "a unit lands on its own page");
        assertEquals(200, b.get("/units/" + View.seg("北街街道")).statusCode());
        for (String page : List.of("/units/" + View.seg("东街街道"), "/units/nobody", "/cases/1", "/submissions/S-1", "/check", "/measures/999")) {
            HttpResponse<String> r = b.get(page);
            assertEquals(404, r.statusCode(), page);
            assertTrue(r.body().contains("id=\"status\">404"), "a page, not JSON: " + page);
        }
        assertEquals(302, b.get("/").statusCode(), "the district overview is the office's: a unit goes to its own page");
        store.tokens().revoke(created.id());
        assertEquals(302, b.get("/units/" + View.seg("北街街道")).statusCode(), "a revoked token's session ends");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void signInReturnsOnlyToAPageOfThisSite(String kind) throws Exception {
        start(kind);
        String token = store.tokens().create(Role.INSPECTOR, "INS-07", null).token();
        for (String next : List.of("//evil.example/", "https://evil.example/", "/\\evil.example")) {
            Browser b = new Browser();
            b.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            HttpResponse<String> r = b.post("/login", "csrf", b.csrf(), "token", token, "next", next);
            assertEquals("/", r.headers().firstValue("Location").orElseThrow(), next);
        }
        Browser b = new Browser();
        b.get("/login");
        HttpResponse<String> r = b.post("/login", "csrf", b.csrf(), "token", token, "next", "/measures/13?lang=en");
        assertEquals("/measures/13?lang=en", r.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> en = b.get("/measures/13?lang=en");
        assertTrue(en.body().contains("<h1>Measure 13"), "English by ?lang=en");
        assertTrue(b.get("/measures/13").body().contains("<h1>Measure 13"), "and remembered");
        assertTrue(b.get("/measures/13?lang=zh").body().contains("<h1>措施 13"), "Chinese by default and by ?lang=zh");
        HttpResponse<String> echarts = b.get("/assets/echarts.min.js");
        assertEquals(200, echarts.statusCode());
        assertTrue(echarts.body().length() > 500_000, "ECharts from the webjar, served by Lantian");
    }
}
