package org.lantian.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.lantian.Json;
import org.lantian.domain.Finding;

/**
 * Writes a night's output files into the work folder: findings.jsonl's lines as the evaluated partitions are
 * handed in (into {@link #BODY}, which becomes findings.jsonl behind its header line at the end); on a thread of its own the workbook, whose findings sheet fills from the first
 * {@link XlsxReport#FINDING_ROWS} findings while the night is still being evaluated and whose scorecard
 * sheets follow once the report is known; and then report.html and report.json. The workbook takes its rows at
 * its own pace: they wait for it (at most {@link XlsxReport#FINDING_ROWS} findings, without their evidence) rather
 * than hold up findings.jsonl and the partitions evaluated ahead of it.
 */
final class NightWriter implements AutoCloseable {
    private static final Object NO_MORE = new Object();

    /** Where findings.jsonl's lines are written until its header is known. */
    static final String BODY = "findings.jsonl.body";

    private final Path work;
    private final Compression compression;
    private final boolean whole;
    private final OutputStream findings;
    private final FindingLines lines;
    /** Blocks of the workbook's findings (lists), then {@link #NO_MORE}; never full, it holds FINDING_ROWS findings at most. */
    private final BlockingQueue<Object> toWorkbook = new LinkedBlockingQueue<>();
    private final CompletableFuture<NightReport> report = new CompletableFuture<>();
    /** The workbook's thread, and at the end that of report.html and report.json. */
    private final ExecutorService side = Executors.newFixedThreadPool(2);
    private final Future<?> workbook;
    private long written;
    private long bytes;
    /** The bytes written into findings.jsonl's lines (before compression). */
    private long counted;

    /** {@code whole}: every finding whole, one a line, no header ({@code --all-messages}). */
    NightWriter(Path work, Compression compression, boolean whole) throws IOException {
        this.work = work;
        this.compression = compression;
        this.whole = whole;
        this.findings = new BufferedOutputStream(new Counting(whole ? compression.open(Files.newOutputStream(work.resolve(compression.file())))
                : Files.newOutputStream(work.resolve(BODY))), 1 << 16);
        this.lines = new FindingLines(findings, whole);
        this.workbook = side.submit(this::writeWorkbook);
    }

    /**
     * Appends a block of findings (already in their order) to findings.jsonl as its contract has them, and the
     * first ones, in the file's order, to the workbook.
     */
    void write(List<Ranked> block) throws IOException {
        if (written >= XlsxReport.FINDING_ROWS) {
            lines.write(block, null);
            return;
        }
        List<Finding> rows = new ArrayList<>((int) Math.min(block.size(), XlsxReport.FINDING_ROWS - written));
        lines.write(block, f -> {
            if (rows.size() < XlsxReport.FINDING_ROWS - written) rows.add(withoutEvidence(f));
        });
        written += rows.size();
        if (!rows.isEmpty()) toWorkbook.add(rows);
        if (written == XlsxReport.FINDING_ROWS) toWorkbook.add(NO_MORE);
    }

    /** What the workbook's row needs of a finding: its evidence, the bulk of a finding, may go. */
    private static Finding withoutEvidence(Finding f) {
        return f.evidence() == null ? f : new Finding(f.measure(), f.rule(), f.subject(), f.subjectType(), f.status(),
                f.observed(), f.target(), f.units(), f.message(), f.deadline(), f.period(), f.submission(), f.waiver(), null);
    }

    /** The bytes of findings.jsonl, uncompressed. */
    long findingsBytes() {
        return bytes;
    }

    /**
     * Closes findings.jsonl and writes the report files; returns when all are written. The workbook is finished
     * on its thread, and report.html and report.json are written on another, while findings.jsonl is put
     * together here.
     */
    void finish(NightReport night) throws IOException {
        if (written < XlsxReport.FINDING_ROWS) toWorkbook.add(NO_MORE);
        report.complete(night);
        Future<?> reports = side.submit(() -> {
            Files.writeString(work.resolve("report.html"), HtmlReport.render(night));
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(work.resolve("report.json").toFile(), night);
            return null;
        });
        lines.flush();
        findings.close();
        if (!whole) {
            // findings.jsonl: the header, then the lines written so far.
            Path body = work.resolve(BODY);
            var header = new java.io.ByteArrayOutputStream();
            lines.header(header);
            bytes = header.size() + Files.size(body);
            if (compression == Compression.NONE) {
                // The header goes before the lines already written: the body is appended by the kernel, not copied through the heap.
                try (FileChannel file = FileChannel.open(work.resolve(compression.file()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                     FileChannel from = FileChannel.open(body, StandardOpenOption.READ)) {
                    file.write(ByteBuffer.wrap(header.toByteArray()));
                    for (long at = 0, size = from.size(); at < size; ) at += from.transferTo(at, size - at, file);
                }
            } else {
                try (OutputStream file = new BufferedOutputStream(compression.open(Files.newOutputStream(work.resolve(compression.file()))), 1 << 16)) {
                    header.writeTo(file);
                    Files.copy(body, file);
                }
            }
            Files.delete(body);
        } else {
            bytes = counted;
        }
        Tasks.await(reports);
        Tasks.await(workbook);
    }

    @SuppressWarnings("unchecked")
    private Void writeWorkbook() throws Exception {
        try (XlsxReport xlsx = new XlsxReport()) {
            for (Object rows; (rows = toWorkbook.take()) != NO_MORE; ) {
                for (Finding f : (List<Finding>) rows) xlsx.finding(f);
            }
            xlsx.finish(report.get());
            try (OutputStream x = Files.newOutputStream(work.resolve("report.xlsx"))) {
                xlsx.write(x);
            }
        }
        return null;
    }

    /** Counts the bytes of findings.jsonl's lines on their way to the file (or to its compression). */
    private final class Counting extends java.io.FilterOutputStream {
        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            counted++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            counted += len;
        }
    }

    /** Stops the workbook's thread (after a failure: its files are not published) and closes findings.jsonl. */
    @Override
    public void close() throws IOException {
        side.shutdownNow();
        findings.close();
    }
}
