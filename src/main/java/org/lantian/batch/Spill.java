package org.lantian.batch;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.lantian.domain.Fact;
import org.lantian.input.FactTypes;
import org.lantian.input.IsoDays;

/**
 * The night's valid facts spilled to disk in partitions by {@link Fact#partitionKey()}, so that facts a
 * rule must see together land in the same partition and only one partition is in memory at a time. A
 * fact is kept in a compact binary form ({@link FactCodec}) and bound again from it when its partition is
 * read; a fact loaded from history (given as its stored JSON) is kept as that JSON.
 */
final class Spill implements Closeable {
    /** One spilled fact: its type, where it came from, and either the fact bound again or its JSON (history's). */
    record Entry(int type, Origin origin, byte[] json, Fact fact) {
    }

    private static final byte JSON = 0;
    private static final byte BINARY = 1;

    private final Path dir;
    private final int partitions;
    /** Partitions kept in memory (the night fits the heap's budget) rather than in files. */
    private final boolean inMemory;
    private final BinaryOut[] out;
    private final Map<Class<?>, Integer> typeIndex = new HashMap<>();
    private final List<Class<? extends Fact>> types = FactTypes.all();
    private final FactCodec[] codecs = new FactCodec[types.size()];
    private final ObjectReader[] readers = new ObjectReader[types.size()];
    private final long[] counts;
    /** Each partition file's buffer: together {@link #BUFFERS} at most, 4 to 32 KiB each. */
    private final int buffer;
    private static final int BUFFERS = 16 << 20;
    /** Facts handed to the spill's thread at a time. */
    private static final int BATCH = 1024;
    private final BlockingQueue<List<Pending>> queue = new ArrayBlockingQueue<>(16);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<Void> writer;
    private List<Pending> pending = new ArrayList<>(BATCH);
    private boolean closed;
    private long bytes;

    /** Partitions in files in {@code dir}. */
    Spill(Path dir, int partitions) throws IOException {
        this(dir, partitions, false);
    }

    /** Partitions in memory ({@code inMemory}) or in files in {@code dir}. */
    Spill(Path dir, int partitions, boolean inMemory) throws IOException {
        this.dir = inMemory ? dir : Files.createDirectories(dir);
        this.partitions = partitions;
        this.inMemory = inMemory;
        this.out = new BinaryOut[partitions];
        this.counts = new long[partitions];
        this.buffer = Math.max(4 << 10, Math.min(32 << 10, BUFFERS / partitions));
        for (int i = 0; i < types.size(); i++) {
            typeIndex.put(types.get(i), i);
            codecs[i] = FactCodec.of(types.get(i));
            readers[i] = IsoDays.MAPPER.readerFor(types.get(i));
        }
        this.writer = thread.submit(this::writeQueued);
    }

    /** The partition of a key: a stable hash, so the same night always splits the same way. */
    static int partitionOf(String key, int partitions) {
        return Math.floorMod(key == null ? 0 : key.hashCode() * 0x9E3779B9, partitions);
    }

    /** A fact on its way to its partition's file. */
    private record Pending(int partition, int type, Origin origin, Fact fact, String json) {
    }

    /**
     * Queues a fact for its partition. Encoding and writing happen on the spill's own thread, so that the
     * reading thread only reads and binds.
     */
    void add(Fact fact, Supplier<String> json, Origin origin) throws IOException {
        int type = typeIndex.get(fact.getClass());
        boolean binary = codecs[type] != null;
        add(fact.partitionKey(), type, origin, binary ? fact : null, binary ? null : json.get());
    }

    /** Queues a fact given as its partition key, type and JSON (a fact loaded from history). */
    void add(String partitionKey, Class<? extends Fact> type, String json, Origin origin) throws IOException {
        add(partitionKey, typeIndex.get(type), origin, null, json);
    }

    private void add(String partitionKey, int type, Origin origin, Fact fact, String json) throws IOException {
        int p = partitionOf(partitionKey, partitions);
        counts[p]++;
        pending.add(new Pending(p, type, origin, fact, json));
        if (pending.size() == BATCH) handOver();
    }

