package org.lantian.engine;

import org.lantian.TestFacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.input.Problem;
import org.lantian.service.EvaluationService;

/**
 * A session used again carries nothing over: every test case of the bundled pack and the sample night, evaluated one
 * after the other (and again in the reverse order) in one reused session, give exactly the findings (messages and
 * evidence included) of a new session each; so does an evaluation after one whose rule threw.
 */
class SessionReuseTest {
    private record Source(String name, List<Fact> facts, LocalDate asOf, Map<Fact, String> origins) {
    }

    @Test
    void aReusedSessionGivesTheFindingsOfANewOne() throws Exception {
        CompiledPack pack = TestPacks.bundled();
        KieSessionsPool pool = pack.base().newKieSessionsPool(1);
        KieSession first = pool.newKieSession();
        first.dispose();
        KieSession again = pool.newKieSession();
        assertSame(first, again, "the pool hands out the session given back");
        again.dispose();

        List<Source> sources = sources(new EvaluationService(pack));
        List<Source> twice = new ArrayList<>(sources);
        java.util.Collections.reverse(sources);
        twice.addAll(sources);
        for (Source s : twice) {
            assertEquals(json(pack.evaluateInPool(s.facts(), s.asOf(), s.origins()::get, null, null)),
                    json(pack.evaluateInPool(s.facts(), s.asOf(), s.origins()::get, null, pool)), s.name());
        }
    }

    @Test
    void aSessionWhoseRuleThrewIsResetBeforeItIsUsedAgain() throws Exception {
        CompiledPack pack = EvaluationFailureTest.packWithBadRules();
        KieSessionsPool pool = pack.base().newKieSessionsPool(1);
        List<Fact> boom = new EvaluationService(pack).validate(EvaluationFailureTest.BOOM.getBytes()).facts();
        assertThrows(EvaluationFailedException.class, () -> pack.evaluateInPool(boom, EvaluationFailureTest.AS_OF, f -> null, null, pool));
        List<Fact> ok = boom.stream().filter(f -> !f.subject().equals("CY-BOOM")).toList();
        String fresh = json(pack.evaluateInPool(ok, EvaluationFailureTest.AS_OF, f -> null, null, null));
        assertTrue(fresh.contains("CY-1"), fresh);
        assertEquals(fresh, json(pack.evaluateInPool(ok, EvaluationFailureTest.AS_OF, f -> null, null, pool)));
    }

    private static List<Source> sources(EvaluationService service) throws Exception {
        List<Source> out = new ArrayList<>();
        for (Path file : TestPacks.bundled().pack().testFiles()) {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            List<Problem> problems = new ArrayList<>();
            List<Fact> facts = service.validateFacts(doc.get("facts"), "/facts", problems);
            out.add(new Source(file.getFileName().toString(), facts, LocalDate.parse(doc.get("asOf").asText()), Map.of()));
        }
        TestFacts.Read night = TestFacts.ofNight(service, Path.of("samples/night-2022-06-30"));
        List<Fact> facts = night.facts();
        Map<Fact, String> origins = night.submissions();
        assertTrue(facts.size() > 100, "the sample night has facts");
        out.add(new Source("night-2022-06-30", facts, LocalDate.of(2022, 6, 30), origins));
        out.add(new Source("night-2022-06-30@year-end", facts, LocalDate.of(2022, 12, 31), origins));
        return out;
    }

    private static String json(List<Finding> findings) throws Exception {
        assertTrue(!findings.isEmpty());
        return Json.MAPPER.writeValueAsString(findings);
    }
}
