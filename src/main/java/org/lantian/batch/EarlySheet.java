package org.lantian.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * A worksheet's part of report.xlsx deflated before the workbook is written. The findings sheet is full (its
 * first {@link XlsxReport#FINDING_ROWS} findings) long before the night ends, and deflating its ~90 MB of XML was
 * most of what the night's end waited for. It is deflated as commons-compress deflates an entry for POI (the
 * workbook's level, raw deflate, fed without flushing: the bytes do not depend on how the input is cut), behind
 * the beginning POI writes for the sheet's part ({@link #prefix}, foreseen). When the workbook is written, POI
 * writes it with that part's rows left out, and {@link #splice} puts the part in: its deflated bytes, its CRC and
 * sizes in the entry's data descriptor and the central directory, the later entries moved. Where POI's beginning is
 * not the one foreseen, the part is deflated again whole; where the file is not laid out as expected (ZIP64, no data
 * descriptor), POI writes the workbook itself. Either way the bytes are POI's (EarlySheetTest).
 */
final class EarlySheet {
    /** The most deflated bytes kept in memory: past it the sheet is left to POI. */
    private static final int MAX_DEFLATED = 64 << 20;
    /** How much commons-compress hands its deflater at a time. */
    private static final int BLOCK = 8192;
    private static final long MAX_32 = 0xFFFFFFFFL;
    private static final byte[] EMPTY_DATA = "<sheetData>\n</sheetData>".getBytes(StandardCharsets.US_ASCII);

    /**
     * The beginning of the findings sheet's part as POI writes it, up to its rows: its dimension (thirteen columns,
     * {@code lastRow} rows, the note included), the frozen header row.
     */
    static byte[] prefix(int lastRow) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<dimension ref=\"A1:M" + lastRow + "\"/><sheetViews><sheetView workbookViewId=\"0\" tabSelected=\"true\">"
                + "<pane ySplit=\"1.0\" state=\"frozen\" topLeftCell=\"A2\" activePane=\"bottomLeft\"/><selection pane=\"bottomLeft\"/>"
                + "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15.0\"/><sheetData>\n").getBytes(StandardCharsets.UTF_8);
    }

    final SXSSFSheet sheet;
    final XlsxReport.SheetWriter writer;
    private final byte[] prefix;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final CRC32 crc = new CRC32();
    private final ByteArrayOutputStream deflated = new ByteArrayOutputStream(1 << 20);
    private final byte[] chunk = new byte[1 << 16];
    /** The bytes of the part taken. */
    private long size;
    /** The bytes of the sheet's file taken. */
    private long read;

    EarlySheet(SXSSFSheet sheet, XlsxReport.SheetWriter writer, byte[] prefix) {
        this.sheet = sheet;
        this.writer = writer;
        this.prefix = prefix;
        take(prefix, 0, prefix.length);
    }

    /** Deflates what the sheet's file holds beyond what was taken; false when the deflated bytes grew too many to keep. */
    boolean takeFile() throws IOException {
        try (FileChannel file = FileChannel.open(writer.file().toPath(), StandardOpenOption.READ)) {
            file.position(read);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (int n; (n = file.read(buffer.clear())) > 0; ) {
                take(buffer.array(), 0, n);
                read += n;
            }
        }
        return deflated.size() <= MAX_DEFLATED;
    }

    private void take(byte[] b, int off, int len) {
        crc.update(b, off, len);
        size += len;
        for (int at = off, end = off + len; at < end; at += BLOCK) {
            deflater.setInput(b, at, Math.min(BLOCK, end - at));
            while (!deflater.needsInput()) drain();
        }
    }

    private void drain() {
        int n = deflater.deflate(chunk, 0, chunk.length);
        if (n > 0) deflated.write(chunk, 0, n);
    }

    /** Starts again behind another beginning. */
    private void restart(byte[] begin) {
        deflater.reset();
        crc.reset();
        deflated.reset();
        size = 0;
        read = 0;
        take(begin, 0, begin.length);
    }

    void end() {
        deflater.end();
    }

    /**
     * Writes {@code zip} (a workbook as POI wrote it with the sheet's part {@code name} without its rows) to
     * {@code out} with the part whole; false, with nothing written, when the file is not laid out as expected.
     */
    boolean splice(byte[] zip, String name, OutputStream out) throws IOException {
        // The end of central directory (POI writes no comment), then the central directory's entry of the part.
        int eocd = zip.length - 22;
        if (eocd < 0 || u32(zip, eocd) != 0x06054b50L) return false;
        int entries = u16(zip, eocd + 10);
        long cdSize = u32(zip, eocd + 12);
        long cdOffset = u32(zip, eocd + 16);
        if (cdOffset + cdSize != eocd) return false; // a ZIP64 end record between
        int cd = (int) cdOffset;
        int target = -1;
        long local = -1;
        for (int i = 0, p = cd; i < entries; i++) {
            if (p + 46 > eocd || u32(zip, p) != 0x02014b50L) return false;
            int nameLength = u16(zip, p + 28);
            int extra = u16(zip, p + 30);
            int comment = u16(zip, p + 32);
            if (new String(zip, p + 46, nameLength, StandardCharsets.UTF_8).equals(name)) {
                if (extra != 0 || target >= 0) return false;
                target = p;
                local = u32(zip, p + 42);
            }
            p += 46 + nameLength + extra + comment;
        }
        if (target < 0) return false;
        int lfh = (int) local;
        if (u32(zip, lfh) != 0x04034b50L || (u16(zip, lfh + 6) & 8) == 0 || u16(zip, lfh + 8) != Deflater.DEFLATED) return false;
        int dataStart = lfh + 30 + u16(zip, lfh + 26) + u16(zip, lfh + 28);
        int oldCompressed = (int) u32(zip, target + 20);
        int descriptor = dataStart + oldCompressed;
        long after = cd; // the next entry, or the central directory
        for (int i = 0, p = cd; i < entries; i++) {
            long at = u32(zip, p + 42);
            if (at > local) after = Math.min(after, at);
            p += 46 + u16(zip, p + 28) + u16(zip, p + 30) + u16(zip, p + 32);
        }
        // The data descriptor: its sizes in 4 bytes, or in 8 where the local header has a ZIP64 field.
        int wide = (int) (after - descriptor - 16);
        if (descriptor + 16 > cd || u32(zip, descriptor) != 0x08074b50L || wide != 0 && wide != 8) return false;

        // The part without its rows: POI's beginning, and its end behind the rows.
        byte[] placeholder = inflate(zip, dataStart, oldCompressed, u32(zip, target + 24));
        if (placeholder == null) return false;
        int cut = indexOf(placeholder, EMPTY_DATA);
        if (cut < 0) return false;
        cut += "<sheetData>\n".length();
        byte[] begin = Arrays.copyOf(placeholder, cut);
        if (!Arrays.equals(begin, prefix)) restart(begin);
        if (!takeFile()) return false;
        take(placeholder, cut, placeholder.length - cut);
        deflater.finish();
        while (!deflater.finished()) drain();
        long compressed = deflated.size();
        long delta = compressed - oldCompressed;
        if (size >= MAX_32 || compressed >= MAX_32 || cdOffset + delta >= MAX_32 || cdSize + cdOffset + delta >= MAX_32) return false;

        out.write(zip, 0, dataStart);
        deflated.writeTo(out);
        byte[] d = Arrays.copyOfRange(zip, descriptor, (int) after);
        put32(d, 4, crc.getValue());
        if (wide == 0) {
            put32(d, 8, compressed);
            put32(d, 12, size);
        } else {
            put64(d, 8, compressed);
            put64(d, 16, size);
        }
        out.write(d);
        out.write(zip, (int) after, cd - (int) after);
        byte[] tail = Arrays.copyOfRange(zip, cd, zip.length);
        for (int i = 0, p = 0; i < entries; i++) {
            if (p + cd == target) {
                put32(tail, p + 16, crc.getValue());
                put32(tail, p + 20, compressed);
                put32(tail, p + 24, size);
            }
            long at = u32(tail, p + 42);
            if (at > local) put32(tail, p + 42, at + delta);
            p += 46 + u16(tail, p + 28) + u16(tail, p + 30) + u16(tail, p + 32);
        }
        put32(tail, tail.length - 22 + 16, cdOffset + delta);
        out.write(tail);
        return true;
    }

    private static byte[] inflate(byte[] zip, int from, int length, long size) {
        if (size > (1 << 24)) return null;
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(zip, from, length);
            byte[] b = new byte[(int) size];
            int n = 0;
            while (n < b.length && !inflater.finished()) {
                int got = inflater.inflate(b, n, b.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) return null;
                n += got;
            }
            return n == b.length ? b : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) if (b[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & MAX_32;
    }

    private static void put64(byte[] b, int at, long v) {
        put32(b, at, v);
        put32(b, at + 4, v >>> 32);
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }
}
