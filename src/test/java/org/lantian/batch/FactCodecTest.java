package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.TestFacts;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.input.FactReader;
import org.lantian.input.FactTypes;
import org.lantian.input.Problem;

/** The spill's binary form gives back every fact exactly: equal, and written as the same JSON. */
class FactCodecTest {
    @Test
    void everyFactTypeHasACodec() {
        for (Class<? extends Fact> type : FactTypes.all()) assertNotNull(FactCodec.of(type), type.getSimpleName());
    }

    @Test
    void aTypesCodecIsMadeOnceAndSharedByEveryThread() throws Exception {
        for (Class<? extends Fact> type : FactTypes.all()) {
            var other = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                assertSame(FactCodec.of(type), other.submit(() -> FactCodec.of(type)).get(), type.getSimpleName());
            } finally {
                other.shutdown();
            }
        }
        assertNull(FactCodec.of(String.class), "not a record: spilled as JSON");
    }

    @Test
    void everyFactOfAGeneratedNightAndTheSamplesComesBackTheSame() throws Exception {
        List<JsonNode> nodes = new ArrayList<>(TestFacts.ofANightAndTheSamples(20_000, 11));
        FactReader reader = new FactReader(TestPacks.ledger());
        List<Fact> facts = new ArrayList<>();
        for (JsonNode node : nodes) {
            Fact fact = reader.readFact(node, "", "fact", new ArrayList<Problem>());
            if (fact != null) facts.add(fact);
        }
        for (Class<? extends Fact> type : FactTypes.all()) facts.add(empty(type));
        assertTrue(facts.size() > 20_000, facts.size() + " facts");
        assertTrue(facts.stream().map(Object::getClass).distinct().count() == FactTypes.all().size(), "every type");
        for (Fact fact : facts) {
            Fact back = roundTrip(fact);
            assertEquals(fact, back, fact.toString());
            assertEquals(Json.MAPPER.writeValueAsString(fact), Json.MAPPER.writeValueAsString(back));
        }
    }

    @Test
    void textsAndExtremeValuesComeBackExactly() throws Exception {
        var road = new org.lantian.domain.facts.RoadCleaning("R-|1\u0000", "泽州路 \uD83D\uDE00", null, null, "",
                LocalDate.MIN, -0.0, Double.MAX_VALUE, Integer.MIN_VALUE, 0, null, Integer.MAX_VALUE, -1, false);
        assertEquals(road, roundTrip(road));
        Fact far = new org.lantian.domain.facts.RoadCleaning("R", null, null, null, null, LocalDate.MAX, Double.MIN_VALUE,
                1e300, null, null, null, null, null, true);
        assertEquals(far, roundTrip(far));
        assertFalse(roundTrip(far) == far);
    }

    private static Fact roundTrip(Fact fact) throws Exception {
        FactCodec codec = FactCodec.of(fact.getClass());
        BinaryOut out = BinaryOut.inMemory();
        codec.write(out, fact);
        codec.write(out, fact); // two in a row: each reads exactly its own bytes
        out.close();
        ByteBuffer in = ByteBuffer.wrap(out.take());
        Recurring recurring = new Recurring(); // as a partition is read: the second fact's texts are the first's
        Fact first = (Fact) codec.read(in, recurring);
        Fact second = (Fact) codec.read(in, recurring);
        assertEquals(first, second);
        assertFalse(in.hasRemaining());
        return first;
    }

    /** A fact of the type with every field absent (or zero, for a primitive). */
    static Fact empty(Class<? extends Fact> type) throws Exception {
        RecordComponent[] cs = type.getRecordComponents();
        Class<?>[] types = new Class<?>[cs.length];
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            if (types[i] == int.class) args[i] = 0;
            else if (types[i] == long.class) args[i] = 0L;
            else if (types[i] == double.class) args[i] = 0.0;
            else if (types[i] == boolean.class) args[i] = false;
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }
}
