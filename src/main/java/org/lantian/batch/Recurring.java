package org.lantian.batch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The texts and days of one partition read back from the spill, each made once: a partition's facts repeat most of
 * their texts (a town, a road's id on each of its days, a submission's id, a name) and days, so binding them again
 * need not decode and keep each anew. A text or day is the same value either way (equal, with the same JSON).
 * Not thread-safe: one per partition read.
 */
final class Recurring {
    private static final int TEXTS = 4096;
    /** Longer texts (descriptions, notes) seldom recur: decoded each time, not kept. */
    private static final int LONGEST = 96;
    private static final int DAYS = 512;
    private final byte[][] keys = new byte[TEXTS][];
    private final String[] texts = new String[TEXTS];
    private final long[] epochDays = new long[DAYS];
    private final LocalDate[] days = new LocalDate[DAYS];

    /** A text of {@code n} UTF-8 bytes at the buffer's position, read past. */
    String text(ByteBuffer in, int n) {
        byte[] a = in.array();
        int from = in.arrayOffset() + in.position();
        in.position(in.position() + n);
        if (n > LONGEST) return new String(a, from, n, StandardCharsets.UTF_8);
        int h = n;
        for (int i = from, to = from + n; i < to; i++) h = 31 * h + a[i];
        int slot = (h ^ (h >>> 12)) & (TEXTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, a, from, from + n)) return texts[slot];
        String s = new String(a, from, n, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(a, from, from + n);
        texts[slot] = s;
        return s;
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
