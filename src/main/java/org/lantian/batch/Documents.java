package org.lantian.batch;

import java.io.IOException;

/**
 * A night's input that is not a file, such as the submissions the store holds for a day: JSON documents read
 * one after another, each counted as one line of an input with this name (rejects say "line N").
 */
public interface Documents {
    /** How reports and rejects name this input. */
    String name();

    /** About how many bytes the documents take: how the batch sizes its partitions and its progress bar. */
    long bytes() throws IOException;

    /** Hands every document, in a stable order, to the consumer. */
    void forEach(Consumer each) throws IOException;

    /** Receives one document's JSON text. */
    interface Consumer {
        void accept(String json) throws IOException;
    }
}
