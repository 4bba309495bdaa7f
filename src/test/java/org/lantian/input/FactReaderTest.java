package org.lantian.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.domain.Submission;
import org.lantian.domain.facts.Restaurant;
import org.lantian.domain.facts.RoadCleaning;
import org.lantian.domain.facts.RoadClass;

class FactReaderTest {
    private final FactReader reader = new FactReader(org.lantian.TestPacks.ledger());

    private List<Problem> problems(String json) throws Exception {
        return assertThrows(InvalidInputException.class, () -> reader.readSubmission(Json.MAPPER.readTree(json))).problems();
    }

    private static Problem at(List<Problem> problems, String pointer) {
        return problems.stream().filter(p -> p.pointer().equals(pointer)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + pointer + " in " + problems));
    }

    @Test
    void bindsAValidSubmission() throws Exception {
        Submission s = reader.readSubmission(Json.MAPPER.readTree("""
                { "submission": "S-1", "inspector": "INS-07", "submittedAt": "2022-06-30T10:15:00+08:00",
                  "facts": [ { "type": "RoadCleaning", "road": "R-017", "roadClass": "MAIN", "date": "2022-06-30",
                               "areaM2": 100, "mechanizedAreaM2": 93, "watered": true },
                             { "type": "Restaurant", "id": "CY-1", "cleanings": ["2022-01-05"], "purifierEfficiency": 0.75 } ] }
                """));
        assertEquals("S-1", s.submission());
        RoadCleaning road = assertInstanceOf(RoadCleaning.class, s.facts().get(0));
        assertEquals(RoadClass.MAIN, road.roadClass());
        assertEquals(0.93, road.mechanizedRate(), 1e-9);
        Restaurant r = assertInstanceOf(Restaurant.class, s.facts().get(1));
        assertEquals(List.of(LocalDate.of(2022, 1, 5)), r.cleanings());
    }

    @Test
    void missingEnvelopeFieldsAndEmptyFactsAreEachReported() throws Exception {
        List<Problem> p = problems("""
                { "inspector": "", "facts": [], "submision": "x" }
                """);
        assertTrue(at(p, "/submission").expected().contains("required"));
        assertTrue(at(p, "/inspector").expected().contains("non-empty"));
        assertTrue(at(p, "/facts").expected().contains("non-empty array"));
        assertTrue(at(p, "/submision").expected().contains("did you mean \"submission\""));
    }

    @Test
    void unknownTypeListsTheKnownOnes() throws Exception {
        Problem p = at(problems("""
                { "submission": "S-1", "inspector": "I", "facts": [ { "type": "RoadCleanin", "road": "R-1" } ] }
                """), "/facts/0/type");
        assertTrue(p.expected().contains("RoadCleaning") && p.expected().contains("Restaurant"), p.expected());
        assertTrue(p.expected().contains("did you mean \"RoadCleaning\""), p.expected());
        assertEquals("\"RoadCleanin\"", p.found());
    }

    @Test
    void everyFieldProblemNamesTheFactAndTheField() throws Exception {
        List<Problem> p = problems("""
                { "submission": "S-1", "inspector": "I", "facts": [
                  { "type": "RoadCleaning", "road": "R-1", "sweps": 3, "areaM2": "big", "sweeps": -1,
                    "date": "2022-02-30", "watered": "yes", "roadClass": "HIGHWAY" },
                  { "type": "Restaurant", "name": "x", "purifierEfficiency": 85, "seats": 10.5 } ] }
                """);
        assertTrue(at(p, "/facts/0/sweps").expected().contains("did you mean \"sweeps\""));
        assertEquals("fact 0 (RoadCleaning R-1)", at(p, "/facts/0/sweps").record());
        assertEquals("a number", at(p, "/facts/0/areaM2").expected());
        assertTrue(at(p, "/facts/0/sweeps").expected().contains("non-negative"), at(p, "/facts/0/sweeps").expected());
        assertEquals("\"2022-02-30\"", at(p, "/facts/0/date").found());
        assertTrue(at(p, "/facts/0/watered").expected().contains("JSON boolean"));
        assertTrue(at(p, "/facts/0/roadClass").expected().contains("[MAIN, SECONDARY, BACK_LANE, TOWNSHIP]"));
        assertTrue(at(p, "/facts/1/id").expected().contains("required"));
        assertTrue(at(p, "/facts/1/purifierEfficiency").expected().contains("between 0 and 1"));
        assertEquals("a whole number", at(p, "/facts/1/seats").expected());
        assertEquals(9, p.size(), p.toString());
    }

    @Test
    void badListElementsArePointedAtByIndex() throws Exception {
        Problem p = at(problems("""
                { "submission": "S-1", "inspector": "I", "facts": [
                  { "type": "Restaurant", "id": "CY-1", "cleanings": ["2022-01-05", "5 Jan"] } ] }
                """), "/facts/0/cleanings/1");
        assertEquals("a date YYYY-MM-DD", p.expected());
    }
}
