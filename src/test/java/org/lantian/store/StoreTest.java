package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Finding;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;

/** The store on H2 and on PostgreSQL: posting, re-posting, reading back, the batch's day, finding filters, tokens. */
class StoreTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static JsonNode sample(String id) throws Exception {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("samples/inspections/road-cleaning.json")));
        doc.put("submission", id);
        return doc;
    }

    static Submissions.NewSubmission evaluated(JsonNode doc, OffsetDateTime postedAt) throws Exception {
        EvaluationService service = new EvaluationService(TestPacks.bundled());
        CheckReport report = service.check(doc, LocalDate.of(2022, 6, 30));
        return new Submissions.NewSubmission(report.submission(), doc.get("inspector").asText(), Submissions.contentHash(doc),
                postedAt, service.dayOf(postedAt), report.asOf(), TestPacks.bundled().hash(), doc.toString(), Json.MAPPER.writeValueAsString(report),
                report.findings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void storesASubmissionOnceAndComparesRepostsByContent(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            JsonNode doc = sample("S-1");
            var n = evaluated(doc, OffsetDateTime.parse("2022-06-30T02:15:00Z"));
            assertEquals(Submissions.Outcome.CREATED, store.submissions().insert(n).outcome());

            // Same content with the keys in another order: the same submission.
            ObjectNode reordered = Json.MAPPER.createObjectNode();
            reordered.set("facts", doc.get("facts"));
            doc.fieldNames().forEachRemaining(f -> { if (!f.equals("facts")) reordered.set(f, doc.get(f)); });
            assertEquals(Submissions.contentHash(doc), Submissions.contentHash(reordered));
            Submissions.Posted again = store.submissions().insert(evaluated(reordered, OffsetDateTime.now()));
            assertEquals(Submissions.Outcome.SAME, again.outcome());
            assertEquals(Json.MAPPER.readTree(n.report()), Json.MAPPER.readTree(again.report()));

            ObjectNode changed = doc.deepCopy();
            ((ObjectNode) changed.get("facts").get(0)).put("sweeps", 1);
            assertNotEquals(Submissions.contentHash(doc), Submissions.contentHash(changed));
            assertEquals(Submissions.Outcome.CONFLICT, store.submissions().insert(evaluated(changed, OffsetDateTime.now())).outcome());

            StoredSubmission stored = store.submissions().get("S-1").orElseThrow();
            assertEquals("INS-07", stored.inspector());
            assertEquals(doc, stored.documentTree());
            assertEquals(LocalDate.of(2022, 6, 30), stored.postedOn());
            assertEquals(OffsetDateTime.parse("2022-06-30T02:15:00Z").toInstant(), stored.postedAt().toInstant());
            assertTrue(store.submissions().get("S-2").isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void forEachPostedOnStreamsTheSubmissionsOfOneDayInTheLedgersZone(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            // 16:30 UTC on 30 June is 00:30 on 1 July in Beijing: it counts for 1 July.
            store.submissions().insert(evaluated(sample("S-b"), OffsetDateTime.parse("2022-06-30T15:59:00Z")));
            store.submissions().insert(evaluated(sample("S-c"), OffsetDateTime.parse("2022-06-30T16:30:00Z")));
            store.submissions().insert(evaluated(sample("S-a"), OffsetDateTime.parse("2022-06-30T01:00:00+08:00")));
            store.submissions().insert(evaluated(sample("S-d"), OffsetDateTime.parse("2022-07-01T23:59:00+08:00")));
            List<String> june30 = new ArrayList<>();
            store.submissions().forEachPostedOn(LocalDate.of(2022, 6, 30), s -> june30.add(s.id()));
            assertEquals(List.of("S-a", "S-b"), june30);
            List<StoredSubmission> july1 = new ArrayList<>();
            store.submissions().forEachPostedOn(LocalDate.of(2022, 7, 1), july1::add);
            assertEquals(List.of("S-c", "S-d"), july1.stream().map(StoredSubmission::id).toList());
            assertEquals(5, july1.get(0).documentTree().get("facts").size());
            List<String> none = new ArrayList<>();
            store.submissions().forEachPostedOn(LocalDate.of(2022, 7, 2), s -> none.add(s.id()));
            assertTrue(none.isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void findingsAreFilteredWithBoundParametersOnly(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            store.submissions().insert(evaluated(sample("S-1"), OffsetDateTime.parse("2022-06-30T02:00:00Z")));
            store.submissions().insert(evaluated(sample("S-2"), OffsetDateTime.parse("2022-07-02T02:00:00Z")));
            int perPost = evaluated(sample("S-0"), OffsetDateTime.now()).findings().size();
            List<String> all = query(store, null, null, null, null, null, null, 1000, 0);
            assertEquals(2 * perPost, all.size());
            // Newest first: S-2's findings come before S-1's.
            assertEquals("S-2", Json.MAPPER.readTree(all.get(0)).get("submission").asText());
            assertEquals("S-1", Json.MAPPER.readTree(all.get(2 * perPost - 1)).get("submission").asText());
            // Each finding reads back as the text of the finding with its submission, in the report's order.
            List<String> expected = new ArrayList<>();
            for (Finding f : evaluated(sample("S-2"), OffsetDateTime.now()).findings()) {
                expected.add(Json.MAPPER.writeValueAsString(f.withSubmission("S-2")));
            }
            assertEquals(expected, all.subList(0, perPost));

            List<String> fails = query(store, 13, "西街街道", "FAIL", null, null, null, 1000, 0);
            assertFalse(fails.isEmpty());
            for (String f : fails) {
                JsonNode n = Json.MAPPER.readTree(f);
                assertEquals("FAIL", n.get("status").asText());
                assertTrue(n.get("units").toString().contains("西街街道"), f);
            }
            assertEquals(perPost, query(store, null, null, null, null, LocalDate.of(2022, 7, 1), null, 1000, 0).size());
            assertEquals(perPost, query(store, null, null, null, null, null, LocalDate.of(2022, 6, 30), 1000, 0).size());
            assertEquals(2 * query(store, null, null, null, "R-017", LocalDate.of(2022, 7, 2), null, 100, 0).size(),
                    query(store, null, null, null, "R-017", null, null, 100, 0).size());
            // Paging: two pages make the whole list.
            List<String> paged = new ArrayList<>(query(store, null, null, null, null, null, null, perPost + 3, 0));
            paged.addAll(query(store, null, null, null, null, null, null, perPost + 3, perPost + 3));
            assertEquals(all, paged);

            // Wildcards and quotes are data, not SQL: they match nothing and break nothing.
            assertTrue(query(store, null, "%", null, null, null, null, 100, 0).isEmpty());
            assertTrue(query(store, null, "_街街道", null, null, null, null, 100, 0).isEmpty());
            assertTrue(query(store, null, null, null, "R-017' OR '1'='1", null, null, 100, 0).isEmpty());
            assertTrue(query(store, null, null, "FAIL'; DROP TABLE findings; --", null, null, null, 100, 0).isEmpty());
            assertEquals(2 * perPost, query(store, null, null, null, null, null, null, 1000, 0).size());
        }
    }

    private static List<String> query(Store store, Integer measure, String unit, String status, String subject,
                                      LocalDate from, LocalDate to, int limit, int offset) throws Exception {
        return store.submissions().findings(new FindingQuery(measure, unit, status, subject, from, to, null, limit, offset));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void tokensAreKeptAsHashesAndCanBeRevoked(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            Tokens.Created inspector = store.tokens().create(Role.INSPECTOR, "INS-07", null);
            Tokens.Created unit = store.tokens().create(Role.UNIT, null, "北街街道");
            assertEquals(new Principal(inspector.id(), Role.INSPECTOR, "INS-07", null), store.tokens().lookup(inspector.token()).orElseThrow());
            assertEquals("北街街道", store.tokens().lookup(unit.token()).orElseThrow().unit());
            assertTrue(store.tokens().lookup(inspector.token() + "x").isEmpty());
            try (var c = store.connection(); var s = c.createStatement(); var r = s.executeQuery("SELECT token_hash FROM tokens")) {
                while (r.next()) {
                    assertNotEquals(inspector.token(), r.getString(1).trim());
                    assertEquals(64, r.getString(1).trim().length());
                }
                c.rollback();
            }
            assertTrue(store.tokens().revoke(inspector.id()));
            assertFalse(store.tokens().revoke(inspector.id()));
            assertTrue(store.tokens().lookup(inspector.token()).isEmpty());
            assertTrue(store.tokens().lookup(unit.token()).isPresent());
            assertEquals(2, store.tokens().list().size());
        }
    }
}
