package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;
import org.lantian.store.Store;
import org.lantian.store.Submissions;
import org.lantian.store.TestDatabases;

/** {@code lantian batch --db}: the day's submissions from the store (H2 and PostgreSQL) give the findings the same documents give as files. */
class BatchFromStoreTest {
    private static final String DAY = "2022-06-30";

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    private static JsonNode sample(String file, String id) throws Exception {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("samples/inspections", file)));
        doc.put("submission", id);
        return doc;
    }

    /** Stores a document as the API does, evaluated and posted at a given instant. */
    private static void post(Store store, JsonNode doc, String postedAt) throws Exception {
        EvaluationService service = new EvaluationService(TestPacks.bundled());
        CheckReport report = service.check(doc, LocalDate.parse(DAY));
        OffsetDateTime at = OffsetDateTime.parse(postedAt);
        var posted = store.submissions().insert(new Submissions.NewSubmission(report.submission(),
                doc.get("inspector").asText(), Submissions.contentHash(doc), at, service.dayOf(at), report.asOf(),
                TestPacks.bundled().hash(), doc.toString(), Json.MAPPER.writeValueAsString(report), report.findings()));
        assertEquals(Submissions.Outcome.CREATED, posted.outcome());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void readsTheDaysSubmissionsAndFindsWhatTheSameFilesGive(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        // Posted on 2022-06-30 in Asia/Shanghai: 01:30 and 23:59 there; then 00:30 on 1 July there.
        List<JsonNode> june30 = List.of(sample("boilers.json", "S-C"), sample("road-cleaning.json", "S-A"),
                sample("restaurants.json", "S-B"));
        JsonNode july1 = sample("construction-sites.json", "S-D");
        String description;
        try (Store store = Store.open(url)) {
            post(store, june30.get(0), "2022-06-29T17:30:00Z");
            post(store, june30.get(1), "2022-06-30T09:00:00+08:00");
            post(store, june30.get(2), "2022-06-30T15:59:00Z");
            post(store, july1, "2022-06-30T16:30:00Z");
            description = store.describe();
        }

        Path fromStore = tmp.resolve("from-store");
        Lantian.Run db = Lantian.lantian("batch", "--db", url, "--as-of", DAY, "--out", fromStore.toString());
        assertTrue(db.code() == 0 || db.code() == 1, db.err());
        assertTrue(db.err().contains("0 rejects"), db.err());

        List<JsonNode> findings = jsonLines(fromStore.resolve("findings.jsonl"));
        Set<String> submissions = new TreeSet<>();
        for (JsonNode f : findings) if (f.hasNonNull("submission")) submissions.add(f.get("submission").asText());
        assertEquals(Set.of("S-A", "S-B", "S-C"), submissions, "exactly the day's submissions");
        assertTrue(findings.stream().anyMatch(f -> f.get("status").asText().equals("NO_DATA")
                && f.get("rule").asText().contains("-register-")), "registered subjects without a report are NO_DATA");

        JsonNode report = Json.MAPPER.readTree(fromStore.resolve("report.json").toFile());
        assertEquals(1, report.get("inputs").size());
        assertEquals(description + " (posted on " + DAY + ")", report.get("inputs").get(0).get("file").asText(),
                "the report names the store as its input");
        assertFalse(report.toString().contains("lantian-batch-"), "no temporary file is named");

        // The same documents as files: the same findings, byte for byte.
        Path files = Files.createDirectories(tmp.resolve("files"));
        for (JsonNode doc : june30) Files.writeString(files.resolve(doc.get("submission").asText() + ".json"), doc.toString());
        Path fromFiles = tmp.resolve("from-files");
        Lantian.Run onFiles = Lantian.lantian("batch", files.toString(), "--db", url, "--as-of", DAY,
                "--out", fromFiles.toString());
        assertEquals(onFiles.code(), db.code(), onFiles.err());
        assertArrayEquals(Files.readAllBytes(fromFiles.resolve("findings.jsonl")), Files.readAllBytes(fromStore.resolve("findings.jsonl")));
        JsonNode fileReport = Json.MAPPER.readTree(fromFiles.resolve("report.json").toFile());
        for (String field : List.of("records", "factsEvaluated", "findings", "summary", "measuresWithoutData", "registers")) {
            assertEquals(fileReport.get(field), report.get(field), field);
        }

        // Another day: its own submission alone, or with the history of the week (S-A's road cleaning of the day before).
        assertEquals(Set.of("S-D"), submissionsOn(url, "2022-07-01", "--no-history"));
        assertEquals(Set.of("S-A", "S-D"), submissionsOn(url, "2022-07-01"));
    }

    @Test
    void historyStoreAndNoHistoryExcludeEachOtherAndAMissingStoreIsAnError() throws Exception {
        Path out = tmp.resolve("out");
        String url = "jdbc:h2:file:" + tmp.resolve("no-store").toAbsolutePath();
        Lantian.Run both = Lantian.lantian("batch", "samples/inspections", "--db", url, "--no-history", "--as-of", DAY,
                "--out", out.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("give one of them"), both.err());
        Lantian.Run neither = Lantian.lantian("batch", "--as-of", DAY, "--out", out.toString());
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("--db"), neither.err());

        Lantian.Run missing = Lantian.lantian("batch", "--db", url, "--as-of", DAY, "--out", out.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("no store at " + url), missing.err());
        assertFalse(Files.exists(tmp.resolve("no-store.mv.db")), "reading a store does not create one");
        assertFalse(Files.exists(out), "nothing written on a usage or store error");

        Lantian.Run refused = Lantian.lantian("batch", "--db", "jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret",
                "--as-of", DAY, "--out", out.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("password=***") && !refused.err().contains("secret"), refused.err());
        assertFalse(Files.exists(out));
    }

    private Set<String> submissionsOn(String url, String day, String... more) throws Exception {
        Path out = tmp.resolve("on-" + day + more.length);
        List<String> args = new java.util.ArrayList<>(List.of("batch", "--db", url, "--as-of", day, "--out", out.toString()));
        args.addAll(List.of(more));
        assertTrue(Lantian.lantian(args.toArray(String[]::new)).code() < 2);
        Set<String> submissions = new TreeSet<>();
        for (JsonNode f : jsonLines(out.resolve("findings.jsonl"))) {
            if (f.hasNonNull("submission")) submissions.add(f.get("submission").asText());
        }
        return submissions;
    }

    private static List<JsonNode> jsonLines(Path file) throws Exception {
        if (file.getFileName().toString().equals("findings.jsonl")) return List.copyOf(org.lantian.batch.FindingsFile.readAll(file));
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @org.junit.jupiter.api.Test
    void aStoredDocumentWithAHalfSurrogatePairIsARejectNotTheNightsEnd() throws Exception {
        // Stored before validation refused them (the batch --db crash). H2 keeps the char as it was
        // given; PostgreSQL's driver had turned it into "?" on the way in, which is a valid document.
        String url = TestDatabases.fresh("h2", tmp);
        try (Store store = Store.open(url)) {
            post(store, sample("restaurants.json", "S-B"), "2022-06-30T09:00:00+08:00");
            JsonNode good = sample("road-cleaning.json", "S-X");
            CheckReport report = new EvaluationService(TestPacks.bundled()).check(good, LocalDate.parse(DAY));
            String document = good.toString().replaceFirst("\"R-", "\"\uD800R-"); // the raw char, as Jackson wrote it
            store.submissions().insert(new Submissions.NewSubmission("S-X", "INS-07", "x".repeat(64),
                    OffsetDateTime.parse("2022-06-30T10:00:00+08:00"), LocalDate.parse(DAY), report.asOf(), TestPacks.bundled().hash(), document,
                    Json.MAPPER.writeValueAsString(report), report.findings()));
        }
        Path out = tmp.resolve("out");
        Lantian.Run run = Lantian.lantian("batch", "--db", url, "--as-of", DAY, "--out", out.toString());
        assertTrue(run.code() == 0 || run.code() == 1, run.err());
        List<JsonNode> rejects = jsonLines(out.resolve("rejects.jsonl"));
        assertEquals(1, rejects.size(), rejects.toString());
        assertEquals("S-X", rejects.get(0).get("submission").asText());
        assertTrue(rejects.get(0).get("reasons").get(0).asText().contains("Unicode text"), rejects.toString());
        assertTrue(Files.readString(out.resolve("findings.jsonl")).contains("\"submission\":\"S-B\""));
    }
}
