package org.lantian.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lantian.TestPacks;

/** The hostile inputs of issue 16, each refused by the one validation step and named by its JSON pointer. */
class InputSanityTest {
    private final FactReader reader = new FactReader(TestPacks.ledger());

    private static String submission(String fact) {
        return "{\"submission\":\"S-1\",\"inspector\":\"INS-07\",\"submittedAt\":\"2022-06-30T10:15:00+08:00\",\"facts\":[" + fact + "]}";
    }

    private List<Problem> refused(String json) {
        return assertThrows(InvalidInputException.class,
                () -> reader.readSubmission(json.getBytes(StandardCharsets.UTF_8))).problems();
    }

    private static Problem at(List<Problem> problems, String pointer) {
        return problems.stream().filter(p -> p.pointer().equals(pointer)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + pointer + " in " + problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01", "+999999999-12-31", "0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31"})
    void factDatesOutsideThePacksDatesAreRefused(String day) {
        Problem p = at(refused(submission("{\"type\":\"CleaningCampaign\",\"date\":\"" + day + "\",\"town\":\"北街街道\"}")),
                "/facts/0/date");
        assertEquals("a date from 2000-01-01 to 2099-12-31", p.expected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00+08:00", "0001-01-01T00:00:00Z"})
    void submittedAtOutsideThePacksDatesIsRefused(String at) {
        String json = submission("{\"type\":\"Restaurant\",\"id\":\"CY-1\"}").replace("2022-06-30T10:15:00+08:00", at);
        assertTrue(at(refused(json), "/submittedAt").expected().contains("from 2000-01-01 to 2099-12-31"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999-12-31", "+999999999-12-31", "0001-01-01", "2022-13-01", "%"})
    void asOfOutsideThePacksDatesIsRefused(String text) {
        Problem p = assertThrows(InvalidInputException.class, () -> reader.asOf(text, "asOf")).problems().get(0);
        assertEquals("asOf", p.pointer());
        assertTrue(p.expected().contains("from 2000-01-01 to 2099-12-31"), p.expected());
    }

    @Test
    void asOfWithinTheDatesPasses() throws Exception {
        assertEquals(LocalDate.of(2022, 6, 30), reader.asOf("2022-06-30", "asOf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e13", "-1e13", "1e-400", "1e-7"})
    void numbersBeyondWhatRulesCanComputeWithAreRefusedAtTheirField(String number) {
        Problem p = at(refused(submission("{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"areaM2\":" + number + "}")), "/facts/0/areaM2");
        assertFalse(p.describe().contains("Infinity"), p.describe());
    }

    @Test
    void percentagesOver100AndRatiosOver1AreRefused() {
        List<Problem> p = refused(submission("{\"type\":\"CoalSample\",\"dealer\":\"D-1\",\"ashPct\":150,\"sulfurPct\":100.5,\"volatilePct\":100},"
                + "{\"type\":\"Restaurant\",\"id\":\"CY-1\",\"purifierEfficiency\":1.01}"));
        assertEquals("a percentage between 0 and 100", at(p, "/facts/0/ashPct").expected());
        assertEquals("a percentage between 0 and 100", at(p, "/facts/0/sulfurPct").expected());
        assertTrue(at(p, "/facts/1/purifierEfficiency").expected().contains("between 0 and 1"));
        assertEquals(3, p.size(), p.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "2147483648", "1000000001", "-1"})
    void anOutOfRangeCountIsReportedAtItsFieldNotAtTheFact(String count) {
        Problem p = at(refused(submission("{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"sweeps\":" + count + "}")), "/facts/0/sweeps");
        assertTrue(p.expected().contains("whole number"), p.expected());
    }

    @Test
    void yearsAndMeasuresMustBeThePacks() {
        List<Problem> p = refused(submission("{\"type\":\"EmissionTotal\",\"enterprise\":\"QY-1\",\"year\":3,\"pollutant\":\"SO2\"},"
                + "{\"type\":\"TaskProgress\",\"measure\":999}"));
        assertEquals("a whole number from 2000 to 2099", at(p, "/facts/0/year").expected());
        assertEquals("the number of a measure of the ledger", at(p, "/facts/1/measure").expected());
    }

    @Test
    void textsLongerThanTheStoreHoldsAreRefused() {
        String subject = "R".repeat(1001);
        String town = "镇".repeat(4001);
        List<Problem> p = refused(submission("{\"type\":\"RoadCleaning\",\"road\":\"" + subject + "\",\"town\":\"" + town + "\"}")
                .replace("\"S-1\"", "\"" + "S".repeat(201) + "\""));
        assertEquals("a text of at most 200 characters", at(p, "/facts/0/road").expected());
        assertEquals("a text of at most 200 characters", at(p, "/facts/0/town").expected());
        assertEquals("a text of at most 200 characters", at(p, "/submission").expected());
    }

    @Test
    void idsWithControlCharactersAreRefused() {
        List<Problem> p = refused(submission("{\"type\":\"RoadCleaning\",\"road\":\"R-1\\u0000\"}").replace("\"S-1\"", "\"S\\u00001\""));
        assertEquals("a text without control characters", at(p, "/submission").expected());
        assertEquals("U+0000 at character 2", at(p, "/submission").found());
        assertEquals("a text without control characters", at(p, "/facts/0/road").expected());
    }

    @Test
    void aTownTheLedgerDoesNotKnowIsRefusedWithTheClosestName() {
        List<Problem> p = refused(submission("{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"town\":\"北街街道|南村镇\"},"
                + "{\"type\":\"RoadCleaning\",\"road\":\"R-2\",\"town\":\"北街街\"}"));
        assertTrue(at(p, "/facts/0/town").expected().startsWith("one of the towns [东街街道"));
        assertTrue(at(p, "/facts/1/town").expected().endsWith("(did you mean \"北街街道\"?)"), at(p, "/facts/1/town").expected());
    }

    @Test
    void bytesAfterTheDocumentAreRefused() {
        Problem p = at(refused(submission("{\"type\":\"Restaurant\",\"id\":\"CY-1\"}") + " {}"), "");
        assertEquals("valid JSON", p.expected());
        assertTrue(p.found().startsWith("more after the end of the JSON document at line 1"), p.found());
    }

    @Test
    void aDuplicateKeyIsRefusedWhereItStands() {
        String json = submission("{\"type\":\"Restaurant\",\"id\":\"CY-1\",\"seats\":3,\"seats\":4}")
                .replace("\"inspector\":\"INS-07\"", "\"inspector\":\"INS-07\",\"inspector\":\"INS-08\"");
        Problem p = refused(json).get(0);
        assertEquals("valid JSON", p.expected());
        assertEquals("/inspector", p.pointer());
        assertTrue(p.found().startsWith("field \"inspector\" a second time"), p.found());
        Problem seats = refused(submission("{\"type\":\"Restaurant\",\"id\":\"CY-1\",\"seats\":3,\"seats\":4}")).get(0);
        assertEquals("/facts/0/seats", seats.pointer());
    }

    @Test
    void aLoneSurrogateIsRefusedWithItsPointerAndNeverQuoted() {
        List<Problem> p = refused(submission("{\"type\":\"RoadCleaning\",\"road\":\"R-\\ud800\",\"roadName\":\"\\udc00x\"}"));
        assertEquals("Unicode text", at(p, "/facts/0/road").expected());
        assertEquals("Unicode text", at(p, "/facts/0/roadName").expected());
        List<Problem> key = refused(submission("{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"\\ud800\":1}"));
        for (Problem q : key) assertFalse(StrictJson.hasLoneSurrogate(q.describe()), q.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "{\"a\":NaN}", "{\"a\":01}", "[1,]", "{'a':1}", "{\"a\":\"\u0001\"}", "nul", "\"\\x\"", "]"})
    void syntaxErrorsAreToldWithoutTheParsersInternals(String json) {
        Problem p = assertThrows(InvalidInputException.class, () -> StrictJson.parse(json)).problems().get(0);
        assertEquals("valid JSON", p.expected());
        for (String internal : List.of("code ", "Source", "token", "com.fasterxml", "`", "START_", "JsonToken", "at [")) {
            assertFalse(p.found().contains(internal), p.found());
        }
        assertTrue(p.found().contains(" at line 1, column "), p.found());
    }

    @Test
    void whatPassesIsKeptAsWritten() throws Exception {
        String json = submission("{\"type\":\"RoadCleaning\",\"road\":\"R-1\",\"date\":\"2022-06-30\",\"town\":\"北街街道\",\"areaM2\":86000.50,"
                + "\"mechanizedAreaM2\":0.000001,\"sweeps\":3,\"roadName\":\"泽州路 😀\"}");
        assertEquals(json, StrictJson.parse(json).toString());
        reader.readSubmission(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void checkRefusesAFarDateAndAFarAsOfWithExit2AndNoStackTrace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("far.json"),
                submission("{\"type\":\"CleaningCampaign\",\"date\":\"-999999999-01-01\",\"town\":\"北街街道\"}"));
        var run = org.lantian.cli.Lantian.lantian("check", file.toString(), "--as-of", "2022-06-30");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("/facts/0/date"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        java.nio.file.Path ok = java.nio.file.Files.writeString(tmp.resolve("ok.json"),
                submission("{\"type\":\"Restaurant\",\"id\":\"CY-1\"}"));
        var far = org.lantian.cli.Lantian.lantian("check", ok.toString(), "--as-of", "9999-12-31");
        assertEquals(2, far.code(), far.err());
        assertTrue(far.err().contains("asOf: expected a date from 2000-01-01 to 2099-12-31"), far.err());
        var dup = org.lantian.cli.Lantian.lantian("check", java.nio.file.Files.writeString(tmp.resolve("dup.json"),
                submission("{\"type\":\"Restaurant\",\"id\":\"CY-1\",\"id\":\"CY-2\"}")).toString(), "--as-of", "2022-06-30");
        assertEquals(2, dup.code(), dup.err());
        assertTrue(dup.err().contains("not valid JSON at line 1"), dup.err());
        assertTrue(dup.err().contains("field \"id\" a second time"), dup.err());
    }
}
