package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lantian.TestPacks;
import org.lantian.domain.facts.AlertLevel;

/**
 * A FAIL's message is filled in on the night's writing thread, in one pass: over texts made of placeholders,
 * stray and unclosed braces and plain text, and values that hold braces, placeholders or nothing, the
 * message is what replacing {observed}, {target} and {subject} in turn gives, in Chinese and English.
 */
class MessageFillTest {
    private static final List<String> PIECES = List.of("{observed}", "{target}", "{subject}", "{", "}", "{t", "arget}",
            "observed}", "{sub", "率 ", "%，目标", " at least ", "x", "{other}", "{{", "}}");

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMaxSize(8).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.of(PIECES).list().ofMaxSize(3).map(l -> (Object) String.join("", l)),
                Arbitraries.of(0.93, 12.5, 3, 1e-4, true, false, AlertLevel.ORANGE).map(v -> (Object) v), Arbitraries.just(null));
    }

    @Property(tries = 3_000)
    void oneFillingIsTheReplacingInTurn(@ForAll("texts") String zh, @ForAll("texts") String en, @ForAll("values") Object observed,
                                        @ForAll("values") Object target, @ForAll("texts") String subject,
                                        @ForAll boolean ratio) {
        Check.Said said = new Check.Said(zh, en, observed, target, ratio ? "ratio" : null, subject.isEmpty() ? null : subject,
                TestPacks.ledger());
        assertEquals(said.inTurn(zh, true), said.zh());
        assertEquals(said.inTurn(en, false), said.en());
    }
}
