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
    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Finding> KEY = Comparator.comparingInt(Finding::measure)
            .thenComparing(Finding::rule, TEXT)
            .thenComparing(Finding::subject, TEXT)
            .thenComparing(Finding::submission, TEXT);

    static final Comparator<Ranked> ORDER = (a, b) -> {
        int c = KEY.compare(a.finding, b.finding);
        // Findings equal in their key are rare: their JSON is made only then.
        return c != 0 || a.finding == b.finding ? c : Arrays.compareUnsigned(whole(a.finding), whole(b.finding));
    };

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
