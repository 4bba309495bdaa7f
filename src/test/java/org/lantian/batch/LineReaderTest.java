package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Lines are split as bytes and decoded by the thread that parses them: the JDK's fast decoding, with a strict
 * decoder where it replaced anything. Over bytes made of pieces of valid and invalid UTF-8 (overlong forms,
 * encoded surrogates, code points past U+10FFFF, cut sequences, U+FFFD itself), a line decodes exactly as the
 * strict decoder decodes it, and is refused exactly where it refuses.
 */
class LineReaderTest {
    private static final List<byte[]> PIECES = List.of(
            bytes("a"), bytes("{\"x\":1}"), bytes(" "), bytes("\t"), bytes("北"), bytes("😀"), bytes("\uFFFD"), bytes("\u3000"),
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xC1, (byte) 0xBF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE3, (byte) 0x80}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE},
            new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

    @Provide
    Arbitrary<byte[]> lines() {
        return Arbitraries.integers().between(0, PIECES.size() - 1).list().ofMaxSize(8).map(indices -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i : indices) out.writeBytes(PIECES.get(i));
            return out.toByteArray();
        });
    }

    @Property(tries = 5_000)
    void aLineDecodesAsTheStrictDecoderDecodesIt(@ForAll("lines") byte[] line) throws Exception {
        String strict;
        try {
            strict = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            strict = null;
        }
        if (strict == null) {
            LineReader.BadLine bad = assertThrows(LineReader.BadLine.class, () -> LineReader.decode(line, true));
            assertTrue(bad.getMessage().startsWith("not valid UTF-8 text (bad byte at column "), bad.getMessage());
            assertTrue(assertThrows(LineReader.BadLine.class, () -> LineReader.decode(line, false)).getMessage()
                    .contains("truncated?"));
        } else {
            assertEquals(strict, LineReader.decode(line, true));
        }
    }

    @Property(tries = 5_000)
    void bytesAreValidExactlyWhereTheStrictDecoderTakesThem(@ForAll("lines") byte[] line) {
        assertEquals(strictlyDecodes(line), LineReader.validUtf8(line), () -> java.util.HexFormat.of().formatHex(line));
    }

    @Property(tries = 5_000)
    void anyBytesAreValidExactlyWhereTheStrictDecoderTakesThem(@ForAll byte[] bytes) {
        assertEquals(strictlyDecodes(bytes), LineReader.validUtf8(bytes), () -> java.util.HexFormat.of().formatHex(bytes));
    }

    @Property(tries = 2_000)
    void theFirstNewlineIsFoundWhereverItIs(@ForAll byte[] bytes, @ForAll @net.jqwik.api.constraints.IntRange(max = 40) int from) {
        int start = Math.min(from, bytes.length);
        int expected = start;
        while (expected < bytes.length && bytes[expected] != '\n') expected++;
        assertEquals(expected, LineReader.newline(bytes, start, bytes.length));
    }

    @Property(tries = 30)
    void aFileOfManyLinesAcrossTheBuffersIsReadLineForLine(@ForAll("manyLines") List<String> lines) throws Exception {
        String file = String.join("\n", lines) + "\n";
        LineReader reader = new LineReader(new ByteArrayInputStream(bytes(file)), MessageDigest.getInstance("SHA-256"));
        for (String line : lines) assertEquals(line, new String(reader.nextBytes(), StandardCharsets.UTF_8));
        assertNull(reader.nextBytes());
    }

    /** Lines of 0 to 3,000 characters (no surrogate: jqwik picks chars one by one), some with '\n'-like bytes nearby ('\u010A', '\u0A0A'), enough to fill several 64 KiB buffers. */
    @Provide
    Arbitrary<List<String>> manyLines() {
        return Arbitraries.strings().withChars("ab\r\t{}\"北\u010A\u0A0A").ofMaxLength(3_000)
                .map(l -> l.endsWith("\r") ? l + "x" : l).list().ofMinSize(50).ofMaxSize(200);
    }

    private static boolean strictlyDecodes(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Property(tries = 1_000)
    void linesSplitAsBytesAreTheFilesLines(@ForAll("lines") byte[] a, @ForAll("lines") byte[] b) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(a);
        file.write('\n');
        file.writeBytes(b);
        file.writeBytes(bytes("\r\n"));
        LineReader lines = new LineReader(new ByteArrayInputStream(file.toByteArray()), MessageDigest.getInstance("SHA-256"));
        byte[] first = lines.nextBytes();
        boolean bom = a.length >= 3 && (a[0] & 0xff) == 0xEF && (a[1] & 0xff) == 0xBB && (a[2] & 0xff) == 0xBF;
        assertEquals(new String(a, bom ? 3 : 0, a.length - (bom ? 3 : 0), StandardCharsets.ISO_8859_1),
                new String(first, StandardCharsets.ISO_8859_1));
        assertEquals(new String(b, StandardCharsets.ISO_8859_1), new String(lines.nextBytes(), StandardCharsets.ISO_8859_1));
        assertTrue(lines.lastHadNewline());
        assertNull(lines.nextBytes());
        assertEquals(file.size(), lines.bytesRead());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
