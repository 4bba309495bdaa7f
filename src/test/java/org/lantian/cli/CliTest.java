package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.cli.Lantian.Run;

/** The command line end to end, through {@link Main#run}, on the bundled pack and on edited copies of it. */
class CliTest {
    static final String ROADS = "samples/inspections/road-cleaning.json";

    @TempDir
    Path tmp;

    private Path copyOfPack() throws IOException {
        return TestPacks.copyOfBundled(tmp.resolve("pack"));
    }

    private static JsonNode finding(JsonNode report, String rule, String subject) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals(rule) && f.get("subject").asText().equals(subject)) return f;
        }
        throw new AssertionError("no finding " + rule + " " + subject);
    }

    @Test
    void checkPrintsATableAndExitsOneWhenSomethingFails() {
        Run r = lantian("check", ROADS, "--as-of", "2022-06-30");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("13-mechanised-sweeping-rate  R-017"), r.out());
        assertTrue(r.out().contains("机械化清扫率 93%，目标不低于 95%"), r.out());
        assertTrue(r.out().contains("北街街道、区市容环卫中心"), r.out());
        // The roads sample gives data for 13 and 14 only: every other encoded measure is listed as without data.
        String withoutData = TestPacks.bundled().rules().stream().map(rule -> rule.measure())
                .filter(m -> m != 13 && m != 14).distinct().sorted().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
        assertTrue(r.out().contains("本次提交无数据的措施：" + withoutData + "\n"), r.out());
        Run en = lantian("check", ROADS, "--as-of", "2022-06-30", "--lang", "en");
        assertTrue(en.out().contains("Mechanised sweeping rate 93%, target at least 95%"), en.out());
    }

    @Test
    void jsonFindingsFollowTheContract() throws Exception {
        Run r = lantian("check", ROADS, "--as-of", "2022-06-30", "--format", "json");
        JsonNode report = Json.MAPPER.readTree(r.out());
        assertEquals("S-20220630-0001", report.get("submission").asText());
        assertEquals("2022-06-30", report.get("asOf").asText());
        assertEquals("chengqu-2022", report.get("pack").asText());
        JsonNode f = finding(report, "13-mechanised-sweeping-rate", "R-017/2022-06-30");
        assertEquals(13, f.get("measure").asInt());
        assertEquals("FAIL", f.get("status").asText());
        assertEquals(0.93, f.get("observed").asDouble(), 1e-9);
        assertEquals(0.95, f.get("target").asDouble(), 1e-9);
        assertEquals("[\"北街街道\",\"区市容环卫中心\"]", f.get("units").toString());
        assertEquals("ongoing", f.get("deadline").asText());
        assertEquals("{\"from\":\"2022-06-30\",\"to\":\"2022-06-30\"}", f.get("period").toString());
        assertFalse(f.get("message").get("zh").asText().isBlank());
        assertFalse(f.get("message").get("en").asText().isBlank());
        int total = 0;
        for (var e : report.get("summary").properties()) total += e.getValue().asInt();
        assertEquals(report.get("findings").size(), total);
    }

    @Test
    void aSubmissionWithNoFailureExitsZero() throws Exception {
        Path file = tmp.resolve("good.json");
        Files.writeString(file, """
                { "submission": "S-2", "inspector": "INS-01", "facts": [
                  { "type": "RoadCleaning", "road": "BL-1", "roadClass": "BACK_LANE", "wetSweeps": 1, "date": "2022-06-30", "flushes": 1 } ] }
                """);
        Run r = lantian("check", file.toString(), "--as-of", "2022-06-30");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS 2"), r.out());
    }

    @Test
    void invalidInputExitsTwoListingEveryProblemWithoutAStackTrace() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, """
                { "submission": "S-3", "inspector": "INS-01", "facts": [
                  { "type": "RoadCleaning", "road": "R-1", "date": "2022-06-30", "areaM2": -5 },
                  { "type": "Boat" } ] }
                """);
        Run r = lantian("check", file.toString(), "--as-of", "2022-06-30");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("2 problem(s)"), r.err());
        assertTrue(r.err().contains("/facts/0/areaM2 (fact 0 (RoadCleaning R-1)): expected a non-negative number, found -5"), r.err());
        assertTrue(r.err().contains("/facts/1/type"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());

        Files.writeString(file, "{ \"submission\": ");
        Run broken = lantian("check", file.toString());
        assertEquals(2, broken.code());
        assertTrue(broken.err().contains("not valid JSON at line 1"), broken.err());
        assertEquals(2, lantian("check", "no-such-file.json").code());
        assertEquals(2, lantian("check", ROADS, "--as-of", "30/06/2022").code());
    }

    @Test
    void changingATargetInTheLedgerFileChangesTheVerdictWithoutRebuilding() throws Exception {
        Path pack = copyOfPack();
        Path ledger = pack.resolve("ledger.yaml");
        String text = Files.readString(ledger);
        String edited = text.replaceFirst("(mechanisedRate:\\s*\\{\\s*value:\\s*)0\\.95", "$10.90");
        assertFalse(edited.equals(text), "the ledger file states the 95% target");
        Files.writeString(ledger, edited);
        Run r = lantian("check", ROADS, "--as-of", "2022-06-30", "--format", "json", "--rules", pack.toString());
        JsonNode f = finding(Json.MAPPER.readTree(r.out()), "13-mechanised-sweeping-rate", "R-017/2022-06-30");
        assertEquals("PASS", f.get("status").asText());
        assertEquals(0.90, f.get("target").asDouble(), 1e-9);
    }

    @Test
    void aDrlCompileErrorNamesFileAndLineAndExitsTwo() throws Exception {
        Path pack = copyOfPack();
        Path drl = pack.resolve("03-dust.drl");
        Files.writeString(drl, Files.readString(drl).replace("$r : RoadCleaning(zone == Zone.CORE)", "$r : RoadCleaning(zone === )"));
        Run r = lantian("check", ROADS, "--rules", pack.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("rule pack error"), r.err());
        assertTrue(r.err().matches("(?s).*03-dust\\.drl:\\d+: .*"), r.err());
    }

    @Test
    void aRuleWithoutItsMeasureIsRefused() throws Exception {
        Path pack = copyOfPack();
        Path drl = pack.resolve("03-dust.drl");
        Files.writeString(drl, Files.readString(drl).replace("rule \"13-daily-wash\"\n    @measure(13)", "rule \"13-daily-wash\"\n    @measure(99)"));
        Run r = lantian("ledger", "--rules", pack.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("@measure(99) is not a measure of the ledger"), r.err());
    }

    @Test
    void ledgerListsEveryMeasureAndShowsOneWithTargetsAndRules() {
        Run list = lantian("ledger");
        assertEquals(0, list.code(), list.err());
        for (int n = 1; n <= 41; n++) assertTrue(list.out().contains("\n" + n + " "), "measure " + n + " listed");
        Run one = lantian("ledger", "13");
        assertTrue(one.out().contains("市区56条主次干道机械化清扫率要达到95%以上"), one.out());
        assertTrue(one.out().contains("mechanisedRate"), one.out());
        assertTrue(one.out().contains("13-mechanised-sweeping-rate  (03-dust.drl)"), one.out());
        assertEquals(2, lantian("ledger", "42").code());
    }

    @Test
    void packTestCommandPassesOnTheBundledPackAndFailsOnABrokenCase() throws Exception {
        Run ok = lantian("test");
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().matches("(?s).*pack tests: \\d+ passed, 0 failed.*"), ok.out());

        Path pack = copyOfPack();
        Path test = pack.resolve("tests").resolve("13-main-road-meeting-every-target-passes.json");
        Files.writeString(test, Files.readString(test).replace("\"mechanizedAreaM2\": 62400", "\"mechanizedAreaM2\": 50000"));
        Run broken = lantian("test", "--rules", pack.toString());
        assertEquals(1, broken.code());
        assertTrue(broken.out().contains("FAIL  13-main-road-meeting-every-target-passes"), broken.out());
        assertTrue(broken.out().contains("13-mechanised-sweeping-rate subject R-003/2022-06-30: expected PASS, got [13-mechanised-sweeping-rate=FAIL]"), broken.out());
    }
}
