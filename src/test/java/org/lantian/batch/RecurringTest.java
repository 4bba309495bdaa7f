package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.TestFacts;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.input.FactReader;
import org.lantian.input.Problem;

/**
 * A partition's texts and days made once ({@link Recurring}) are the texts and days its bytes say, whatever came
 * before them: texts of any characters and length, texts that share a slot of the table, a text met again after
 * another took its slot; and a partition's facts read back through one table are the facts written.
 */
class RecurringTest {
    private static final int FIELD = Recurring.field();

    @Property(tries = 300)
    void everyTextIsTheTextItsBytesSay(@ForAll @Size(max = 400) List<@Size(max = 120) String> texts) {
        List<String> all = new ArrayList<>(texts);
        all.addAll(texts); // each again, after the others
        ByteBuffer in = encoded(all);
        Recurring recurring = new Recurring();
        for (String text : all) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(new String(bytes, StandardCharsets.UTF_8), recurring.text(FIELD, in, in.getInt()));
        }
        assertFalse(in.hasRemaining());
    }

    @Test
    void textsThatShareASlotEachComeBackAsThemselvesAndAFieldsRecurringTextsAreMadeOnce() {
        int towns = Recurring.field();
        String[] names = {"东街街道", "西街街道", "", "\uD83D\uDE00 \uDC00", "北石店镇"}; // a lone surrogate decodes as the decoder says
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) ids.add("R-" + i); // many times a table's slots: many share one, none recurs
        for (int i = 19_999; i >= 0; i--) ids.add("R-" + i);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            all.add(ids.get(i));
            all.add(names[i % names.length]);
        }
        ByteBuffer in = encoded(all);
        Recurring recurring = new Recurring();
        String[] made = new String[names.length];
        for (int i = 0; i < all.size(); i++) {
            String text = all.get(i);
            String back = recurring.text(i % 2 == 0 ? FIELD : towns, in, in.getInt());
            assertEquals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), back);
            if (i % 2 == 1) {
                int name = (i / 2) % names.length;
                if (made[name] == null) made[name] = back;
                else assertSame(made[name], back, "a town met again is the one made before");
            }
        }
        assertFalse(in.hasRemaining());
    }

    @Property(tries = 300)
    void everyDayIsItsEpochDay(@ForAll @Size(max = 200) List<@LongRange(min = -365243219162L, max = 365241780471L) Long> days) {
        Recurring recurring = new Recurring();
        for (int round = 0; round < 2; round++) {
            for (long day : days) assertEquals(LocalDate.ofEpochDay(day), recurring.day(day));
        }
    }

    @Test
    void aPartitionsFactsReadThroughOneTableAreTheFactsWritten() throws Exception {
        FactReader reader = new FactReader(TestPacks.ledger());
        List<Fact> facts = new ArrayList<>();
        for (JsonNode node : TestFacts.ofANightAndTheSamples(20_000, 5)) {
            Fact f = reader.readFact(node, "", "fact", new ArrayList<Problem>());
            if (f != null) facts.add(f);
        }
        BinaryOut out = BinaryOut.inMemory();
        for (Fact f : facts) FactCodec.of(f.getClass()).write(out, f);
        out.close();
        ByteBuffer in = ByteBuffer.wrap(out.take());
        Recurring recurring = new Recurring();
        for (Fact f : facts) {
            Fact back = (Fact) FactCodec.of(f.getClass()).read(in, recurring);
            assertEquals(f, back);
            assertEquals(Json.MAPPER.writeValueAsString(f), Json.MAPPER.writeValueAsString(back));
        }
        assertFalse(in.hasRemaining());
    }

    private static ByteBuffer encoded(List<String> texts) {
        int size = 0;
        List<byte[]> bytes = new ArrayList<>();
        for (String t : texts) {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            bytes.add(b);
            size += 4 + b.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] b : bytes) buffer.putInt(b.length).put(b);
        return buffer.flip();
    }
}
