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

    byte[] of(Finding f) throws IOException {
        buffer.reset();
        WRITER.writeValue(generator, f);
        generator.flush();
        return buffer.toByteArray();
    }
}
