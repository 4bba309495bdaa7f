package org.lantian.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.lantian.Json;
import org.lantian.domain.Finding;

/**
 * A finding with its sort key as UTF-8 bytes. The order within a partition (and of the scorecard's failing
 * findings): measure, rule, subject, submission, and between findings equal in those the whole finding's JSON,
 * so that the same input always gives the same bytes.
 */
record Ranked(Finding finding, byte[] key) {
    static final Comparator<Ranked> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(a.key, b.key);
        // Findings equal in their key are rare: their JSON is made only then.
        return c != 0 || a.finding == b.finding ? c : Arrays.compareUnsigned(whole(a.finding), whole(b.finding));
    };

    static Ranked of(Finding f) {
        return new Ranked(f, key(f));
    }

    /** The finding as one JSON object, every field included (the whole line of {@code --all-messages}). */
    static byte[] whole(Finding f) {
        try {
            return Json.MAPPER.writeValueAsBytes(f);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The measure as four big-endian bytes, then rule, subject and submission, each as 0x00 when absent
     * (absent sorts first) or 0x01, its UTF-8 bytes and a 0x00 end (a shorter text sorts before a longer one
     * it begins).
     */
    static byte[] key(Finding f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int m = f.measure();
        out.write(m >>> 24);
        out.write(m >>> 16);
        out.write(m >>> 8);
        out.write(m);
        text(out, f.rule());
        text(out, f.subject());
        text(out, f.submission());
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        if (s == null) {
            out.write(0);
            return;
        }
        out.write(1);
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
