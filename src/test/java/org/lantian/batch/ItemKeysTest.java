package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lantian.TestFacts;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.input.FactReader;
import org.lantian.input.FactTypes;
import org.lantian.input.Problem;

/**
 * The partition key the batch works out once per fact ({@link BatchRun#partitionKey}) is the fact's own
 * {@code partitionKey()}, for every fact of a generated night and the samples (every fact type): the subject's instance
 * itself where the type keeps the default key, a key of its own where the type has one.
 */
class ItemKeysTest {
    @Test
    void theKeyWorkedOutOnceIsTheFactsPartitionKey() throws Exception {
        FactReader reader = new FactReader(TestPacks.ledger());
        Set<Class<?>> types = new HashSet<>();
        List<Fact> facts = new ArrayList<>();
        for (JsonNode node : TestFacts.ofANightAndTheSamples(20_000, 7)) {
            Fact f = reader.readFact(node, "", "fact", new ArrayList<Problem>());
            if (f != null) facts.add(f);
        }
        for (Fact f : facts) {
            String subject = f.subject();
            String key = BatchRun.partitionKey(f, subject);
            assertEquals(f.partitionKey(), key, f.toString());
            assertEquals(f.subject(), subject, f.toString());
            if (!overrides(f.getClass())) assertSame(subject, key, f.toString());
            types.add(f.getClass());
        }
        assertEquals(FactTypes.all().size(), types.size(), "every fact type");
    }

    @Test
    void aTypeWithTheDefaultKeyHasItsSubjectsInstanceAsKey() throws Exception {
        for (Class<? extends Fact> type : FactTypes.all()) {
            if (overrides(type)) continue;
            Fact f = FactCodecTest.empty(type);
            String subject = "S-1";
            assertSame(subject, BatchRun.partitionKey(f, subject), type.getSimpleName());
        }
    }

    private static boolean overrides(Class<?> type) throws NoSuchMethodException {
        return type.getMethod("partitionKey").getDeclaringClass() != Fact.class;
    }
}
