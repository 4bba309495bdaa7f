package org.lantian.batch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorted runs of findings, one per partition, merged into the night's single order (see {@link Ranked})
 * without holding more than one finding per run in memory.
 */
final class Runs {
    /** A finding as kept in a run: its sort key and its JSON line, in {@link Ranked}'s order. */
    record Line(byte[] key, byte[] json) {
        static final Comparator<Line> ORDER = (a, b) -> Ranked.compare(a.key, a.json, b.key, b.json);
    }

    /** Receives the merged findings in order. */
    interface Sink {
        void accept(Line line) throws IOException;
    }

    private Runs() {
    }

    /** Writes findings already sorted by {@link Ranked#ORDER}. */
    static void write(Path file, List<Ranked> sorted) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (Ranked r : sorted) {
                writeBytes(o, r.key());
                writeBytes(o, r.json());
            }
        }
    }

    private static void writeBytes(DataOutputStream o, byte[] b) throws IOException {
        o.writeInt(b.length);
        o.write(b);
    }

    private static final class Cursor implements AutoCloseable {
        final DataInputStream in;
        Line current;

        Cursor(Path file) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 15));
        }

        boolean advance() throws IOException {
            int keyLength;
            try {
                keyLength = in.readInt();
            } catch (EOFException end) {
                current = null;
                return false;
            }
            byte[] key = new byte[keyLength];
            in.readFully(key);
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            current = new Line(key, json);
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Merges sorted runs into one ordered stream. */
    static void merge(List<Path> runs, Sink sink) throws IOException {
        List<Cursor> cursors = new ArrayList<>();
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Math.max(1, runs.size()), (a, b) -> Line.ORDER.compare(a.current, b.current));
        try {
            for (Path run : runs) {
                Cursor c = new Cursor(run);
                cursors.add(c);
                if (c.advance()) queue.add(c);
            }
            while (!queue.isEmpty()) {
                Cursor c = queue.poll();
                sink.accept(c.current);
                if (c.advance()) queue.add(c);
            }
        } finally {
            for (Cursor c : cursors) c.close();
        }
    }
}
