package org.lantian.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an evidence file may be: photos (JPEG, PNG, WebP, GIF) and PDF documents, each known by the signature
 * its content starts with. A file's name and declared type are the sender's word; these bytes are the file's.
 */
public enum AttachmentType {
    JPEG("image/jpeg", "jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    GIF("image/gif", "gif", ascii("GIF8")),
    WEBP("image/webp", "webp", ascii("RIFF")),
    PDF("application/pdf", "pdf", ascii("%PDF-"));

    /** How many of a file's first bytes {@link #sniff} needs to decide. */
    public static final int HEAD = 12;

    private final String mediaType;
    private final String extension;
    private final byte[] magic;

    AttachmentType(String mediaType, String extension, byte[] magic) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The type a file's first bytes say it is (at least {@link #HEAD} of them, fewer for a shorter file), or empty. */
    public static Optional<AttachmentType> sniff(byte[] head) {
        for (AttachmentType t : values()) {
            if (!startsWith(head, t.magic)) continue;
            if (t == GIF && !(startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a")))) continue;
            // RIFF is also WAV and AVI: a WebP file says WEBP at bytes 8..11.
            if (t == WEBP && !(head.length >= 12 && Arrays.equals(head, 8, 12, ascii("WEBP"), 0, 4))) continue;
            return Optional.of(t);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The accepted types, for error messages. */
    public static String accepted() {
        return "JPEG, PNG, WebP or GIF images and PDF documents";
    }
}
