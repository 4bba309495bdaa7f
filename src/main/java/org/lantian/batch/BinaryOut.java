package org.lantian.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition's spilled bytes as they are written, big-endian as {@link ByteBuffer} reads them back, through a
 * buffer: either into the partition's file, or kept in memory outside the heap, in chunks each as full as the
 * buffer was. Kept on the heap, a night's chunks (half its input bytes) would be copied by every young collection
 * until promoted (under the batch's parallel collector that cost more than the files' writes saved); outside it,
 * the collector never sees them, and each chunk is freed as soon as its partition is read ({@link #free()}).
 * A record is begun with {@link #begin()}; a full buffer's finished records leave it, the rest stays.
 */
final class BinaryOut {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** In memory: the buffer's first size, doubled up to {@link #CHUNK} (a small partition holds little unused). */
    private static final int FIRST_CHUNK = 4 << 10;
    static final int CHUNK = 64 << 10;

    private byte[] buf;
    private int pos;
    /** Where the record being written began. */
    private int mark;
    private final OutputStream file;
    private final List<ByteBuffer> chunks;
    private long bytes;

    private BinaryOut(OutputStream file, int buffer) {
        this.file = file;
        this.chunks = file == null ? new ArrayList<>() : null;
        this.buf = new byte[buffer];
    }

    /** Bytes kept in memory, read back with {@link #chunks()}. */
    static BinaryOut inMemory() {
        return new BinaryOut(null, FIRST_CHUNK);
    }

    /** Bytes written into a file through a buffer of this size. */
    static BinaryOut toFile(OutputStream file, int buffer) {
        return new BinaryOut(file, buffer);
    }

    /** Starts a record: the bytes written before it may leave the buffer. */
    void begin() {
        mark = pos;
    }

    void writeByte(int v) throws IOException {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void writeBoolean(boolean v) throws IOException {
        writeByte(v ? 1 : 0);
    }

    void writeShort(int v) throws IOException {
        ensure(2);
        SHORT.set(buf, pos, (short) v);
        pos += 2;
    }

    void writeInt(int v) throws IOException {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
    }

    void writeLong(long v) throws IOException {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
    }

    void write(byte[] b) throws IOException {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /**
     * A text as its UTF-8 bytes' count (an int) and the bytes, as {@code s.getBytes(UTF_8)} gives them (an unpaired
     * surrogate as '?').
     */
    void writeUtf8(String s) throws IOException {
        // The JDK's own encoder: for an ASCII text (most of a night's) a vectorised check and a copy, not a loop over chars.
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ensure(4 + utf8.length);
        INT.set(buf, pos, utf8.length);
        System.arraycopy(utf8, 0, buf, pos + 4, utf8.length);
        pos += 4 + utf8.length;
    }

    /** Room for n more bytes: a full buffer's finished records go to the file, or stay as a chunk in memory. */
    private void ensure(int n) throws IOException {
        if (pos + n <= buf.length) return;
        int partial = pos - mark;
        byte[] next = buf;
        if (file != null) {
            file.write(buf, 0, mark);
            if (partial + n > buf.length) next = new byte[Math.max(2 * buf.length, partial + n)];
        } else {
            keep(mark);
            if (partial + n > buf.length || buf.length < CHUNK) next = new byte[Math.max(Math.min(2 * buf.length, CHUNK), partial + n)];
        }
        bytes += mark;
        System.arraycopy(buf, mark, next, 0, partial);
        buf = next;
        pos = partial;
        mark = 0;
    }

    /** Keeps the buffer's first n bytes as a chunk outside the heap. */
    private void keep(int n) {
        if (n == 0) return;
        chunks.add(ByteBuffer.allocateDirect(n).put(buf, 0, n).flip());
    }

    /** Ends the writing: the rest goes to the file (which is closed) or becomes the last chunk. */
    void close() throws IOException {
        if (buf == null) return;
        if (file != null) {
            file.write(buf, 0, pos);
            file.close();
        } else {
            keep(pos);
        }
        bytes += pos;
        buf = null;
    }

    /** The bytes kept in memory as one array (once closed), then frees them: they can be read once. */
    byte[] take() {
        byte[] all = new byte[Math.toIntExact(bytes)];
        int at = 0;
        for (ByteBuffer c : chunks) {
            int n = c.remaining();
            c.get(all, at, n);
            at += n;
        }
        free();
        return all;
    }

    /** Frees the chunks kept in memory now rather than when the collector finds them unreachable. */
    void free() {
        for (ByteBuffer c : chunks) Cleaner.free(c);
        chunks.clear();
    }

    /**
     * Frees a direct buffer at once ({@code sun.misc.Unsafe.invokeCleaner}, the JDK's supported way since Java 9). Without
     * it a chunk that outlived a few young collections would be freed only by a full collection, which a night may not
     * have: its memory would stay taken to the night's end. Where it is unavailable the collector frees them.
     */
    private static final class Cleaner {
        private static final java.lang.invoke.MethodHandle INVOKE = invoker();

        private static java.lang.invoke.MethodHandle invoker() {
            try {
                Class<?> unsafe = Class.forName("sun.misc.Unsafe");
                java.lang.reflect.Field f = unsafe.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                return MethodHandles.lookup().findVirtual(unsafe, "invokeCleaner",
                        java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class)).bindTo(f.get(null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        static void free(ByteBuffer direct) {
            if (INVOKE == null) return;
            try {
                INVOKE.invokeExact(direct);
            } catch (Throwable e) {
                // left to the collector
            }
        }
    }

    /** The bytes written (once closed). */
    long bytes() {
        return bytes;
    }
}
