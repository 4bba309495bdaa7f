package org.lantian.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Context;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.domain.Submission;
import org.lantian.input.FactReader;

/**
 * Every sample submission in samples/inspections is valid, is checked (some finding other than NO_DATA),
 * and gives the same findings when its facts are evaluated in partitions by {@link Fact#partitionKey()}
 * (with every context fact in each) as when evaluated whole, as the nightly batch will.
 */
class SampleSubmissionsTest {
    private static final Path SAMPLES = Path.of("samples", "inspections");
    private final EvaluationService service = new EvaluationService(TestPacks.bundled());

    @TestFactory
    Stream<DynamicTest> everySampleIsValidCheckedAndPartitionable() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SAMPLES)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "there are sample submissions");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Submission s = new FactReader(org.lantian.TestPacks.bundled().ledger()).readSubmission(Json.MAPPER.readTree(file.toFile()));
            LocalDate asOf = s.submittedAt() == null ? LocalDate.of(2022, 12, 31) : s.submittedAt().toLocalDate();
            List<Finding> whole = service.evaluate(s.facts(), asOf);
            assertTrue(whole.stream().anyMatch(f -> f.status() != Status.NO_DATA), file + " checks something");
            assertEquals(sorted(whole), sorted(inPartitions(s.facts(), asOf)), file + ": partitions change the findings");
        }));
    }

    private List<Finding> inPartitions(List<Fact> facts, LocalDate asOf) {
        List<Fact> context = facts.stream().filter(f -> f.getClass().isAnnotationPresent(Context.class)).toList();
        Map<String, List<Fact>> partitions = new LinkedHashMap<>();
        for (Fact f : facts) {
            if (!context.contains(f)) partitions.computeIfAbsent(f.partitionKey(), k -> new ArrayList<>(context)).add(f);
        }
        List<Finding> findings = new ArrayList<>();
        partitions.values().forEach(part -> findings.addAll(service.evaluate(part, asOf)));
        return findings;
    }

    private static List<String> sorted(List<Finding> findings) {
        return findings.stream().map(Finding::toString).sorted(Comparator.naturalOrder()).toList();
    }
}
