package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;

/**
 * The service's edges (issue 16, item 3): the Location header leads back to the document whatever the id,
 * every error is JSON without library internals (Jetty's own included), broken bodies are 400 and a
 * malformed query parameter is a 400 naming it instead of a filter silently dropped.
 */
class HttpErrorsTest {
    static final String SUBMISSIONS = ApiServer.BASE + "/submissions";
    static final List<String> INTERNALS = List.of("com.fasterxml", "jackson", "Jackson", "Source:", "org.eclipse", "io.javalin",
            "java.lang", "<html", "<HTML", "Exception");

    @TempDir
    static Path tmp;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(TestDatabases.fresh("h2", tmp));
        admin = api.token(Role.ADMIN, null);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A JSON error body with no trace of the libraries underneath. */
    static JsonNode jsonError(String body) throws IOException {
        JsonNode error = Json.MAPPER.readTree(body);
        assertTrue(error.get("error").isTextual(), body);
        for (String internal : INTERNALS) assertFalse(body.contains(internal), internal + " in " + body);
        return error;
    }

    @Test
    void locationIsPercentEncodedAndLeadsBackToTheDocument() throws Exception {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>(List.of("S/1", "S?x=1", "S#frag", "S%41", "S%", "巡查 1+2", "a/../b", "S;x",
                "..", ".", "%2e%2e", "S\\1", "😀"));
        // And ids drawn from what a path treats specially, seeded so that a failure repeats.
        String alphabet = "/?#%&=+ ;.:@!$'()*,[]{}|\\^`~\"<>aZ09-_北街😀";
        java.util.Random random = new java.util.Random(12);
        for (int n = 0; n < 40; n++) {
            StringBuilder id = new StringBuilder();
            for (int k = 1 + random.nextInt(12); k > 0; k--) id.appendCodePoint(alphabet.codePoints().toArray()[random.nextInt((int) alphabet.codePoints().count())]);
            ids.add(id.toString());
        }
        for (String id : ids) {
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of(ApiTest.ROADS)));
            doc.put("submission", id);
            Api.Reply created = api.post(SUBMISSIONS, admin, doc.toString());
            assertEquals(201, created.status(), id + ": " + created.body());
            String location = created.response().headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(SUBMISSIONS + "/"), location);
            assertTrue(location.chars().allMatch(c -> c > 32 && c < 127), "ASCII only: " + location);
            URI uri = URI.create(location); // a valid URI reference
            assertEquals(SUBMISSIONS + "/" + id, uri.getPath(), "one segment that decodes to the id");
            assertEquals(uri, uri.normalize(), "no dot segment a client would resolve away: " + location);
            Api.Reply back = api.get(location, admin);
            assertEquals(200, back.status(), id + " at " + location + ": " + back.body());
            assertEquals(id, back.json().get("submission").asText());
        }
    }

    @Test
    void malformedQueryParametersAre400NamingThem() throws Exception {
        for (String query : List.of("subject=BL-112%", "unit=%", "measure=%", "status=%", "from=%", "to=%", "limit=%",
                "offset=%", "unit=%E4%B8", "limit=abc", "limit=0", "limit=1001", "offset=-1", "measure=x", "measure=0",
                "status=NOPE", "from=2022-13-01", "to=yesterday")) {
            // Sent as they are: java.net.URI refuses to build most of these.
            Raw r = raw("GET " + ApiServer.BASE + "/findings?" + query + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
                    + "\r\nConnection: close\r\n\r\n", false);
            assertEquals(400, r.status(), query + ": " + r.text());
            String name = query.substring(0, query.indexOf('='));
            assertTrue(jsonError(r.body()).get("error").asText().startsWith(name + ":"), query + ": " + r.text());
        }
        Api.Reply asOf = api.post(SUBMISSIONS + "?asOf=2022-02-30", admin, Files.readString(Path.of(ApiTest.ROADS)));
        assertEquals(400, asOf.status(), asOf.body());
        assertTrue(jsonError(asOf.body()).get("error").asText().startsWith("asOf:"), asOf.body());
        // Well-formed ones still filter: a literal % is %25.
        assertEquals(200, api.get(ApiServer.BASE + "/findings?subject=BL-112%25&limit=5&status=FAIL&from=2022-01-01", admin).status());
    }

    @Test
    void brokenBodiesAre400() throws Exception {
        String head = "POST " + SUBMISSIONS + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\n";
        // Shorter than its Content-Length, then the client stops sending.
        Raw shorter = raw(head + "Content-Length: 500\r\n\r\n{\"submission\":\"S-short\"", true);
        assertEquals(400, shorter.status(), shorter.text());
        jsonError(shorter.body());
        // Badly chunked.
        Raw chunked = raw(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", true);
        assertEquals(400, chunked.status(), chunked.text());
        jsonError(chunked.body());
        // Cut-off and trailing-garbage JSON.
        for (String body : List.of("{\"submission\": \"S-1\", \"facts\": [", "{\"a\":}", "[1, 2", "{\"a\": tru}", "\u0000")) {
            Api.Reply r = api.post(SUBMISSIONS, admin, body);
            assertEquals(400, r.status(), body + ": " + r.body());
            jsonError(r.body());
        }
    }

    @Test
    void jettysOwnErrorsAreJson() throws Exception {
        Raw longUri = raw("GET " + ApiServer.BASE + "/findings?subject=" + "x".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", false);
        assertEquals(414, longUri.status(), longUri.text());
        assertTrue(longUri.header("content-type").startsWith("application/json"), longUri.text().substring(0, Math.min(2000, longUri.text().length())));
        jsonError(longUri.body());

        Raw bigHeader = raw("GET " + ApiServer.BASE + "/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(70_000) + "\r\n\r\n", false);
        assertEquals(431, bigHeader.status(), bigHeader.text());
        assertTrue(bigHeader.header("content-type").startsWith("application/json"), bigHeader.text());
        jsonError(bigHeader.body());

        for (String path : List.of(ApiServer.BASE + "/%zz", ApiServer.BASE + "/submissions/%", "/api/v1/../../etc/passwd",
                ApiServer.BASE + "/submissions/a%2F..%2F..%2Fb/%2e%2e")) {
            Raw bad = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin + "\r\n\r\n", false);
            assertTrue(bad.status() == 400 || bad.status() == 404, path + ": " + bad.text());
            assertTrue(bad.header("content-type").startsWith("application/json"), path + ": " + bad.text());
            jsonError(bad.body());
        }
        Raw badRequestLine = raw("GET /a b c d\r\nHost: x\r\n\r\n", false);
        assertEquals(400, badRequestLine.status(), badRequestLine.text());
        jsonError(badRequestLine.body());

        Api.Reply unknown = api.get("/nowhere", admin);
        assertEquals(404, unknown.status());
        jsonError(unknown.body());
        Api.Reply method = api.send("DELETE", ApiServer.BASE + "/health", admin, java.net.http.HttpRequest.BodyPublishers.noBody());
        assertTrue(method.status() == 404 || method.status() == 405, method.body());
        jsonError(method.body());
    }

    /** A response read off a raw socket. */
    record Raw(String text) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return "";
        }

        String body() {
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }

    /** Sends bytes as they are (what java.net.http would refuse to send) and reads the answer until the server closes. */
    static Raw raw(String request, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (halfClose) s.shutdownOutput();
            } catch (IOException e) {
                // the server may answer and close before it has read everything (414, 431)
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                    String text = got.toString(StandardCharsets.UTF_8);
                    int end = text.indexOf("\r\n\r\n");
                    if (end > 0) {
                        String length = new Raw(text).header("content-length");
                        if (!length.isEmpty() && got.size() >= end + 4 + Integer.parseInt(length)) break;
                    }
                }
            } catch (IOException e) {
                // a reset after the answer
            }
            return new Raw(got.toString(StandardCharsets.UTF_8));
        }
    }
}
