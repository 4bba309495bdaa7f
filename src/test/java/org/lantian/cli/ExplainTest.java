package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lantian.cli.Lantian.lantian;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lantian.Json;
import org.lantian.cli.Lantian.Run;

/** {@code lantian check --explain}: under each finding, one line for each fact of its evidence, as the JSON carries it. */
class ExplainTest {
    @ParameterizedTest
    @ValueSource(strings = {"samples/inspections/construction-sites.json", "samples/inspections/road-cleaning.json"})
    void explainPrintsTheEvidenceOfEveryFindingUnderIt(String sample) throws Exception {
        Run json = lantian("check", sample, "--as-of", "2022-06-30", "--format", "json");
        JsonNode findings = Json.MAPPER.readTree(json.out()).path("findings");
        assertTrue(findings.size() > 0);
        Run explained = lantian("check", sample, "--as-of", "2022-06-30", "--explain", "--lang", "en");
        assertEquals(json.code(), explained.code(), explained.err());
        List<String> lines = explained.out().lines().toList();

        int at = 4; // the heading, a blank line, the table's header and its rule
        int withEvidence = 0;
        for (JsonNode f : findings) {
            assertTrue(lines.get(at).contains(f.path("rule").asText()) && lines.get(at).contains(f.path("subject").asText()),
                    "the finding's row: " + lines.get(at));
            at++;
            JsonNode evidence = f.path("evidence");
            assertTrue(evidence.isArray(), "every finding has evidence in JSON: " + f);
            if (evidence.isEmpty()) {
                assertEquals("    evidence: none (the rule's match holds no fact)", lines.get(at++));
                continue;
            }
            withEvidence++;
            for (JsonNode e : evidence) {
                String line = lines.get(at++);
                assertTrue(line.startsWith("    evidence: " + e.path("type").asText() + " " + e.path("subject").asText()), line);
                e.path("fields").fieldNames().forEachRemaining(name -> assertTrue(line.contains(name + "="), line));
            }
        }
        assertTrue(withEvidence > 0, "some finding has evidence");
        Run zh = lantian("check", sample, "--as-of", "2022-06-30", "--explain");
        assertTrue(zh.out().contains("    依据："), zh.out());
    }
}
