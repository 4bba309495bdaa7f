package org.lantian.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A writer of UTF-8 bytes through a buffer of its own, for the workbook's sheets: the same bytes as a
 * {@code BufferedWriter} over an {@code OutputStreamWriter} in UTF-8 (an unpaired surrogate as '?', a pair split over
 * two writes joined), where that pair copies every piece into a char buffer and its encoder then goes through it char
 * by char, most of the findings sheet's cost. Not thread-safe.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    /** A high surrogate that ended the last write: its pair may begin the next. */
    private char pending;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    /** A run of chars below the surrogates goes straight into the buffer, room for three bytes each made first. */
    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (pending != 0) {
                put(s.charAt(i++));
                continue;
            }
            int n = Math.min(end - i, (buf.length - pos) / 3);
            if (n == 0) {
                drain();
                continue;
            }
            byte[] b = buf;
            int p = pos;
            for (int stop = i + n; i < stop; i++) {
                char c = s.charAt(i);
                if (Character.isSurrogate(c)) {
                    pos = p;
                    put(c);
                    p = pos;
                    i++;
                    break;
                }
                p = encode(b, p, c);
            }
            pos = p;
        }
    }

    @Override
    public void write(char[] c, int off, int len) throws IOException {
        for (int i = off, end = off + len; i < end; i++) put(c[i]);
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    private void put(char c) throws IOException {
        if (pos > buf.length - 4) drain();
        if (pending != 0) {
            char high = pending;
            pending = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                return;
            }
            buf[pos++] = '?'; // the high surrogate had no pair
            if (pos > buf.length - 4) drain();
        }
        if (Character.isHighSurrogate(c)) pending = c;
        else if (Character.isLowSurrogate(c)) buf[pos++] = '?';
        else pos = encode(buf, pos, c);
    }

    /** A char outside the surrogates as its one to three UTF-8 bytes at {@code p}; the position after them. */
    private static int encode(byte[] b, int p, char c) {
        if (c < 0x80) {
            b[p] = (byte) c;
            return p + 1;
        }
        if (c < 0x800) {
            b[p] = (byte) (0xC0 | (c >> 6));
            b[p + 1] = (byte) (0x80 | (c & 0x3F));
            return p + 2;
        }
        b[p] = (byte) (0xE0 | (c >> 12));
        b[p + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p + 2] = (byte) (0x80 | (c & 0x3F));
        return p + 3;
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    /** What is written so far goes on; a high surrogate at the end waits for its pair, as the JDK's encoder's does. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** A high surrogate left unpaired at the end is written as '?'. */
    @Override
    public void close() throws IOException {
        if (pending != 0) {
            pending = 0;
            buf[pos++] = '?';
        }
        drain();
        out.close();
    }
}
