package org.lantian.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.cli.Lantian;
import org.lantian.engine.PackCompiler;
import org.lantian.pack.RulePack;

/**
 * Runs the bundled pack's own test cases (rules/chengqu-2022/tests/*.json) as JUnit tests, with the two
 * properties every rule must hold, and shows that each check of {@link PackTests} can fail.
 */
class PackTestCasesTest {
    private static final PackTests tests = new PackTests(TestPacks.bundled());
    /** Each bundled case runs once (with its property variants, the longest part): by file. */
    private static final java.util.Map<Path, PackTests.CaseResult> RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static PackTests.CaseResult bundledCase(Path file) {
        return RESULTS.computeIfAbsent(file, tests::run);
    }

    private static List<PackTests.CaseResult> allBundledCases() {
        return TestPacks.bundled().pack().testFiles().stream().map(PackTestCasesTest::bundledCase).toList();
    }

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyPackTestCasePassesWithBothProperties() {
        assertFalse(TestPacks.bundled().pack().testFiles().isEmpty(), "the pack has test cases");
        return TestPacks.bundled().pack().testFiles().stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> {
                    PackTests.CaseResult r = bundledCase(file);
                    assertTrue(r.passed(), () -> r.name() + ":\n  " + String.join("\n  ", r.failures()));
                }));
    }

    @Test
    void everyRuleHasAPassingAndAFailingCase() {
        List<String> gaps = tests.coverageGaps(allBundledCases());
        assertEquals(List.of(), gaps);
    }

    @Test
    void everyTargetIsReadEveryUnitNameKnownAndEveryValueWordedInChinese() {
        allBundledCases();
        assertEquals(List.of(), tests.ledgerProblems());
    }

    private PackTests.CaseResult runCase(PackTests with, String json) throws Exception {
        Path file = tmp.resolve("case-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        return with.run(file);
    }

    @Test
    void aWrongExpectationIsReportedAsAFailure() throws Exception {
        PackTests.CaseResult r = runCase(tests, """
                { "asOf": "2022-06-30",
                  "facts": [ { "type": "RoadCleaning", "road": "R-1", "roadClass": "MAIN", "date": "2022-06-30", "sweeps": 1 } ],
                  "expect": [ { "measure": 13, "subject": "R-1/2022-06-30", "rule": "13-daily-sweeps", "status": "PASS" },
                              { "measure": 14, "subject": "R-1/2022-06-30", "status": "FAIL" } ],
                  "ignore": [ "13-daily-upkeep-shifts", "13-daily-wash", "13-mechanised-sweeping-rate" ] }
                """);
        assertFalse(r.passed());
        assertEquals(2, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().get(0).contains("expected PASS, got [13-daily-sweeps=FAIL]"), r.failures().get(0));
        assertTrue(r.failures().get(1).contains("got no finding"), r.failures().get(1));
    }

    @Test
    void aCaseOwnsEveryFindingOfTheSubjectsItNames() throws Exception {
        String facts = """
                "asOf": "2022-08-16",
                "facts": [ { "type": "PileInspection", "pile": "DC-1", "area": "NANCUN", "cleared": false },
                           { "type": "FuelOutlet", "id": "JY-1", "kind": "STATION", "licensed": true, "operating": true, "offPeakDiscount": true } ],
                """;
        PackTests.CaseResult owned = runCase(tests, "{" + facts + """
                "expect": [ { "measure": 8, "subject": "JY-1", "rule": "8-unlicensed-outlet-cleared", "status": "PASS" } ] }
                """);
        assertEquals(1, owned.failures().size(), owned.failures().toString());
        assertTrue(owned.failures().get(0).contains("unexpected finding 39-off-peak-discount=PASS for subject JY-1"), owned.failures().get(0));

        PackTests.CaseResult ignored = runCase(tests, "{" + facts + """
                "expect": [ { "measure": 8, "subject": "JY-1", "rule": "8-unlicensed-outlet-cleared", "status": "PASS" } ],
                "ignore": [ 39 ] }
                """);
        assertTrue(ignored.passed(), ignored.failures().toString());
    }

    @Test
    void expectationsAreReadStrictly() throws Exception {
        PackTests.CaseResult r = runCase(tests, """
                { "asOf": "2022-08-16", "expectations": [],
                  "facts": [ { "type": "PileInspection", "pile": "DC-1", "area": "NANCUN", "cleared": false } ],
                  "expect": [ { "measure": 36, "subject": "DC-1", "rule": "36-pile-cleard", "status": "FAIL" },
                              { "measure": 99, "subject": "DC-1", "status": "FAIL" },
                              { "measure": 36, "subject": "DC-1", "rule": "8-unlicensed-outlet-cleared", "status": "FAIL" },
                              { "measure": 36, "subject": "DC-1", "status": "FAILED" },
                              { "measure": 36, "subjct": "DC-1", "status": "FAIL" } ],
                  "ignore": [ "no-such-rule" ] }
                """);
        String all = String.join("\n", r.failures());
        assertTrue(all.contains("unknown key \"expectations\""), all);
        assertTrue(all.contains("rule \"36-pile-cleard\" is not a rule of the pack"), all);
        assertTrue(all.contains("measure 99 is not a measure of the ledger"), all);
        assertTrue(all.contains("rule 8-unlicensed-outlet-cleared belongs to measure 8"), all);
        assertTrue(all.contains("status: expected one of"), all);
        assertTrue(all.contains("unknown key \"subjct\""), all);
        assertTrue(all.contains("ignore: \"no-such-rule\" is neither a rule"), all);
    }

    /** A copy of the bundled pack with one DRL file's text replaced, and its test runner. */
    private PackTests packWith(String drl, String from, String to) throws Exception {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack-" + System.nanoTime()));
        Path file = dir.resolve(drl);
        String text = Files.readString(file);
        assertTrue(text.contains(from), "the pack's " + drl + " has the text to replace");
        Files.writeString(file, text.replace(from, to));
        return new PackTests(PackCompiler.compile(RulePack.load(dir)));
    }

    @Test
    void aRuleThatPassesMissingDataIsNamedWithTheCaseAndTheField() throws Exception {
        // A careless author reads an unreported volatiles content as zero.
        PackTests careless = packWith("05-coal.drl", "atMost($s.coalKind() == null ? null : $s.volatilePct(), \"anthraciteVolatilePct\")",
                "atMost($s.coalKind() == null ? null : ($s.volatilePct() == null ? Double.valueOf(0) : $s.volatilePct()), \"anthraciteVolatilePct\")");
        PackTests.CaseResult r = careless.run(TestPacks.BUNDLED.resolve("tests/24-dealer-coal-within-gb-34169-passes-poor-coal-fails.json"));
        assertFalse(r.passed());
        assertTrue(r.failures().stream().anyMatch(f -> f.startsWith("missing data passes: without facts[")
                && f.contains(".volatilePct (CoalSample ") && f.contains("rule 24-anthracite-volatiles turns FAIL into PASS")), r.failures().toString());
    }

    @Test
    void aFieldWhoseAbsenceMeansNothingHappenedIsExempt() throws Exception {
        // Without seenOperatingOn a boiler on standby was simply not seen running: 25 passes, rightly.
        PackTests.CaseResult r = tests.run(TestPacks.BUNDLED.resolve("tests/25-small-coal-boilers-running-fail-dismantled-pass.json"));
        assertTrue(r.passed(), r.failures().toString());
    }

    @Test
    void twoFindingsOfOneRuleForOneSubjectFailTheCase() throws Exception {
        PackTests twice = packWith("09-fringe.drl", "if (area == null) break[areaUnknown]",
                "if (area == null) break[areaUnknown]\n    Integer() from java.util.List.of(1, 2)");
        Path dir = tmp.resolve("c");
        Files.createDirectories(dir);
        Path file = dir.resolve("dup.json");
        Files.writeString(file, """
                { "asOf": "2022-08-16",
                  "facts": [ { "type": "PileInspection", "pile": "DC-1", "area": "NANCUN", "cleared": false } ],
                  "expect": [ { "measure": 36, "subject": "DC-1", "rule": "36-pile-cleared", "status": "FAIL" } ] }
                """);
        PackTests.CaseResult r = twice.run(file);
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("one finding per rule and subject: 36-pile-cleared subject DC-1 has")),
                r.failures().toString());
    }

    @Test
    void theGateNamesARuleWithoutAFailingCaseATargetNoRuleReadsAnUnknownUnitAndMissingWording() throws Exception {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("gate"));
        Files.delete(dir.resolve("tests/36-fringe-piles-cleared-pass-uncleared-fail.json"));
        Path ledger = dir.resolve("ledger.yaml");
        Files.writeString(ledger, Files.readString(ledger).replace(
                "      unclearedPiles: { value: 0,",
                "      pilesPerArea: { value: 3, unit: count, source: I, note: \"promised, never checked\" }\n      unclearedPiles: { value: 0,"));
        Files.writeString(ledger, Files.readString(ledger)
                .replace("  PileKind:         { SOIL: 土堆, ", "  PileKind:         { ")
                .replace("    units: [南村镇, 西上庄街道办事处, 钟家庄街道办事处, 开发区街道办事处]",
                         "    units: [南村镇, 西上庄街道办事处, 钟家庄街道办事处, 开发区办]"));
        Files.writeString(dir.resolve("tests/36-a-town-not-in-the-list.json"), """
                { "asOf": "2022-08-16",
                  "facts": [ { "type": "PileInspection", "pile": "DC-1", "area": "NANCUN", "town": "南村", "cleared": true } ],
                  "expect": [ { "measure": 36, "subject": "DC-1", "rule": "36-pile-cleared", "status": "PASS" } ] }
                """);
        Lantian.Run run = Lantian.lantian("test", "--rules", dir.toString());
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("36-pile-cleared: no test case asserts a passing case or a failing case (FAIL)"), run.out());
        assertTrue(run.out().contains("measure 36 target pilesPerArea: no rule reads it"), run.out());
        assertTrue(run.out().contains("measure 36 units: 开发区办 is not in the pack's list of units"), run.out());
        assertTrue(run.out().contains("wording: PileKind.SOIL has no Chinese wording"), run.out());
        // A town outside the pack's towns is refused by input validation (issue 16) before the unit gate sees it.
        assertTrue(run.out().contains("/facts/0/town (fact 0 (PileInspection DC-1)): expected one of the towns"), run.out());
        assertTrue(run.out().contains("(did you mean \"南村镇\"?)"), run.out());
    }

    @Test
    void warnCountsOnlyForAnAdvisoryRule() throws Exception {
        // 39 without @advisory: its WARN is refused, and the gate wants a FAIL case.
        PackTests binding = packWith("10-heavy-pollution.drl", "    @measure(39)\n    @advisory", "    @measure(39)");
        PackTests.CaseResult r = binding.run(TestPacks.BUNDLED.resolve("tests/39-off-peak-discount-warns-in-season.json"));
        assertTrue(r.failures().stream().anyMatch(f -> f.contains("39-off-peak-discount gave WARN") && f.contains("is not advisory")),
                r.failures().toString());
        PackTests.CaseResult outside = binding.run(TestPacks.BUNDLED.resolve("tests/39-off-peak-discount-not-checked-outside-season.json"));
        assertTrue(binding.coverageGaps(List.of(r, outside)).stream().anyMatch(g -> g.startsWith("39-off-peak-discount:") && g.contains("a failing case (FAIL)")));
    }
}
