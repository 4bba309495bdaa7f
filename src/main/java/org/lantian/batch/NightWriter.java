package org.lantian.batch;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lantian.Json;
import org.lantian.domain.Finding;

/**
 * Writes a night's output files into the work folder: findings.jsonl as the evaluated partitions are handed
 * in; on a thread of its own the workbook, whose findings sheet fills from the first
 * {@link XlsxReport#FINDING_ROWS} findings while the night is still being evaluated and whose scorecard
 * sheets follow once the report is known; and then report.html and report.json.
 */
final class NightWriter implements AutoCloseable {
    private static final Object NO_MORE = new Object();

    private final Path work;
    private final Compression compression;
    private final OutputStream findings;
    private final BlockingQueue<Object> toWorkbook = new ArrayBlockingQueue<>(4096);
    private final CompletableFuture<NightReport> report = new CompletableFuture<>();
    private final ExecutorService side = Executors.newSingleThreadExecutor();
    private final Future<?> workbook;
    private long written;
    private long bytes;

    NightWriter(Path work) throws IOException {
        this(work, Compression.NONE);
    }

    NightWriter(Path work, Compression compression) throws IOException {
        this.work = work;
        this.compression = compression;
        this.findings = new BufferedOutputStream(compression.open(Files.newOutputStream(work.resolve(compression.file()))), 1 << 16);
        this.workbook = side.submit(this::writeWorkbook);
    }

    /**
     * Appends findings (already in their order) to findings.jsonl as its contract has them, and the first ones,
     * whole, to the workbook.
     */
    void write(List<Ranked.Line> lines) throws IOException {
        for (Ranked.Line line : lines) {
            line.writeTo(findings);
            findings.write('\n');
            bytes += line.nightLength() + 1;
            if (written < XlsxReport.FINDING_ROWS) handOver(line.json());
            if (++written == XlsxReport.FINDING_ROWS) handOver(NO_MORE);
        }
    }

    /** The bytes of findings.jsonl, uncompressed. */
    long findingsBytes() {
        return bytes;
    }

    /** Closes findings.jsonl and writes the report files; returns when all are written. */
    void finish(NightReport night) throws IOException {
        findings.close();
        if (written < XlsxReport.FINDING_ROWS) handOver(NO_MORE);
        report.complete(night);
        // The HTML page and report.json are written here while the workbook is finished on its own thread.
        Files.writeString(work.resolve("report.html"), HtmlReport.render(night));
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(work.resolve("report.json").toFile(), night);
        Tasks.await(workbook);
    }

    private Void writeWorkbook() throws Exception {
        try (XlsxReport xlsx = new XlsxReport()) {
            ObjectReader reader = Json.MAPPER.readerFor(Finding.class);
            for (Object json; (json = toWorkbook.take()) != NO_MORE; ) xlsx.finding(reader.readValue((byte[]) json));
            xlsx.finish(report.get());
            try (OutputStream x = Files.newOutputStream(work.resolve("report.xlsx"))) {
                xlsx.write(x);
            }
        }
        return null;
    }

    private void handOver(Object item) throws IOException {
        Tasks.handOver(toWorkbook, item, workbook);
    }

    /** Stops the workbook's thread (after a failure: its files are not published) and closes findings.jsonl. */
    @Override
    public void close() throws IOException {
        side.shutdownNow();
        findings.close();
    }
}
