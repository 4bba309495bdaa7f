package org.lantian.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.lantian.Json;
import org.lantian.domain.Finding;

/**
 * Findings as JSON lines in UTF-8, through one generator and buffer reused for every finding of a thread's
 * partition rather than a generator per finding. Not thread-safe: one per task.
 */
final class FindingBytes {
    private static final ObjectWriter WRITER = Json.MAPPER.writerFor(Finding.class);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final JsonGenerator generator;

    FindingBytes() {
        try {
            generator = Json.MAPPER.getFactory().createGenerator(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.setRootValueSeparator(null); // one value per call, no space between them
    }

    private static final byte[] MESSAGE = ",\"message\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] EVIDENCE = ",\"evidence\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * Whether findings.jsonl leaves a finding's message and evidence out (docs/findings.md): PASS and
     * NOT_APPLICABLE findings, whose messages {@code lantian explain} rebuilds. Every status that needs reading
     * (FAIL, PENDING, WARN, NO_DATA, WAIVED) keeps both.
     */
    static boolean shortened(Finding f) {
        return f.status() == org.lantian.domain.Status.PASS || f.status() == org.lantian.domain.Status.NOT_APPLICABLE;
    }

    /**
     * Where {@code ,"message":{…}} and {@code ,"evidence":[…]} are in a finding's JSON, as {start, end} pairs in
     * order (either may be absent). The first {@code ,"message":} is the finding's own field, since inside a
     * JSON text every quote is escaped; message comes before evidence, and nothing before either holds one.
     */
    static int[] cuts(byte[] json) {
        int[] message = valueRange(json, MESSAGE, 0);
        int[] evidence = valueRange(json, EVIDENCE, message == null ? 0 : message[1]);
        if (message == null) return evidence;
        if (evidence == null) return message;
        return new int[] {message[0], message[1], evidence[0], evidence[1]};
    }

    /** The bytes of {@code ,"name":VALUE} for an object or array value, searched from {@code from}; null when absent. */
    private static int[] valueRange(byte[] json, byte[] name, int from) {
        int start = indexOf(json, name, from);
        if (start < 0) return null;
        int depth = 0;
        boolean text = false;
        for (int i = start + name.length; i < json.length; i++) {
            byte b = json[i];
            if (text) {
                if (b == '\\') i++;
                else if (b == '"') text = false;
            } else if (b == '"') {
                text = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                if (--depth == 0) return new int[] {start, i + 1};
            }
        }
        return null;
    }

    private static int indexOf(byte[] a, byte[] b, int from) {
        outer:
        for (int i = from; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) if (a[i + j] != b[j]) continue outer;
            return i;
        }
        return -1;
    }

    byte[] of(Finding f) throws IOException {
        buffer.reset();
        WRITER.writeValue(generator, f);
        generator.flush();
        return buffer.toByteArray();
    }
}
