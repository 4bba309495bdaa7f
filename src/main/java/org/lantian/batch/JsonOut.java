package org.lantian.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.lantian.Json;
import org.lantian.domain.Span;

/**
 * JSON written straight as UTF-8 bytes, for findings.jsonl's lines: the same bytes as the mapper's generator
 * (Jackson's {@code UTF8JsonGenerator} with its defaults) writes, without its per-value state and checks, which
 * were most of the writing thread's time. Texts are escaped as Jackson escapes them: {@code "} and {@code \}, the
 * control characters ({@code \b \t \n \f \r}, the others as backslash-u-00XX), and every surrogate, paired or not,
 * as backslash-u-XXXX; everything else as its UTF-8 bytes ({@code JsonOutTest} compares both over arbitrary texts).
 * The caller writes the punctuation (prepared bytes, see {@link #ascii}). Not thread-safe.
 */
final class JsonOut {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 when written as it is, else what follows its backslash ('u' for backslash-u-00XX). */
    private static final byte[] ESCAPE = new byte[128];
    private static final byte[] NULL = ascii("null");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] FROM = ascii("{\"from\":");
    private static final byte[] TO = ascii(",\"to\":");

    static {
        for (int c = 0; c < 0x20; c++) ESCAPE[c] = 'u';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
    }

    private final OutputStream out;
    private byte[] buf;
    private int pos;

    JsonOut(OutputStream out) {
        this(out, 1 << 16);
    }

    private JsonOut(OutputStream out, int size) {
        this.out = out;
        this.buf = new byte[size];
    }

    /** The bytes of an ASCII text, to write with {@link #raw(byte[])}: field names and punctuation. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A text as a JSON string's bytes, quotes included. */
    static byte[] quoted(String s) {
        JsonOut o = new JsonOut(OutputStream.nullOutputStream(), 64);
        try {
            o.string(s); // grows its buffer: nothing buffered goes to the null stream
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return java.util.Arrays.copyOf(o.buf, o.pos);
    }

    /** Room for {@code n} more bytes: what is buffered goes out first when it lacks it. */
    private void room(int n) throws IOException {
        if (pos + n <= buf.length) return;
        flushBuffer();
        if (n > buf.length) buf = new byte[Math.max(n, buf.length * 2)];
    }

    void raw(byte[] b) throws IOException {
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    void raw(byte[] b, int off, int len) throws IOException {
        room(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** One ASCII character. */
    void raw(char c) throws IOException {
        room(1);
        buf[pos++] = (byte) c;
    }

    /** A text as a JSON string, null as {@code null}. */
    void string(String s) throws IOException {
        if (s == null) {
            raw(NULL);
            return;
        }
        int n = s.length();
        if (n > (Integer.MAX_VALUE - 2) / 6) throw new IOException("a text of " + n + " characters is too long for a line");
        room(n * 6 + 2); // at most six bytes a character (backslash, u, four hex digits)
        string(s, n);
    }

    private void string(String s, int n) {
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else {
                    b[p++] = '\\';
                    b[p++] = e;
                    if (e == 'u') {
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = '\\';
                b[p++] = 'u';
                b[p++] = HEX[c >> 12];
                b[p++] = HEX[(c >> 8) & 0xF];
                b[p++] = HEX[(c >> 4) & 0xF];
                b[p++] = HEX[c & 0xF];
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = '"';
        pos = p;
    }

    void number(int v) throws IOException {
        room(11);
        long x = v;
        if (x < 0) {
            buf[pos++] = '-';
            x = -x;
        }
        int digits = 1;
        for (long t = x; t >= 10; t /= 10) digits++;
        int end = pos + digits;
        for (int p = end - 1; p >= pos; p--, x /= 10) buf[p] = (byte) ('0' + x % 10);
        pos = end;
    }

    /** As Jackson writes a double: {@link Double#toString}, and a value that is not a number ("NaN") quoted. */
    void number(double v) throws IOException {
        String s = Double.toString(v);
        if (Double.isFinite(v)) {
            room(s.length());
            s.getBytes(0, s.length(), buf, pos); // ASCII
            pos += s.length();
        } else {
            string(s);
        }
    }

    /** A day as a JSON string of {@link LocalDate#toString} ({@code "2022-06-30"}), null as {@code null}; without making the text. */
    void date(LocalDate day) throws IOException {
        if (day == null) {
            raw(NULL);
            return;
        }
        int y = day.getYear();
        if (y < 1000 || y > 9999) { // signs and padding: as LocalDate writes them
            string(day.toString());
            return;
        }
        room(12);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        b[p++] = (byte) ('0' + y / 1000);
        b[p++] = (byte) ('0' + y / 100 % 10);
        b[p++] = (byte) ('0' + y / 10 % 10);
        b[p++] = (byte) ('0' + y % 10);
        b[p++] = '-';
        b[p++] = (byte) ('0' + day.getMonthValue() / 10);
        b[p++] = (byte) ('0' + day.getMonthValue() % 10);
        b[p++] = '-';
        b[p++] = (byte) ('0' + day.getDayOfMonth() / 10);
        b[p++] = (byte) ('0' + day.getDayOfMonth() % 10);
        b[p++] = '"';
        pos = p;
    }

    void bool(boolean v) throws IOException {
        raw(v ? TRUE : FALSE);
    }

    /**
     * A value as the mapper writes it: the kinds findings hold (texts, integers, doubles, booleans, periods,
     * lists of texts) directly, anything else through the mapper.
     */
    void value(Object value) throws IOException {
        if (value == null) {
            raw(NULL);
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Integer i) {
            number(i.intValue());
        } else if (value instanceof Double d) {
            number(d.doubleValue());
        } else if (value instanceof Boolean b) {
            bool(b);
        } else if (value instanceof Span p) {
            raw(FROM);
            date(p.from());
            raw(TO);
            date(p.to());
            raw('}');
        } else if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            raw('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) raw(',');
                string((String) list.get(i));
            }
            raw(']');
        } else {
            try {
                raw(Json.MAPPER.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new IOException(e);
            }
        }
    }

    /** Hands what is buffered to the stream (without flushing the stream). */
    void flushBuffer() throws IOException {
        if (pos > 0) out.write(buf, 0, pos);
        pos = 0;
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }
}
