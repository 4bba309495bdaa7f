package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.alerts.CaseRows;
import org.lantian.store.Attachments;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;

/** Rectification evidence over the API on H2 and PostgreSQL: who may post and see it, its limits, its type from its content. */
class EvidenceApiTest {
    static final String UNIT = "区住建局", OTHER = "北街街道";

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** A file part: field name, file name, declared type, content. */
    record FilePart(String name, String declared, byte[] content) {
    }

    static byte[] png(int size) {
        return withHead(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, size);
    }

    static byte[] pdf(int size) {
        return withHead("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), size);
    }

    static byte[] exe(int size) {
        return withHead(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}, size);
    }

    static byte[] withHead(byte[] head, int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    static final String BOUNDARY = "----lantian-test-7f3a";

    static HttpRequest.BodyPublisher multipart(String note, FilePart... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (note != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + note + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (FilePart f : files) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + f.name() + "\"\r\n"
                    + "Content-Type: " + f.declared() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(f.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    static Api.Reply post(Api api, long caseId, String token, String note, FilePart... files) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(ApiServer.BASE + "/cases/" + caseId + "/evidence"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).POST(multipart(note, files));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = api.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Reply(r.statusCode(), r.body(), r);
    }

    /**
     * Sends a multipart request's head with {@code Expect: 100-continue} and a declared length, none of its body, and
     * returns the server's whole answer (it closes the connection after it).
     */
    private static String headOnly(Api api, String path, String token, long length) throws IOException {
        URI u = api.uri(path);
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(30_000);
            String head = "POST " + u.getRawPath() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                    + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String evidence(long caseId) {
        return ApiServer.BASE + "/cases/" + caseId + "/evidence";
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aUnitPostsEvidenceThatOnlyThoseWhoSeeTheCaseSee(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        try (Api api = new Api(url); CaseRows rows = new CaseRows(url)) {
            long mine = rows.open(10, "10-fixed-roads", "BL-112", LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8), UNIT);
            long theirs = rows.open(10, "10-fixed-roads", "BL-113", LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8), OTHER);
            rows.move(mine, "OVERDUE");
            String unit = api.token(Role.UNIT, UNIT), other = api.token(Role.UNIT, OTHER);
            String inspector = api.token(Role.INSPECTOR, "INS-07"), admin = api.token(Role.ADMIN, null);
            byte[] photo = png(300_000), scan = pdf(40_000);

            Api.Reply posted = post(api, mine, unit, "已清扫并洒水降尘", new FilePart("现场.png", "image/png", photo),
                    new FilePart("验收单.pdf", "application/pdf", scan));
            assertEquals(201, posted.status(), posted.body());
            JsonNode files = posted.json().get("files");
            assertEquals(2, files.size());
            assertEquals("image/png", files.get(0).get("type").asText());
            assertEquals("application/pdf", files.get(1).get("type").asText());
            assertEquals("现场.png", files.get(0).get("name").asText());
            assertEquals(photo.length, files.get(0).get("bytes").asLong());
            // The posting is an event of the case, its status unchanged.
            String last = rows.events(mine).get(rows.events(mine).size() - 1);
            assertTrue(last.startsWith("OVERDUE>OVERDUE:evidence: 2 files; 已清扫并洒水降尘:"), last);
            assertTrue(last.endsWith(":UNIT"), last);

            for (String who : List.of(unit, inspector, admin)) {
                Api.Reply list = api.get(evidence(mine), who);
                assertEquals(200, list.status(), list.body());
                assertEquals(2, list.json().get("files").asInt());
                assertEquals("已清扫并洒水降尘", list.json().at("/evidence/0/note").asText());
                HttpResponse<byte[]> file = api.http.send(HttpRequest.newBuilder(api.uri(evidence(mine) + "/1"))
                        .header("Authorization", "Bearer " + who).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, file.statusCode());
                assertArrayEquals(photo, file.body());
                assertEquals("image/png", file.headers().firstValue("Content-Type").orElse(""));
                assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElse(""));
            }
            // Another unit, an unknown case, a case that is not a number, a file that is not there: all 404.
            assertEquals(404, api.get(evidence(mine), other).status());
            assertEquals(404, api.get(evidence(mine) + "/1", other).status());
            assertEquals(404, api.get(evidence(99999), admin).status());
            assertEquals(404, api.get(ApiServer.BASE + "/cases/abc/evidence", admin).status());
            assertEquals(404, api.get(evidence(mine) + "/3", admin).status());
            assertEquals(404, api.get(evidence(mine) + "/x", admin).status());
            Api.Reply foreign = post(api, mine, other, "not mine", new FilePart("a.png", "image/png", png(1000)));
            assertEquals(404, foreign.status(), foreign.body());
            assertEquals(404, post(api, theirs + 1000, admin, "none").status());
            // Inspectors verify; they do not post evidence. Without a token: 401.
            assertEquals(403, post(api, mine, inspector, "x").status());
            assertEquals(401, post(api, mine, null, "x").status());
            // An admin may post to any case; a note alone is a posting too.
            assertEquals(201, post(api, theirs, admin, "电话核实").status());
            assertEquals(0, api.get(evidence(theirs), other).json().get("files").asInt());
            assertEquals(1, api.get(evidence(theirs), other).json().get("evidence").size());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theTypeIsTheContentsAndTheLimitsHold(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        try (Api api = new Api(url); CaseRows rows = new CaseRows(url)) {
            long id = rows.open(10, "10-fixed-roads", "BL-112", LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8), UNIT);
            String unit = api.token(Role.UNIT, UNIT);
            int events = rows.events(id).size();

            // A PDF named .png is stored as the PDF it is.
            Api.Reply pdfAsPng = post(api, id, unit, null, new FilePart("photo.png", "image/png", pdf(5000)));
            assertEquals(201, pdfAsPng.status(), pdfAsPng.body());
            assertEquals("application/pdf", pdfAsPng.json().at("/files/0/type").asText());
            // A program named .jpg and declared image/jpeg is refused, and nothing of the posting is kept.
            Api.Reply exeAsJpg = post(api, id, unit, "看这个", new FilePart("photo.jpg", "image/jpeg", exe(5000)),
                    new FilePart("ok.png", "image/png", png(5000)));
            assertEquals(415, exeAsJpg.status(), exeAsJpg.body());
            assertTrue(exeAsJpg.json().get("error").asText().contains("photo.jpg") && exeAsJpg.json().get("error").asText().contains("4D 5A"),
                    exeAsJpg.body());
            assertEquals(1, api.get(evidence(id), unit).json().get("files").asInt());
            assertEquals(events + 1, rows.events(id).size());

            // A file of exactly 5 MB is taken; one byte more is refused while the request is read, with a JSON answer.
            assertEquals(201, post(api, id, unit, null, new FilePart("max.png", "image/png", png((int) Attachments.MAX_FILE_BYTES))).status());
            Api.Reply big = post(api, id, unit, null, new FilePart("big.png", "image/png", png((int) Attachments.MAX_FILE_BYTES + 1)));
            assertEquals(413, big.status(), big.body());
            assertTrue(big.json().get("error").asText().contains("5 MB"), big.body());
            assertEquals(2, api.get(evidence(id), unit).json().get("files").asInt());

            // Ten files a case: 2 stored, 8 more fit, the eleventh does not (alone or in one posting of nine).
            FilePart[] nine = new FilePart[9];
            Arrays.fill(nine, new FilePart("p.png", "image/png", png(2000)));
            Api.Reply tooMany = post(api, id, unit, null, nine);
            assertEquals(409, tooMany.status(), tooMany.body());
            assertEquals(8, tooMany.json().get("room").asInt());
            assertEquals(201, post(api, id, unit, null, Arrays.copyOf(nine, 8)).status());
            Api.Reply eleventh = post(api, id, unit, null, new FilePart("p.png", "image/png", png(2000)));
            assertEquals(409, eleventh.status(), eleventh.body());
            assertEquals(10, api.get(evidence(id), unit).json().get("files").asInt());

            // Not multipart, nothing in it, an unknown field, an empty file, a note too long: 4xx naming what to send.
            Api.Reply json = api.post(evidence(id), unit, "{\"note\":\"x\"}");
            assertEquals(415, json.status(), json.body());
            assertTrue(json.json().get("error").asText().contains("multipart/form-data"));
            assertEquals(400, post(api, id, unit, null).status());
            assertEquals(400, post(api, id, unit, "x".repeat(Attachments.MAX_NOTE + 1)).status());
        }
    }

    /** An upload much larger than the request limit is cut off while it is read, and still answered with JSON. */
    @ParameterizedTest
    @MethodSource("kinds")
    void aRequestOverTheTotalLimitIsRefused(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        try (Api api = new Api(url); CaseRows rows = new CaseRows(url)) {
            long id = rows.open(10, "10-fixed-roads", "BL-112", LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8), UNIT);
            String unit = api.token(Role.UNIT, UNIT);
            // The request's head alone, declaring ten files and more, as a phone asking "100 Continue" before it
            // uploads: it is refused on the declared length, before any of the body is sent (a server answering
            // mid-upload may close before the client reads the answer).
            String answer = headOnly(api, evidence(id), unit, EvidenceRoutes.MAX_REQUEST + 1);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("\"maxRequestBytes\":" + EvidenceRoutes.MAX_REQUEST), answer);
            assertEquals(0, api.get(evidence(id), unit).json().get("files").asInt());
        }
    }
}
