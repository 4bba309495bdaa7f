package org.lantian.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Submission;
import org.lantian.input.InvalidInputException;
import org.lantian.input.Problem;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;

/**
 * Issue 16: at least 10,000 hostile submissions through the one validation step and the engine. Each is
 * either refused with problems that name a JSON pointer, in plain words, or accepted and evaluated into a
 * findings document that is valid JSON without Infinity or NaN, within a bounded time and allocation;
 * nothing else (no other exception) may happen.
 */
class ValidationAndEngineFuzzTest {
    static final FuzzCounts COUNTS = new FuzzCounts("validation and engine");
    static final LocalDate AS_OF = LocalDate.of(2022, 6, 30);
    /** Far above a normal evaluation (a few ms, a few MB) even on a machine busy with other builds, far below harm: a date that made a rule list weeks took minutes and 6.6 GB. */
    static final long MAX_NANOS = 20_000_000_000L;
    static final long MAX_BYTES = 1L << 30;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final EvaluationService SERVICE = new EvaluationService(TestPacks.bundled());

    @Provide
    Arbitrary<String> asOf() {
        return Arbitraries.of("2022-06-30", "2022-12-31", "2022-01-01", "2000-01-01", "2099-12-31", "9999-12-31",
                "+999999999-12-31", "0001-01-01", "2022-02-30", "%", "");
    }

    @Property(tries = 10_000)
    void everyHostileSubmissionIsRefusedWithAPointerOrEvaluated(@ForAll("cases") Hostile.Case c, @ForAll("asOf") String asOf) {
        byte[] body = c.bytes();
        COUNTS.tried.incrementAndGet();
        long start = System.nanoTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        try {
            Submission s = SERVICE.reader().readSubmission(body);
            LocalDate day = SERVICE.reader().asOf(asOf, "asOf");
            CheckReport report = SERVICE.check(s, day);
            // A non-finite number is written as a bare Infinity or NaN token, which the strict reading refuses;
            // the text "Infinity" (a subject's id, say) stays a quoted string and is fine.
            String json = Json.MAPPER.writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS).writeValueAsString(report);
            Json.MAPPER.readTree(json);
            COUNTS.accepted.incrementAndGet();
        } catch (InvalidInputException e) {
            assertFalse(e.problems().isEmpty());
            for (Problem p : e.problems()) {
                assertTrue(p.pointer().isEmpty() || p.pointer().startsWith("/") || p.pointer().equals("asOf"), p.describe());
                assertTrue(Hostile.plain(p.describe()), p.describe());
            }
            COUNTS.refused.incrementAndGet();
        } catch (Throwable t) {
            COUNTS.crashes.incrementAndGet();
            throw new AssertionError("neither refused nor evaluated: " + t, t);
        }
        long nanos = System.nanoTime() - start;
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        assertTrue(nanos < MAX_NANOS, "took " + nanos / 1_000_000 + " ms");
        assertTrue(bytes < MAX_BYTES, "allocated " + (bytes >> 20) + " MB");
    }

    /** The check above can fail: an infinite number in a report is refused, the text "Infinity" is not. */
    @Example
    void theStrictWritingTellsAnInfiniteNumberFromTheTextInfinity() throws Exception {
        var writer = Json.MAPPER.writer().without(JsonWriteFeature.WRITE_NAN_AS_STRINGS);
        Json.MAPPER.readTree(writer.writeValueAsString(java.util.Map.of("subject", "Infinity")));
        String infinite = writer.writeValueAsString(java.util.Map.of("observed", Double.POSITIVE_INFINITY));
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> Json.MAPPER.readTree(infinite));
    }

    @Provide
    Arbitrary<Hostile.Case> cases() {
        return Hostile.cases();
    }

    @AfterContainer
    static void report() {
        COUNTS.report();
        assertEquals(0, COUNTS.crashes.get());
    }

}
