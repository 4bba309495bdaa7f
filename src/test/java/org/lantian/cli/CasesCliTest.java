package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.domain.Case;
import org.lantian.domain.CaseEvent;
import org.lantian.domain.CaseStatus;
import org.lantian.store.Cases;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;

/**
 * The nightly batch and {@code check --db} move cases as serve does; a re-run night moves nothing twice;
 * {@code lantian cases} and {@code lantian waiver} (H2 and PostgreSQL).
 */
class CasesCliTest {
    static final LocalDate MONDAY = LocalDate.of(2022, 7, 4);

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** Road R-017 of 北街街道 on a night, swept {@code sweeps} times (target 3). */
    Path night(LocalDate day, int sweeps) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in").resolve(day + "-" + sweeps));
        Files.writeString(dir.resolve("night.jsonl"), "{\"type\":\"RoadCleaning\",\"submission\":\"S-" + day + "\",\"road\":\"R-017\","
                + "\"roadName\":\"泽州路\",\"roadClass\":\"SECONDARY\",\"zone\":\"URBAN\",\"town\":\"北街街道\",\"date\":\"" + day + "\","
                + "\"areaM2\":86000,\"mechanizedAreaM2\":83980,\"sweeps\":" + sweeps + ",\"upkeepShifts\":2,\"washes\":1}\n");
        return dir;
    }

    void batch(String url, LocalDate day, int sweeps) throws Exception {
        Lantian.Run r = lantian("batch", night(day, sweeps).toString(), "--as-of", day.toString(), "--db", url,
                "--out", tmp.resolve("out-" + day).toString());
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
    }

    static Case sweepsCase(Store store) throws Exception {
        List<Case> found = store.cases().list(new Cases.Filter(null, null, null, "13-daily-sweeps", "R-017"), 10, 0);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void nightsAndChecksWalkACaseAndARerunNightChangesNothing(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        assertEquals(0, lantian("token", "list", "--db", url).code()); // makes the store
        batch(url, MONDAY, 2);
        batch(url, MONDAY.plusDays(2), 2);
        long id;
        List<CaseEvent> before;
        try (Store store = Store.open(url)) {
            Case k = sweepsCase(store);
            id = k.id();
            assertEquals(CaseStatus.OVERDUE, k.status());
            assertEquals(MONDAY.plusDays(1), k.dueOn());
            before = store.cases().events(id);
            assertEquals("batch", before.get(0).by());
            assertEquals("S-" + MONDAY, before.get(0).submission());
        }
        batch(url, MONDAY.plusDays(2), 2); // the night again
        batch(url, MONDAY, 2);             // an older night again
        try (Store store = Store.open(url)) {
            assertEquals(before.size(), store.cases().events(id).size());
            assertEquals(CaseStatus.OVERDUE, sweepsCase(store).status());
        }

        // lantian cases: OVERDUE first, filtered by unit and status.
        Lantian.Run listed = lantian("cases", "--unit", "北街街道", "--status", "OVERDUE", "--db", url);
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("13-daily-sweeps") && listed.out().contains("OVERDUE") && listed.out().contains("R-017"), listed.out());
        assertTrue(listed.out().indexOf("OVERDUE") < listed.out().lastIndexOf("13-daily"), listed.out());
        assertEquals("", lantian("cases", "--unit", "南村镇", "--db", url).out().lines().skip(2).reduce("", String::concat));

        // check --db moves the case as a post does: a PASS rectifies it.
        Path pass = night(MONDAY.plusDays(3), 3).resolve("night.jsonl");
        Path doc = tmp.resolve("check.json");
        Files.writeString(doc, "{\"submission\":\"C-1\",\"inspector\":\"INS-07\",\"facts\":[" + Files.readString(pass).strip()
                .replace("\"submission\":\"S-" + MONDAY.plusDays(3) + "\",", "") + "]}");
        Lantian.Run checked = lantian("check", doc.toString(), "--as-of", MONDAY.plusDays(3).toString(), "--db", url);
        // All PASS: the week's earlier days FAILed, but on their own nights; a check judges them not again (docs/findings.md).
        assertEquals(0, checked.code(), checked.err() + checked.out());
        try (Store store = Store.open(url)) {
            assertEquals(CaseStatus.RECTIFIED, sweepsCase(store).status());
            List<CaseEvent> events = store.cases().events(id);
            assertEquals("check", events.get(events.size() - 1).by());
            assertEquals("C-1", events.get(events.size() - 1).submission());
        }

        // A waiver from the command line: the next night's finding is WAIVED and moves nothing.
        Lantian.Run granted = lantian("waiver", "create", "--rule", "13-daily-sweeps", "--subject", "R-017", "--from", "2022-07-08",
                "--to", "2022-07-08", "--reason", "施工", "--approver", "区大气办", "--document", "城大气办〔2022〕9号", "--db", url);
        assertEquals(0, granted.code(), granted.err());
        String waiver = granted.out().strip();
        assertEquals(2, lantian("waiver", "create", "--rule", "13-x", "--subject", "R-017", "--from", "2022-07-08", "--to", "2022-07-08",
                "--reason", "r", "--approver", "a", "--document", "d", "--db", url).code());
        batch(url, MONDAY.plusDays(4), 2);
        JsonNode waived = null;
        for (JsonNode f : org.lantian.batch.FindingsFile.readAll(tmp.resolve("out-" + MONDAY.plusDays(4)).resolve("findings.jsonl"))) {
            if (f.get("subject").asText().equals("R-017/" + MONDAY.plusDays(4)) && f.get("rule").asText().equals("13-daily-sweeps")) waived = f;
        }
        assertEquals("WAIVED", waived.get("status").asText());
        assertEquals(waiver, waived.get("waiver").asText());
        JsonNode report = Json.MAPPER.readTree(tmp.resolve("out-" + MONDAY.plusDays(4)).resolve("report.json").toFile());
        assertTrue(report.toString().contains("\"WAIVED\":1"), report.toString());
        try (Store store = Store.open(url)) {
            Case k = sweepsCase(store);
            assertEquals(CaseStatus.RECTIFIED, k.status());
            assertEquals(waiver, k.waiver());
        }
        // The bulletin counts the waived finding apart: neither judged nor failed.
        Lantian.Run bulletin = lantian("bulletin", "--db", url, "--week", "2022-W27", "--out", tmp.resolve("bulletin").toString());
        assertEquals(0, bulletin.code(), bulletin.err());
        JsonNode units = Json.MAPPER.readTree(tmp.resolve("bulletin").resolve("bulletin.json").toFile()).get("units");
        JsonNode town = null;
        for (JsonNode u : units) if (u.get("unit").asText().equals("北街街道")) town = u;
        assertEquals(1, town.get("waived").asInt(), units.toString());
        assertTrue(Files.readString(tmp.resolve("bulletin").resolve("bulletin.html")).contains("豁免 Waived"));
        assertTrue(lantian("waiver", "list", "--db", url).out().contains(waiver));
        assertEquals(0, lantian("waiver", "revoke", waiver, "--db", url).code());
        assertEquals(2, lantian("waiver", "revoke", waiver, "--db", url).code());
        assertTrue(lantian("waiver", "list", "--db", url).out().contains(" by cli:"));
    }
}
