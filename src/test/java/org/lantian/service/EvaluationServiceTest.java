package org.lantian.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.cli.Lantian;
import org.lantian.engine.PackCompiler;
import org.lantian.input.InvalidInputException;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/** The one evaluation API: its time zone is the pack's, its id limit holds on every path, and nothing else evaluates. */
class EvaluationServiceTest {
    @TempDir
    Path tmp;

    private Path packIn(String zone) throws IOException {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack"));
        Path ledger = dir.resolve(RulePack.LEDGER_FILE);
        String text = Files.readString(ledger);
        assertTrue(text.contains("timezone: Asia/Shanghai"));
        Files.writeString(ledger, text.replace("timezone: Asia/Shanghai", "timezone: " + zone));
        return dir;
    }

    @Test
    void theDayIsCountedInTheLedgersTimeZone() throws Exception {
        OffsetDateTime noonUtc = OffsetDateTime.parse("2022-06-30T12:00:00Z");
        EvaluationService shanghai = new EvaluationService(TestPacks.bundled());
        assertEquals(ZoneId.of("Asia/Shanghai"), shanghai.zone());
        assertEquals(LocalDate.of(2022, 6, 30), shanghai.dayOf(noonUtc));
        assertEquals(LocalDate.of(2022, 7, 1), shanghai.dayOf(OffsetDateTime.parse("2022-06-30T16:30:00Z")));

        EvaluationService kiritimati = new EvaluationService(PackCompiler.compile(RulePack.load(packIn("Pacific/Kiritimati"))));
        assertEquals(LocalDate.of(2022, 7, 1), kiritimati.dayOf(noonUtc), "UTC+14: already the next day");
        assertEquals(LocalDate.now(ZoneId.of("Pacific/Kiritimati")), kiritimati.today());
    }

    @Test
    void aTimeZoneThatIsNotOneIsAPackError() throws Exception {
        PackException e = assertThrows(PackException.class, () -> RulePack.load(packIn("Asia/Nowhere")));
        assertTrue(e.errors().stream().anyMatch(m -> m.contains("timezone") && m.contains("Asia/Nowhere")), e.errors().toString());
    }

    @Test
    void theIdLimitHoldsForCheckAndBatchAsForTheServer() throws Exception {
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("samples/inspections/road-cleaning.json")));
        doc.put("submission", "S".repeat(201));
        EvaluationService service = new EvaluationService(TestPacks.bundled());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service.validate(doc));
        assertEquals("/submission", e.problems().get(0).pointer());
        doc.put("submission", "S".repeat(200));
        doc.put("inspector", "I".repeat(201));
        assertEquals("/inspector", assertThrows(InvalidInputException.class, () -> service.validate(doc)).problems().get(0).pointer());

        doc.put("submission", "S".repeat(201));
        doc.put("inspector", "INS-07");
        Path file = tmp.resolve("long-id.json");
        Files.writeString(file, doc.toString());
        Lantian.Run check = Lantian.lantian("check", file.toString(), "--as-of", "2022-06-30");
        assertEquals(2, check.code(), check.err());
        assertTrue(check.err().contains("/submission") && check.err().contains("at most 200 characters"), check.err());

        Lantian.Run batch = Lantian.lantian("batch", "--no-history", file.toString(), "--as-of", "2022-06-30", "--out", tmp.resolve("out").toString());
        assertTrue(batch.code() < 2, batch.err());
        String rejects = Files.readString(tmp.resolve("out").resolve("rejects.jsonl"));
        assertTrue(rejects.contains("at most 200 characters"), rejects);
    }

    /** CompiledPack.evaluate and FactReader are reached through the service only (outside the engine and input themselves). */
    @Test
    void noMainCodeEvaluatesOrValidatesButThroughTheService() throws IOException {
        Pattern evaluate = Pattern.compile("(?<!service)\\.evaluate\\(");
        Pattern reader = Pattern.compile("new FactReader\\(|\\.readSubmission\\(|\\.readFacts?\\(");
        List<String> offenders = new ArrayList<>();
        Path main = Path.of("src/main/java/org/lantian");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String area = main.relativize(f).getName(0).toString();
                if (area.equals("service") || area.equals("engine") || area.equals("input")) continue;
                String text = Files.readString(f);
                if (evaluate.matcher(text).find() || reader.matcher(text).find()) offenders.add(main.relativize(f).toString());
            }
        }
        assertEquals(List.of(), offenders, "evaluate or validate other than through EvaluationService");
    }
}
