package org.lantian.batch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.lantian.domain.Finding;

/**
 * A finding with its sort key and its JSON line, both as UTF-8 bytes, so that the line goes into
 * findings.jsonl without being encoded again. The order within a partition (and of the scorecard's failing
 * findings): measure, rule, subject, submission, then the line itself, so that the same input always gives
 * the same bytes.
 */
record Ranked(Finding finding, byte[] key, byte[] json) {
    static final Comparator<Ranked> ORDER = (a, b) -> compare(a.key, a.json, b.key, b.json);

    static Ranked of(Finding f, byte[] json) {
        return new Ranked(f, key(f), json);
    }

    /**
     * What a partition keeps of a finding until it is written: its sort key and whole line (message and evidence
     * included, for the workbook), and the ranges of it findings.jsonl leaves out ({start, end} pairs, or none).
     */
    record Line(byte[] key, byte[] json, int[] cuts) {
        static final Comparator<Line> ORDER = (a, b) -> compare(a.key, a.json, b.key, b.json);

        /** A line that findings.jsonl writes whole. */
        Line(byte[] key, byte[] json) {
            this(key, json, null);
        }

        /** The line as findings.jsonl has it. */
        void writeTo(java.io.OutputStream out) throws java.io.IOException {
            int at = 0;
            if (cuts != null) {
                for (int i = 0; i < cuts.length; i += 2) {
                    out.write(json, at, cuts[i] - at);
                    at = cuts[i + 1];
                }
            }
            out.write(json, at, json.length - at);
        }

        int nightLength() {
            int n = json.length;
            if (cuts != null) for (int i = 0; i < cuts.length; i += 2) n -= cuts[i + 1] - cuts[i];
            return n;
        }
    }

    /** The line, with its message and evidence marked to be left out of findings.jsonl where the contract says so. */
    Line line() {
        return new Line(key, json, FindingBytes.shortened(finding) ? FindingBytes.cuts(json) : null);
    }

    /** Compares (key, json) pairs byte by byte: UTF-8 bytes sort in code point order. */
    static int compare(byte[] keyA, byte[] jsonA, byte[] keyB, byte[] jsonB) {
        int c = Arrays.compareUnsigned(keyA, keyB);
        return c != 0 ? c : Arrays.compareUnsigned(jsonA, jsonB);
    }

    /**
     * The measure as four big-endian bytes, then rule, subject and submission, each as 0x00 when absent
     * (absent sorts first) or 0x01, its UTF-8 bytes and a 0x00 end (a shorter text sorts before a longer one
     * it begins).
     */
    static byte[] key(Finding f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        int m = f.measure();
        out.write(m >>> 24);
        out.write(m >>> 16);
        out.write(m >>> 8);
        out.write(m);
        text(out, f.rule());
        text(out, f.subject());
        text(out, f.submission());
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        if (s == null) {
            out.write(0);
            return;
        }
        out.write(1);
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
