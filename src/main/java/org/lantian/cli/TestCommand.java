package org.lantian.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.lantian.testing.PackTests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lantian test}: runs the pack's own test cases, as rule authors do after editing it. */
@Command(name = "test", description = "Run the rule pack's test cases (tests/*.json) with the properties every rule must hold "
        + "(missing data never passes, one finding per rule and subject), and check every rule is tested and every target read.")
final class TestCommand implements Callable<Integer> {
    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        PackTests tests = new PackTests(pack.compile());
        List<PackTests.CaseResult> results = tests.runAll();
        int failed = 0;
        for (PackTests.CaseResult r : results) {
            if (r.passed()) {
                output.out().println("ok    " + r.name());
            } else {
                failed++;
                output.out().println("FAIL  " + r.name() + (r.description().isEmpty() ? "" : " — " + r.description()));
                r.failures().forEach(f -> output.out().println("        " + f));
            }
        }
        results.forEach(r -> r.notes().forEach(n -> output.out().println("note  " + r.name() + ": " + n)));
        List<String> gaps = tests.coverageGaps(results);
        if (!gaps.isEmpty()) {
            output.out().println("untested rules:");
            gaps.forEach(g -> output.out().println("        " + g));
        }
        List<String> unread = tests.ledgerProblems();
        if (!unread.isEmpty()) {
            output.out().println("ledger problems:");
            unread.forEach(u -> output.out().println("        " + u));
        }
        output.out().println("pack tests: " + (results.size() - failed) + " passed, " + failed + " failed"
                + (gaps.isEmpty() ? "" : "; " + gaps.size() + " rule(s) without a passing and a failing case")
                + (unread.isEmpty() ? "" : "; " + unread.size() + " ledger problem(s)"));
        return failed == 0 && gaps.isEmpty() && unread.isEmpty() ? Main.OK : Main.FAILED;
    }
}
