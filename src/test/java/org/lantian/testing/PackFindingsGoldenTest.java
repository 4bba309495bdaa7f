package org.lantian.testing;

import org.lantian.TestFacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Submission;
import org.lantian.input.Problem;
import org.lantian.service.EvaluationService;

/**
 * The bundled pack's findings on every test case and sample, compared with a golden file written from the
 * pack before its rule families became tables: any change of a finding (status, observed, target, message,
 * period, evidence …) fails here, naming the first lines that differ. After a change that is meant to alter
 * findings, rewrite the file with {@code mvn -B -q test -Dtest=PackFindingsGoldenTest -Dgolden.write=true}
 * and review its diff in git.
 *
 * <p>Each line is {@code SOURCE<TAB>finding as JSON}; lines are sorted, so the file does not depend on the
 * order findings come in. Sources: each test case at its {@code asOf}; each sample submission at its own day
 * and at the year's end; the sample night at its day and the year's end; the sample week on Wednesday (three
 * nights) and Sunday (all seven).
 */
class PackFindingsGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/chengqu-2022-findings.jsonl");
    private static final LocalDate YEAR_END = LocalDate.of(2022, 12, 31);

    private final EvaluationService service = new EvaluationService(TestPacks.bundled());

    @Test
    void findingsOfEveryCaseAndSampleAreUnchanged() throws IOException {
        List<String> now = findings();
        if (Boolean.getBoolean("golden.write")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.write(GOLDEN, now, StandardCharsets.UTF_8);
        }
        List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
        assertTrue(golden.size() > 1000, "the golden file holds the findings");
        if (!golden.equals(now)) {
            List<String> gone = new ArrayList<>(golden);
            gone.removeAll(now);
            List<String> added = new ArrayList<>(now);
            added.removeAll(golden);
            assertEquals(String.join("\n", gone.subList(0, Math.min(5, gone.size()))),
                    String.join("\n", added.subList(0, Math.min(5, added.size()))),
                    gone.size() + " golden findings changed or gone, " + added.size() + " new (first 5 of each)");
            assertEquals(golden, now, "the same findings, counted differently");
        }
    }

    private List<String> findings() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : TestPacks.bundled().pack().testFiles()) {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            List<Problem> problems = new ArrayList<>();
            List<Fact> facts = service.validateFacts(doc.get("facts"), "/facts", problems);
            assertTrue(problems.isEmpty(), file + ": " + problems);
            add(lines, "case/" + file.getFileName(), service.evaluate(facts, LocalDate.parse(doc.get("asOf").asText())));
        }
        for (Path file : files(Path.of("samples/inspections"))) {
            Submission s;
            try {
                s = service.validate(Files.readAllBytes(file));
            } catch (org.lantian.input.InvalidInputException e) {
                throw new AssertionError(file + ": " + e.getMessage(), e);
            }
            LocalDate day = s.submittedAt() == null ? YEAR_END : service.dayOf(s.submittedAt());
            add(lines, "sample/" + file.getFileName() + "@" + day, service.evaluate(s.facts(), day));
            add(lines, "sample/" + file.getFileName() + "@" + YEAR_END, service.evaluate(s.facts(), YEAR_END));
        }
        night(lines, "night-2022-06-30", LocalDate.of(2022, 6, 30), Path.of("samples/night-2022-06-30"));
        night(lines, "night-2022-06-30", YEAR_END, Path.of("samples/night-2022-06-30"));
        Path week = Path.of("samples/week-2022-06-27");
        night(lines, "week-2022-06-27", LocalDate.of(2022, 6, 29),
                week.resolve("2022-06-27"), week.resolve("2022-06-28"), week.resolve("2022-06-29"));
        night(lines, "week-2022-06-27", LocalDate.of(2022, 7, 3), files(week).stream()
                .filter(f -> f.getFileName().toString().endsWith(".jsonl")).toArray(Path[]::new));
        lines.sort(null);
        return lines;
    }

    /** The facts of a night's files as the batch reads them, evaluated together, each naming its submission. */
    private void night(List<String> lines, String name, LocalDate asOf, Path... inputs) throws IOException {
        TestFacts.Read night = TestFacts.ofNight(service, inputs);
        List<Fact> facts = night.facts();
        Map<Fact, String> origins = night.submissions();
        assertTrue(facts.size() > 3, name + " has facts");
        add(lines, name + "@" + asOf, service.evaluate(facts, asOf, origins::get));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static void add(List<String> lines, String source, List<Finding> findings) throws IOException {
        assertTrue(!findings.isEmpty(), source + " has findings");
        for (Finding f : findings) lines.add(source + "\t" + Json.MAPPER.writeValueAsString(f));
    }
}
