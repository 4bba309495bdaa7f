package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Evidence;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.facts.PurifierCleaning;
import org.lantian.domain.facts.RoadCleaning;
import org.lantian.domain.facts.RoadClass;
import org.lantian.domain.facts.Zone;

/**
 * "Judged once" (docs/findings.md) over arbitrary weeks of road cleanings and purifier cleanings, some stored,
 * some tonight's: marking facts as stored only leaves out findings of ended periods that rest on stored facts, and
 * never one of a period still running or one about a fact of tonight.
 */
class JudgedOnceTest {
    private static final CompiledPack PACK = TestPacks.bundled();
    private static final LocalDate MONDAY = LocalDate.of(2022, 6, 20);

    /** A fact and whether it came from the store. */
    record Given(Fact fact, boolean stored) {
    }

    record Night(LocalDate asOf, List<Given> facts) {
    }

    @Provide
    Arbitrary<Night> nights() {
        Arbitrary<Integer> count = Arbitraries.integers().between(0, 4);
        Arbitrary<Given> road = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.of(RoadClass.class),
                Arbitraries.of(Zone.class), Arbitraries.integers().between(0, 13), count.list().ofSize(4),
                Arbitraries.of(true, false)).as((n, cls, zone, day, c, stored) -> new Given(
                new RoadCleaning("R-" + n, null, cls, zone, "北街街道", MONDAY.plusDays(day), 1000.0, 960.0, c.get(0), c.get(1), 1,
                        c.get(2), c.get(3), true), stored));
        Arbitrary<Given> purifier = Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(-100, 13),
                Arbitraries.of(true, false)).as((n, day, stored) ->
                new Given(new PurifierCleaning("CY-000" + n, MONDAY.plusDays(day), "北街街道"), stored));
        return Combinators.combine(Arbitraries.integers().between(0, 13), Arbitraries.oneOf(road, purifier).list().ofMaxSize(25))
                .as((asOf, facts) -> new Night(MONDAY.plusDays(asOf), onePerSubject(facts, MONDAY.plusDays(asOf))));
    }

    /** One fact a subject (a road's day, a restaurant's cleaning day), none after the night: as a store and a night hold them. */
    private static List<Given> onePerSubject(List<Given> facts, LocalDate asOf) {
        Map<String, Given> out = new LinkedHashMap<>();
        for (Given g : facts) if (!g.fact().day().isAfter(asOf)) out.putIfAbsent(g.fact().subject(), g);
        return new ArrayList<>(out.values());
    }

    @Property(tries = 150)
    void storedFactsAreJudgedAgainOnlyForPeriodsStillRunning(@ForAll("nights") Night night) throws Exception {
        List<Fact> facts = night.facts().stream().map(Given::fact).toList();
        Set<Fact> stored = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<String> storedSubjects = new java.util.HashSet<>();
        for (Given g : night.facts()) {
            if (!g.stored()) continue;
            stored.add(g.fact());
            storedSubjects.add(g.fact().subject());
        }
        List<Finding> all = PACK.evaluate(facts, night.asOf(), f -> null, (Predicate<Fact>) null, (Duration) null);
        List<Finding> kept = PACK.evaluate(facts, night.asOf(), f -> null, (Predicate<Fact>) stored::contains, (Duration) null);

        // Both sorted: kept is all with some left out, in the same order.
        int k = 0;
        int dropped = 0;
        for (Finding f : all) {
            if (k < kept.size() && json(kept.get(k)).equals(json(f))) {
                k++;
                continue;
            }
            dropped++;
            assertTrue(f.period().to().isBefore(night.asOf()), "a period still running was left out: " + json(f));
            assertTrue(!f.evidence().isEmpty() && f.evidence().stream().map(Evidence::subject).allMatch(storedSubjects::contains),
                    "a finding about a fact of tonight was left out: " + json(f));
        }
        assertEquals(kept.size(), k, "kept holds a finding that judging with nothing stored does not give");
        Statistics.collect(dropped > 0 ? "some left out" : "none left out");
    }

    private static String json(Finding f) throws Exception {
        return Json.MAPPER.writeValueAsString(f);
    }
}
