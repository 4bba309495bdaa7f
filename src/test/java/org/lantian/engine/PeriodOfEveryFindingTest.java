package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.input.FactReader;
import org.lantian.input.Problem;

/**
 * Over the facts of every pack test case, evaluated as of its own date and as of other days of the pack's
 * year and the next: every finding carries a period (from ≤ to), and a finding of a time-bound measure is
 * PENDING only while its period still runs (docs/findings.md).
 */
class PeriodOfEveryFindingTest {
    private static final List<String> DAYS = List.of("2022-01-01", "2022-03-31", "2022-06-29", "2022-07-03", "2022-12-30",
            "2022-12-31", "2023-01-10", "2024-02-29");

    /**
     * The time-bound measures whose rules leave PENDING to Check. (Measure 11 still decides PENDING itself for
     * waste of a day after the as-of day; its period is the as-of day, as ConstructionWaste names no day.)
     */
    private static final java.util.Set<Integer> JUDGED_CENTRALLY = java.util.Set.of(4, 5, 6, 7, 9, 13, 14, 15, 17, 20, 34, 40);

    @Test
    void everyFindingHasAPeriodAndIsPendingOnlyWhileItRuns() throws Exception {
        CompiledPack pack = TestPacks.bundled();
        int checked = 0;
        for (Path file : pack.pack().testFiles()) {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            List<Problem> problems = new ArrayList<>();
            List<Fact> facts = new FactReader(pack.ledger()).readFacts(doc.path("facts"), "/facts", problems);
            assertTrue(problems.isEmpty(), file + ": " + problems);
            List<String> days = new ArrayList<>(DAYS);
            days.add(doc.path("asOf").asText());
            for (String day : days) {
                LocalDate asOf = LocalDate.parse(day);
                for (Finding f : pack.evaluate(facts, asOf)) {
                    String at = file.getFileName() + " as of " + asOf + ": " + f;
                    assertNotNull(f.period(), at);
                    assertFalse(f.period().to().isBefore(f.period().from()), at);
                    if (f.status() == Status.PENDING && JUDGED_CENTRALLY.contains(f.measure())) {
                        assertTrue(asOf.isBefore(f.period().to()), "PENDING after its period: " + at);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 10_000, "findings checked: " + checked);
    }
}
