package org.lantian.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lantian.TestPacks;

/** Runs the bundled pack's own test cases (rules/chengqu-2022/tests/*.json) as JUnit tests. */
class PackTestCasesTest {
    private final PackTests tests = new PackTests(TestPacks.bundled());

    @TestFactory
    Stream<DynamicTest> everyPackTestCasePasses() {
        assertFalse(TestPacks.bundled().pack().testFiles().isEmpty(), "the pack has test cases");
        return TestPacks.bundled().pack().testFiles().stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> {
                    PackTests.CaseResult r = tests.run(file);
                    assertTrue(r.passed(), () -> r.name() + ":\n  " + String.join("\n  ", r.failures()));
                }));
    }

    @Test
    void everyRuleHasAPassingAndAFailingCase() {
        List<String> gaps = tests.coverageGaps(tests.runAll());
        assertEquals(List.of(), gaps);
    }

    @Test
    void aWrongExpectationIsReportedAsAFailure() throws Exception {
        var dir = java.nio.file.Files.createTempDirectory("case");
        var file = dir.resolve("wrong.json");
        java.nio.file.Files.writeString(file, """
                { "asOf": "2022-06-30",
                  "facts": [ { "type": "RoadCleaning", "road": "R-1", "roadClass": "MAIN", "date": "2022-06-30", "sweeps": 1 } ],
                  "expect": [ { "measure": 13, "subject": "R-1/2022-06-30", "rule": "13-daily-sweeps", "status": "PASS" },
                              { "measure": 14, "subject": "R-1/2022-06-30", "status": "FAIL" } ] }
                """);
        PackTests.CaseResult r = tests.run(file);
        assertFalse(r.passed());
        assertEquals(2, r.failures().size(), r.failures().toString());
        assertTrue(r.failures().get(0).contains("expected PASS, got [13-daily-sweeps=FAIL]"), r.failures().get(0));
        assertTrue(r.failures().get(1).contains("got no finding"), r.failures().get(1));
    }
}
