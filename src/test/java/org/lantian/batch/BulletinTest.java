package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.Json;
import org.lantian.cli.Lantian;
import org.lantian.store.Scores;
import org.lantian.store.Scores.Score;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;

/** {@code lantian bulletin} on H2 and PostgreSQL: a month's ranking, change, measures and repeat failures as computed by hand. */
class BulletinTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    static void night(Store store, String day, List<Score> scores, String... failingRoads) throws Exception {
        try (var n = store.history().night(LocalDate.parse(day), List.of())) {
            n.scores(scores);
            for (String road : failingRoads) n.failure(13, "13-main-road", road, List.of("北街街道", "区住建局"));
            n.commit();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aMonthsRankingEqualsTheHandComputedOne(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        try (Store store = Store.open(url)) {
            night(store, "2022-05-31", List.of(new Score("A", 0, 10, 9, 1), new Score("B", 0, 10, 5, 5)), "R-1");
            night(store, "2022-06-01", List.of(new Score("A", 0, 10, 9, 1), new Score("B", 0, 10, 8, 2),
                    new Score(Scores.ALL_UNITS, 13, 20, 15, 5), new Score(Scores.ALL_UNITS, 15, 4, 0, 4)), "R-1", "R-2");
            night(store, "2022-06-02", List.of(new Score("A", 0, 10, 5, 5), new Score("B", 0, 10, 8, 2), new Score("C", 0, 4, 3, 1),
                    new Score(Scores.ALL_UNITS, 13, 20, 17, 3)), "R-1");
            // A night of July is not June's.
            night(store, "2022-07-01", List.of(new Score("C", 0, 10, 0, 10)), "R-2");
            // Re-running a night replaces its rows.
            night(store, "2022-06-02", List.of(new Score("A", 0, 10, 5, 5), new Score("B", 0, 10, 8, 2), new Score("C", 0, 4, 3, 1),
                    new Score(Scores.ALL_UNITS, 13, 20, 17, 3)), "R-1");
        }
        Path out = tmp.resolve("bulletin");
        Lantian.Run r = Lantian.lantian("bulletin", "--db", url, "--month", "2022-06", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("bulletin.json", "bulletin.html", "bulletin.xlsx")) assertTrue(Files.size(out.resolve(f)) > 0, f);
        JsonNode b = Json.MAPPER.readTree(out.resolve("bulletin.json").toFile());
        assertEquals("2022-05", b.get("previous").get("label").asText());
        assertEquals(2, b.get("nights").asInt());
        // B 16/20 = 0.80, C 3/4 = 0.75, A 14/20 = 0.70; in May A 0.9 (1st), B 0.5 (2nd), C none.
        JsonNode units = b.get("units");
        assertEquals(List.of("B", "C", "A"), List.of(units.get(0).get("unit").asText(), units.get(1).get("unit").asText(),
                units.get(2).get("unit").asText()));
        assertEquals(0.80, units.get(0).get("rate").asDouble(), 1e-9);
        assertEquals(0.30, units.get(0).get("change").asDouble(), 1e-9);
        assertEquals(2, units.get(0).get("previousRank").asInt());
        assertTrue(units.get(1).get("previousRate").isNull());
        assertEquals(-0.20, units.get(2).get("change").asDouble(), 1e-9);
        assertEquals(List.of(13, 15), List.of(b.get("measures").get(0).get("measure").asInt(), b.get("measures").get(1).get("measure").asInt()));
        assertEquals(8, b.get("measures").get(0).get("failed").asInt());
        JsonNode repeated = b.get("repeated");
        assertEquals(1, repeated.size(), repeated.toString());
        assertEquals("R-1", repeated.get(0).get("subject").asText());
        assertEquals(2, repeated.get(0).get("nights").asInt());
        assertEquals("北街街道", repeated.get(0).get("units").get(0).asText());
        String html = Files.readString(out.resolve("bulletin.html"));
        assertTrue(html.contains("责任单位达标率排名") && html.contains("Units ranked by compliance") && html.contains("+30.0") && html.contains("-20.0"), html);
    }

    @Test
    void periodsParseAndKnowTheOneBefore() {
        var w = Bulletin.Span.parse("week", "2022-W26");
        assertEquals(LocalDate.of(2022, 6, 27), w.from());
        assertEquals(LocalDate.of(2022, 7, 3), w.to());
        assertEquals("2022-W25", w.before("week").label());
        assertEquals("2021-W52", Bulletin.Span.parse("week", "2022-W01").before("week").label());
        var q = Bulletin.Span.parse("quarter", "2022-Q1");
        assertEquals(LocalDate.of(2022, 3, 31), q.to());
        assertEquals("2021-Q4", q.before("quarter").label());
        assertEquals(LocalDate.of(2021, 10, 1), q.before("quarter").from());
        assertEquals("2021-12", Bulletin.Span.parse("month", "2022-01").before("month").label());
        Lantian.Run bad = Lantian.lantian("bulletin", "--db", "jdbc:h2:mem:x", "--quarter", "2022-Q5", "--out", tmp.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("a quarter such as 2022-Q2"), bad.err());
    }
}
