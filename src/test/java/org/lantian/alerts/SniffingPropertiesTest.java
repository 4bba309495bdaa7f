package org.lantian.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lantian.store.AttachmentType;

/** An evidence file's type is what its first bytes say, whatever follows and whatever it is called. */
class SniffingPropertiesTest {
    static final byte[][] SIGNATURES = {
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            "GIF89a".getBytes(StandardCharsets.US_ASCII),
            "GIF87a".getBytes(StandardCharsets.US_ASCII),
            "%PDF-".getBytes(StandardCharsets.US_ASCII)};
    static final AttachmentType[] TYPES = {AttachmentType.JPEG, AttachmentType.PNG, AttachmentType.GIF, AttachmentType.GIF, AttachmentType.PDF};

    @Provide
    Arbitrary<byte[]> tails() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(64);
    }

    @Property(tries = 2000)
    void aSignatureDecidesWhateverFollows(@ForAll("tails") byte[] tail, @ForAll("signature") int which) {
        byte[] file = concat(SIGNATURES[which], tail);
        assertEquals(Optional.of(TYPES[which]), AttachmentType.sniff(Arrays.copyOf(file, Math.min(file.length, AttachmentType.HEAD))));
    }

    @Provide
    Arbitrary<Integer> signature() {
        return Arbitraries.integers().between(0, SIGNATURES.length - 1);
    }

    @Property(tries = 2000)
    void aWebpIsARiffThatSaysWebp(@ForAll("tails") byte[] tail, @ForAll byte[] size) {
        byte[] riff = concat("RIFF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(size, 4));
        assertEquals(Optional.of(AttachmentType.WEBP), AttachmentType.sniff(concat(concat(riff, "WEBP".getBytes(StandardCharsets.US_ASCII)), tail)));
        // A RIFF that is a WAV or an AVI is none of ours.
        assertEquals(Optional.empty(), AttachmentType.sniff(concat(concat(riff, "WAVE".getBytes(StandardCharsets.US_ASCII)), tail)));
    }

    /** Whatever it decides, the file does start with that type's signature; and nothing else is taken. */
    @Property(tries = 5000)
    void nothingIsTakenThatDoesNotStartWithASignature(@ForAll("anything") byte[] file) {
        Optional<AttachmentType> t = AttachmentType.sniff(file);
        boolean signed = false;
        for (int i = 0; i < SIGNATURES.length; i++) {
            if (startsWith(file, SIGNATURES[i])) {
                signed = true;
                assertEquals(Optional.of(TYPES[i]), t);
            }
        }
        if (!signed && t.isPresent()) {
            assertEquals(AttachmentType.WEBP, t.get());
            assertTrue(startsWith(file, "RIFF".getBytes(StandardCharsets.US_ASCII)) && file.length >= 12
                    && Arrays.equals(file, 8, 12, "WEBP".getBytes(StandardCharsets.US_ASCII), 0, 4));
        }
    }

    /** Random bytes, and often the first bytes of programs, web pages and archives that pose as photos. */
    @Provide
    Arbitrary<byte[]> anything() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(AttachmentType.HEAD);
        Arbitrary<byte[]> posing = Arbitraries.of("MZ\u0090\u0000", "\u007FELF", "<html>", "<?xml ", "<svg ", "PK\u0003\u0004", "#!/bin/sh",
                        "\u00FF\u00D8", "\u0089PNG", "GIF8", "%PDF", "RIFF")
                .map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(random, posing);
    }

    static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
