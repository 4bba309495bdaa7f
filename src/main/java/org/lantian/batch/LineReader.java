package org.lantian.batch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Reads a file line by line as bytes and decodes each line strictly as UTF-8, so that one line with
 * invalid bytes is reported on its own and the lines around it are still read. A line without a final
 * newline is marked, since that is how a truncated file ends.
 */
final class LineReader implements Closeable {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private long number;
    private long bytesRead;
    private boolean lastHadNewline = true;

    /** Why a line could not be decoded. */
    static final class BadLine extends Exception {
        BadLine(String message) {
            super(message);
        }
    }

    private final MessageDigest digest;

    /** Reads lines from {@code in}, feeding every byte to {@code digest} (the input's identity in the report). */
    LineReader(InputStream in, MessageDigest digest) {
        this.in = in;
        this.digest = digest;
    }

    /** The next line without its line ending, or null at the end; throws BadLine for invalid UTF-8 (the line is consumed). */
    String next() throws IOException, BadLine {
        byte[] bytes = nextBytes();
        return bytes == null ? null : decode(bytes, lastHadNewline);
    }

    /**
     * The next line's bytes without its line ending (and without the byte-order mark of a first line), or null
     * at the end; not decoded, so that the threads parsing the lines decode them ({@link #decode}).
     */
    byte[] nextBytes() throws IOException {
        int length = 0;
        boolean newline = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    break;
                }
                bytesRead += limit;
                digest.update(buffer, 0, limit);
            }
            any = true;
            int start = pos;
            pos = newline(buffer, pos, limit);
            int n = pos - start;
            if (length + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            System.arraycopy(buffer, start, line, length, n);
            length += n;
            if (pos < limit) {
                pos++;
                newline = true;
                break;
            }
        }
        if (!any) return null;
        number++;
        lastHadNewline = newline;
        if (length > 0 && line[length - 1] == '\r') length--;
        int offset = 0;
        if (number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
            offset = 3; // a byte-order mark, as spreadsheet programs write
        }
        return Arrays.copyOfRange(line, offset, length);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first '\n' in {@code b[from..limit)}, or {@code limit}: eight bytes at a time, a byte equal to
     * '\n' being a zero byte of the word xor '\n's (the lowest byte flagged so is always a true one).
     */
    static int newline(byte[] b, int from, int limit) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long zero = (x - ONES) & ~x & HIGHS;
            if (zero != 0) return i + (Long.numberOfTrailingZeros(zero) >>> 3);
        }
        while (i < limit && b[i] != '\n') i++;
        return i;
    }

    /**
     * A line's bytes as text, strictly UTF-8; {@code newline} false when the line ended the file without one.
     * The JDK's own decoding (fast for ASCII, replacing what is not UTF-8) does the work; where it replaced
     * anything, or the text holds U+FFFD, a strict decoder decides and names the bad byte.
     */
    static String decode(byte[] bytes, boolean newline) throws BadLine {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) return text;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, chars, true);
        if (!result.isError()) result = utf8.flush(chars);
        if (result.isError()) {
            if (!newline) throw new BadLine("not valid UTF-8 text at the end of the file (it ends without a newline: truncated?)");
            throw new BadLine("not valid UTF-8 text (bad byte at column " + (in.position() + 1) + ")");
        }
        return chars.flip().toString();
    }

    /**
     * Whether bytes are well-formed UTF-8 (RFC 3629: no overlong form, no surrogate, nothing above U+10FFFF, no
     * sequence cut short), that is whether {@link #decode} takes them as they are. Reads without making a text.
     */
    static boolean validUtf8(byte[] b) {
        int n = b.length;
        for (int i = 0; i < n; ) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int more = c < 0xC2 ? -1 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : c < 0xF5 ? 3 : -1;
            if (more < 0 || i + more >= n) return false;
            int c1 = b[i + 1] & 0xFF;
            // the second byte's range where the first allows less than every continuation byte
            int low = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
            int high = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
            if (c1 < low || c1 > high) return false;
            for (int k = 2; k <= more; k++) if ((b[i + k] & 0xC0) != 0x80) return false;
            i += more + 1;
        }
        return true;
    }

    /** The number of the line last returned (1-based). */
    long number() {
        return number;
    }

    /** False when the line last returned ended the file without a newline. */
    boolean lastHadNewline() {
        return lastHadNewline;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
