package org.lantian.batch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The texts and days of one partition read back from the spill, each made once where they recur: a partition's
 * facts repeat many of their texts (a town, a road's name, a district unit) and days, so binding them again need not
 * decode and keep each anew. Texts are kept by field (a field of ids that never recur does not push out a field of
 * towns), and a field whose texts do not recur is soon decoded as it is, without keeping. A text or day is the same
 * value either way (equal, with the same JSON). Not thread-safe: one per partition read.
 */
final class Recurring {
    /** The fields of every codec, each with a number of its own (0: a fact's submission). */
    private static final AtomicInteger FIELDS = new AtomicInteger(1);
    static final int SUBMISSION = 0;
    /** Longer texts (descriptions, notes) seldom recur: decoded each time, not kept. */
    private static final int LONGEST = 96;
    private static final int DAYS = 512;
    private Field[] fields = new Field[64];
    private final long[] epochDays = new long[DAYS];
    private final LocalDate[] days = new LocalDate[DAYS];

    /** A number for a text field of a codec, to keep its texts apart. */
    static int field() {
        return FIELDS.getAndIncrement();
    }

    /** A text of {@code n} UTF-8 bytes at the buffer's position, of the field numbered {@code field}, read past. */
    String text(int field, ByteBuffer in, int n) {
        byte[] a = in.array();
        int from = in.arrayOffset() + in.position();
        in.position(in.position() + n);
        if (n > LONGEST) return new String(a, from, n, StandardCharsets.UTF_8);
        if (field >= fields.length) fields = Arrays.copyOf(fields, Math.max(field + 1, fields.length * 2));
        Field f = fields[field];
        if (f == null) fields[field] = f = new Field();
        return f.text(a, from, n);
    }

    /** The texts of one field last read, by their bytes' hash. */
    private static final class Field {
        private static final int SIZE = 512;
        /** Reads after which a field whose texts recur less than a quarter of the time is no longer kept. */
        private static final int TRIAL = 256;
        private final byte[][] keys = new byte[SIZE][];
        private final String[] texts = new String[SIZE];
        private int reads;
        private int hits;
        private boolean off;

        String text(byte[] a, int from, int n) {
            if (off) return new String(a, from, n, StandardCharsets.UTF_8);
            int h = n;
            for (int i = from, to = from + n; i < to; i++) h = 31 * h + a[i];
            int slot = (h ^ (h >>> 9) ^ (h >>> 18)) & (SIZE - 1);
            byte[] key = keys[slot];
            if (++reads == TRIAL && hits * 4 < reads) off = true;
            if (key != null && Arrays.equals(key, 0, key.length, a, from, from + n)) {
                hits++;
                return texts[slot];
            }
            String s = new String(a, from, n, StandardCharsets.UTF_8);
            keys[slot] = Arrays.copyOfRange(a, from, from + n);
            texts[slot] = s;
            return s;
        }
    }

    /** The day of an epoch day. */
    LocalDate day(long epochDay) {
        int slot = (int) epochDay & (DAYS - 1);
        LocalDate d = days[slot];
        if (d == null || epochDays[slot] != epochDay) {
            days[slot] = d = LocalDate.ofEpochDay(epochDay);
            epochDays[slot] = epochDay;
        }
        return d;
    }
}
