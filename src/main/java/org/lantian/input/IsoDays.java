package org.lantian.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import org.lantian.Json;

/**
 * Days written the common way, {@code YYYY-MM-DD} with ASCII digits, read without a {@code DateTimeFormatter}
 * (whose parse is most of the cost of binding a fact). Such a text gives the same day (or the same refusal) as
 * the strict {@code uuuu-MM-dd} and ISO formats; any other text goes to them.
 */
public final class IsoDays {
    /** {@link Json#MAPPER} reading days through {@link #parse} first: for binding facts already validated (the batch's spill). */
    public static final ObjectMapper MAPPER = Json.MAPPER.copy().registerModule(new SimpleModule("lantian-iso-days")
            .addDeserializer(LocalDate.class, new JsonDeserializer<>() {
                @Override
                public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    if (p.hasToken(JsonToken.VALUE_STRING)) {
                        LocalDate day = parse(p.getText());
                        if (day != null) return day;
                    }
                    return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
                }
            }));

    private IsoDays() {
    }

    /** The day of a text of the form {@code dddd-dd-dd} that names one, else null (for the formatters to judge). */
    public static LocalDate parse(String s) {
        if (s == null || s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 7);
        int d = digits(s, 8, 10);
        if (y < 0 || m < 0 || d < 0) return null;
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The ASCII digits of s[from, to) as a number, or -1 when any is not one. */
    static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A time of day written HH:MM (as the facts have it), or null when the text is not one. */
    static java.time.LocalTime time(String s) {
        if (s.length() != 5 || s.charAt(2) != ':') return null;
        int h = digits(s, 0, 2);
        int m = digits(s, 3, 5);
        if (h < 0 || m < 0) return null;
        try {
            return java.time.LocalTime.of(h, m);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
