package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.lantian.TestFacts;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.input.FactReader;
import org.lantian.input.FactTypes;
import org.lantian.input.Problem;

/**
 * The subject a finding names is the fact's {@code subject()}, whether made for it or kept from an earlier finding
 * about the same fact ({@link FindingCollector#subject}): for every fact type, facts met in any order and again,
 * facts that share a place in the collector's table, and a fact type that is not a record (whose subject may change).
 */
class FactSubjectsTest {
    private static List<Fact> facts;

    /** The facts of a generated night and the samples, bound as the reader binds them: every fact type. */
    private static synchronized List<Fact> facts() throws Exception {
        if (facts == null) {
            FactReader reader = new FactReader(TestPacks.ledger());
            List<Fact> out = new ArrayList<>();
            for (JsonNode node : TestFacts.ofANightAndTheSamples(6_000, 3)) {
                Fact f = reader.readFact(node, "", "fact", new ArrayList<Problem>());
                if (f != null) out.add(f);
            }
            facts = out;
        }
        return facts;
    }

    @Test
    void theFactsHoldEveryFactType() throws Exception {
        Set<Class<?>> types = new HashSet<>();
        for (Fact f : facts()) types.add(f.getClass());
        assertEquals(new HashSet<>(FactTypes.all()), types);
    }

    @Property(tries = 100)
    void aFindingsSubjectIsItsFactsSubject(@ForAll @Size(max = 4000) List<@IntRange(min = 0, max = 1_000_000) Integer> draws)
            throws Exception {
        List<Fact> all = facts();
        FindingCollector collector = new FindingCollector(null, null, LocalDate.of(2022, 6, 30), f -> null);
        for (int d : draws) {
            Fact f = all.get(d % all.size());
            assertEquals(f.subject(), collector.subject(f), f.toString());
        }
    }

    @Test
    void aFactThatIsNotARecordIsAskedEveryTime() throws Exception {
        FindingCollector collector = new FindingCollector(null, null, LocalDate.of(2022, 6, 30), f -> null);
        Changing fact = new Changing();
        fact.subject = "A";
        assertEquals("A", collector.subject(fact));
        fact.subject = "B";
        assertEquals("B", collector.subject(fact));
        Fact record = facts().get(0);
        assertSame(collector.subject(record), collector.subject(record), "a record's subject is made once");
    }

    private static final class Changing implements Fact {
        String subject;

        @Override
        public String subject() {
            return subject;
        }
    }
}
