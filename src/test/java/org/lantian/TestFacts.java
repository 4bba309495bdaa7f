package org.lantian;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.lantian.batch.InputReader;
import org.lantian.batch.Origin;
import org.lantian.batch.Reject;
import org.lantian.domain.Fact;
import org.lantian.service.EvaluationService;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.lantian.batch.Registers;
import org.lantian.input.InvalidInputException;
import org.lantian.input.StrictJson;
import org.lantian.tools.NightGenerator;

/** Fact objects to test bindings with: every well-formed fact of a generated night and of the bundled samples. */
public final class TestFacts {
    private TestFacts() {
    }

    /** The fact objects (bare lines and the facts of submission objects) of a generated night of {@code records} and the samples. */
    public static List<JsonNode> ofANightAndTheSamples(int records, long seed) throws Exception {
        ByteArrayOutputStream night = new ByteArrayOutputStream();
        var pack = TestPacks.ledgerPack();
        new NightGenerator(new NightGenerator.Options(records, LocalDate.of(2022, 6, 30), seed, 0.1, 0.001),
                Registers.load(pack.dir(), pack.ledger())).write(night);
        List<JsonNode> out = new ArrayList<>();
        for (String line : night.toString(StandardCharsets.UTF_8).split("\n")) add(line, out);
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl")).toList()) {
                String text = Files.readString(f);
                if (f.toString().endsWith(".jsonl")) for (String line : text.split("\n")) add(line, out);
                else add(text, out);
            }
        }
        return out;
    }

    /** The valid facts of a night's files as the batch reads them, in the order read, and each one's submission. */
    public record Read(List<Fact> facts, Map<Fact, String> submissions) {
    }

    /** Reads a night's files as the batch does; rejects are the batch's business and left out. */
    public static Read ofNight(EvaluationService service, Path... inputs) throws IOException {
        List<Fact> facts = new ArrayList<>();
        Map<Fact, String> submissions = new IdentityHashMap<>();
        new InputReader(service, InputReader.expand(List.of(inputs))).read(new InputReader.Sink() {
            @Override
            public void fact(Fact fact, java.util.function.Supplier<String> json, Origin origin) {
                facts.add(fact);
                submissions.put(fact, origin.submission());
            }

            @Override
            public void reject(Reject reject) {
            }
        });
        return new Read(facts, submissions);
    }

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