    private void handOver() throws IOException {
        Tasks.handOver(queue, pending, writer);
        pending = new ArrayList<>(BATCH);
        if (writer.isDone()) Tasks.await(writer); // it failed: say why
    }

    private Void writeQueued() throws IOException, InterruptedException {
        for (List<Pending> batch; !(batch = queue.take()).isEmpty(); ) {
            for (Pending f : batch) write(f);
        }
        for (int p = 0; p < partitions; p++) {
            if (out[p] != null) {
                out[p].close();
                bytes += out[p].bytes();
            }
            if (!inMemory) out[p] = null; // a closed file's buffer: let the partitions' buffers go before evaluating
        }
        return null;
    }

    private void write(Pending f) throws IOException {
        BinaryOut o = out[f.partition()];
        if (o == null) {
            o = out[f.partition()] = inMemory ? BinaryOut.inMemory() : BinaryOut.toFile(Files.newOutputStream(file(f.partition())), buffer);
        }
        o.begin();
        o.writeShort(f.type());
        o.writeInt(f.origin().file());
        o.writeLong(f.origin().line());
        o.writeBoolean(f.origin().bare());
        writeString(o, f.origin().submission());
        if (f.fact() != null) {
            o.writeByte(BINARY);
            codecs[f.type()].write(o, f.fact());
        } else {
            o.writeByte(JSON);
            byte[] bytes = f.json().getBytes(StandardCharsets.UTF_8);
            o.writeInt(bytes.length);
            o.write(bytes);
        }
    }

    int partitions() {
        return partitions;
    }

    /** The bytes spilled, in memory or in files (once closed). */
    long bytes() {
        return bytes;
    }

    long count(int partition) {
        return counts[partition];
    }

    List<Class<? extends Fact>> types() {
        return types;
    }

    /**
     * Reads one partition back, in the order its facts were read: the facts bound again, history's as JSON. A
     * partition in memory is let go as it is read.
     */
    List<Entry> read(int partition) throws IOException {
        List<Entry> entries = new ArrayList<>((int) Math.min(counts[partition], Integer.MAX_VALUE - 8));
        if (counts[partition] == 0) return entries;
        byte[] bytes; // a partition is a few MiB
        if (inMemory) {
            bytes = out[partition].take();
            out[partition] = null;
        } else {
            bytes = Files.readAllBytes(file(partition));
        }
        read(ByteBuffer.wrap(bytes), entries);
        return entries;
    }

    private void read(ByteBuffer in, List<Entry> entries) {
        Recurring recurring = new Recurring();
        while (in.hasRemaining()) {
            int type = in.getShort();
            int file = in.getInt();
            long line = in.getLong();
            boolean bare = in.get() != 0;
            int n = in.getInt();
            String submission = n < 0 ? null : recurring.text(Recurring.SUBMISSION, in, n);
            Origin origin = new Origin(file, line, submission, bare);
            if (in.get() == BINARY) {
                entries.add(new Entry(type, origin, null, (Fact) codecs[type].read(in, recurring)));
            } else {
                byte[] json = new byte[in.getInt()];
                in.get(json);
                entries.add(new Entry(type, origin, json, null));
            }
        }
    }

    /** The fact of an entry: as read back, or bound from its JSON. */
    Fact fact(Entry e) throws IOException {
        return e.fact() != null ? e.fact() : readers[e.type()].readValue(e.json());
    }

    void delete(int partition) throws IOException {
        if (!inMemory) Files.deleteIfExists(file(partition));
    }

    private Path file(int p) {
        return dir.resolve(String.format("part-%04d.bin", p));
    }

    static void writeString(BinaryOut o, String s) throws IOException {
        if (s == null) o.writeInt(-1);
        else o.writeUtf8(s);
    }

    /** Writes what is queued and closes the partition files; after this the partitions can be read. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (!pending.isEmpty()) handOver();
            pending = List.of();
            handOver(); // the empty batch: the end
            Tasks.await(writer);
        } finally {
            thread.shutdownNow();
        }
    }
}
