package org.lantian.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.batch.Registers;
import org.lantian.domain.Fact;
import org.lantian.tools.NightGenerator;

/**
 * The reader binds a checked fact straight from its tree in the common forms; every fact must come out exactly as
 * Jackson's binding of the same object makes it (the binding the reader used before, and still uses for the rest).
 */
class FactBindingTest {
    private final FactReader reader = new FactReader(TestPacks.ledger());

    @Test
    void everyFactOfAGeneratedNightAndTheSamplesBindsAsJacksonBindsIt() throws Exception {
        ByteArrayOutputStream night = new ByteArrayOutputStream();
        var pack = TestPacks.ledgerPack();
        new NightGenerator(new NightGenerator.Options(20_000, LocalDate.of(2022, 6, 30), 7, 0.1, 0.001),
                Registers.load(pack.dir(), pack.ledger())).write(night);
        List<JsonNode> facts = new ArrayList<>();
        for (String line : night.toString(StandardCharsets.UTF_8).split("\n")) add(line, facts);
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl")).toList()) {
                String text = Files.readString(f);
                if (f.toString().endsWith(".jsonl")) for (String line : text.split("\n")) add(line, facts);
                else add(text, facts);
            }
        }
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

    /** The objects of a line or document as the reader sees them: StrictJson's tree (decimals kept as written). */
    private static void add(String json, List<JsonNode> out) {
        JsonNode node;
        try {
            node = StrictJson.parse(json);
        } catch (InvalidInputException e) {
            return;
        }
        if (node.isObject() && node.has("type")) out.add(node);
        else if (node.isObject() && node.path("facts").isArray()) node.get("facts").forEach(out::add);
        else if (node.isArray()) node.forEach(n -> add(n.toString(), out));
    }
}
