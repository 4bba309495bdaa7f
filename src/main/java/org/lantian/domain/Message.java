package org.lantian.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A finding's message: Chinese first (the office's language), English beside it. A value like a record of
 * {@code zh} and {@code en} (same JSON, equality and text), except that a rule's message may be filled in only
 * when first asked for ({@link #lazy}): the night's findings.jsonl does not write a PASS's message, so most
 * messages of a night are never read. Thread-safe.
 */
@JsonPropertyOrder({"zh", "en"})
public final class Message {
    /** Fills in both texts of a message when it is first read. */
    public interface Source {
        String zh();

        String en();
    }

    private record Texts(String zh, String en) {
    }

    private final Source source;
    private volatile Texts texts;

    @JsonCreator
    public Message(@JsonProperty("zh") String zh, @JsonProperty("en") String en) {
        this.source = null;
        this.texts = new Texts(zh, en);
    }

    private Message(Source source) {
        this.source = source;
    }

    /** A message whose texts {@code source} fills in when first read (once; {@code source} must give the same texts each time). */
    public static Message lazy(Source source) {
        return new Message(Objects.requireNonNull(source));
    }

    private Texts texts() {
        Texts t = texts;
        if (t == null) texts = t = new Texts(source.zh(), source.en()); // a race fills in the same texts twice: harmless
        return t;
    }

    @JsonProperty("zh")
    public String zh() {
        return texts().zh();
    }

    @JsonProperty("en")
    public String en() {
        return texts().en();
    }

    public String in(String lang) {
        return "en".equalsIgnoreCase(lang) ? en() : zh();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && Objects.equals(zh(), m.zh()) && Objects.equals(en(), m.en());
    }

    @Override
    public int hashCode() {
        return texts().hashCode();
    }

    @Override
    public String toString() {
        return "Message[zh=" + zh() + ", en=" + en() + "]";
    }
}
