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
import org.lantian.domain.Finding;

/**
 * Sorted runs of findings, one per partition, merged into the night's single order (see {@link Ranked})
 * without holding more than one finding per run in memory.
 */
final class Runs {
    /** A finding as kept in a run: its sort key and its JSON line. */
    record Line(int measure, String rule, String subject, String submission, String json) {
        static final Comparator<Line> ORDER = Comparator.comparingInt(Line::measure)
                .thenComparing(Line::rule)
                .thenComparing(Line::subject, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Line::submission, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Line::json);
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
                Finding f = r.finding();
                o.writeInt(f.measure());
                Spill.writeString(o, f.rule());
                Spill.writeString(o, f.subject());
                Spill.writeString(o, f.submission());
                Spill.writeString(o, r.json());
            }
        }
    }

    private static final class Cursor implements AutoCloseable {
        final DataInputStream in;
        Line current;

        Cursor(Path file) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 15));
        }

        boolean advance() throws IOException {
            int measure;
            try {
                measure = in.readInt();
            } catch (EOFException end) {
                current = null;
                return false;
            }
            current = new Line(measure, Spill.readString(in), Spill.readString(in), Spill.readString(in), Spill.readString(in));
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
