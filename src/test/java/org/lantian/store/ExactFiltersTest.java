package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.domain.Finding;
import org.lantian.domain.Message;
import org.lantian.domain.Status;

/** Issue 16: a unit sees its own findings only (units are rows, matched exactly); % and _ in filters are plain characters. */
class ExactFiltersTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    private static Finding finding(String subject, List<String> units) {
        return new Finding(13, "13-x", subject, "RoadCleaning", Status.FAIL, 1, 2, units, new Message("中", "en"), "长期坚持", null, null, null, List.of());
    }

    /** Stores one submission holding these findings, as the service would. */
    private static void post(Store store, String id, List<Finding> findings) throws Exception {
        String report = Json.MAPPER.writeValueAsString(java.util.Map.of("submission", id, "findings", findings));
        store.submissions().insert(new Submissions.NewSubmission(id, "INS-07", "h-" + id, OffsetDateTime.parse("2022-06-30T02:00:00Z"),
                LocalDate.of(2022, 6, 30), LocalDate.of(2022, 6, 30), "pack", "{\"submission\":\"" + id + "\"}", report, findings));
    }

    private static List<String> subjects(Store store, String unit, String subject) throws Exception {
        return store.submissions().findings(new FindingQuery(null, unit, null, subject, null, null, null, 100, 0)).stream()
                .map(f -> {
                    try {
                        return Json.MAPPER.readTree(f).get("subject").asText();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void unitsAreMatchedExactlyAndWildcardsAreLiteral(String kind) throws Exception {
        try (Store store = Store.open(TestDatabases.fresh(kind, tmp))) {
            post(store, "S-1", List.of(
                    finding("BL-112", List.of("区住建局", "北街街道")),
                    finding("BL-1120", List.of("区住建局", "南村镇")),
                    finding("BL-112%", List.of("北街街道|南村镇")),
                    finding("BL_112", List.of("%", "南_镇"))));
            assertEquals(List.of("BL-112"), subjects(store, "北街街道", null), "a town named A|B is not A");
            assertEquals(List.of("BL-1120"), subjects(store, "南村镇", null));
            assertEquals(List.of("BL-112%"), subjects(store, "北街街道|南村镇", null));
            assertEquals(List.of("BL_112"), subjects(store, "%", null), "% is a unit name, not any unit");
            assertEquals(List.of(), subjects(store, "南%", null));
            assertEquals(List.of(), subjects(store, "南村_", null));
            assertEquals(List.of("BL-112%"), subjects(store, null, "BL-112%"));
            assertEquals(List.of(), subjects(store, null, "BL-11_"));
            assertEquals(List.of("BL-112", "BL-1120"), subjects(store, "区住建局", null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aStoreOfVersion2KeepsItsFindingsUnitsWhenMigrated(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target(MigrationVersion.fromVersion("2"))
                .load().migrate();
        try (Connection c = java.sql.DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(
                "INSERT INTO findings (submission, seq, inspector, posted_at, posted_on, measure, rule_id, subject, status, units)"
                        + " VALUES ('S-1', 0, 'INS-07', ?, ?, 13, '13-x', 'BL-112', 'FAIL', '|区住建局|北街街道|')")) {
            s.setObject(1, OffsetDateTime.parse("2022-06-30T02:00:00Z"));
            s.setObject(2, LocalDate.of(2022, 6, 30));
            s.executeUpdate();
            try (PreparedStatement d = c.prepareStatement("INSERT INTO submissions (id, inspector, content_hash, posted_at, posted_on,"
                    + " as_of, pack_hash, document, report) VALUES ('S-1', 'INS-07', ?, ?, ?, ?, 'p', '{}', ?)")) {
                d.setString(1, "0".repeat(64));
                d.setObject(2, OffsetDateTime.parse("2022-06-30T02:00:00Z"));
                d.setObject(3, LocalDate.of(2022, 6, 30));
                d.setObject(4, LocalDate.of(2022, 6, 30));
                d.setString(5, Json.MAPPER.writeValueAsString(java.util.Map.of("findings",
                        List.of(finding("BL-112", List.of("区住建局", "北街街道"))))));
                d.executeUpdate();
            }
            if (!c.getAutoCommit()) c.commit();
        }
        try (Store store = Store.open(url)) {
            assertEquals(List.of("BL-112"), subjects(store, "北街街道", null));
            assertEquals(List.of("BL-112"), subjects(store, "区住建局", null));
            assertEquals(List.of(), subjects(store, "住建", null));
        }
    }
}
