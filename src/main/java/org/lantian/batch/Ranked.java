package org.lantian.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import org.lantian.Json;
import org.lantian.domain.Finding;

/**
 * A finding in the night's order. The order within a partition (and of the scorecard's failing findings):
 * measure, rule, subject, submission (an absent one first, texts by their UTF-16 code units), and between
 * findings equal in those the whole finding's JSON, so that the same input always gives the same bytes.
 */
record Ranked(Finding finding) {
    /** Compares field by field, without a chain of comparators: a night sorts millions of findings. */
    static final Comparator<Ranked> ORDER = (x, y) -> {
        Finding a = x.finding;
        Finding b = y.finding;
        if (a == b) return 0;
        int c = Integer.compare(a.measure(), b.measure());
        if (c == 0) c = text(a.rule(), b.rule());
        if (c == 0) c = text(a.subject(), b.subject());
        if (c == 0) c = text(a.submission(), b.submission());
        // Findings equal in their key are rare: their JSON is made only then.
        return c != 0 ? c : Arrays.compareUnsigned(whole(a), whole(b));
    };

    /** Texts by their UTF-16 code units, an absent one first; the same text (often the same instance) at once. */
    private static int text(String a, String b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        return a.compareTo(b);
    }

    static Ranked of(Finding f) {
        return new Ranked(f);
    }

    /** The finding as one JSON object, every field included (the whole line of {@code --all-messages}). */
    static byte[] whole(Finding f) {
        try {
            return Json.MAPPER.writeValueAsBytes(f);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
