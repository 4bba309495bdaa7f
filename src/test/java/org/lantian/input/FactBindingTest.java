package org.lantian.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.TestFacts;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;

/**
 * The reader binds a checked fact straight from its tree in the common forms; every fact must come out exactly as
 * Jackson's binding of the same object makes it (the binding the reader used before, and still uses for the rest).
 */
class FactBindingTest {
    private final FactReader reader = new FactReader(TestPacks.ledger());

    @Test
    void everyFactOfAGeneratedNightAndTheSamplesBindsAsJacksonBindsIt() throws Exception {
        List<JsonNode> facts = new ArrayList<>(TestFacts.ofANightAndTheSamples(20_000, 7));
        facts.add(Json.MAPPER.readTree("""
                {"type":"RoadCleaning","road":"R-1","roadClass":"MAIN","date":"2022-06-30","areaM2":100,
                 "mechanizedAreaM2":93.50,"watered":false}"""));
        facts.add(Json.MAPPER.readTree("""
                {"type":"Restaurant","id":"CY-1","cleanings":["2022-01-05","2022-02-28"],"purifierEfficiency":1}"""));
        int bound = 0;
        int direct = 0;
        for (JsonNode node : facts) {
            List<Problem> problems = new ArrayList<>();
            Fact fact = reader.readFact(node, "", "fact", problems);
            if (fact == null) continue;
            Fact jackson = Json.MAPPER.readerFor(fact.getClass())
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(node);
            assertNotNull(jackson);
            assertEquals(jackson, fact, node.toString());
            Fact straight = FactReader.bindDirectly(fact.getClass(), node);
            if (straight != null) {
                assertEquals(jackson, straight, node.toString());
                direct++;
            }
            bound++;
        }
        assertTrue(bound > 20_000, bound + " facts bound");
        assertTrue(direct > bound * 0.99, direct + " of " + bound + " bound straight from the tree");
    }
}
