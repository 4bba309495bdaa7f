package org.lantian.batch;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lantian.Json;
import org.lantian.cli.Main;
import org.lantian.cli.Output;
import org.lantian.domain.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tools/lantian-dev bench-workbook}: the night's workbook alone, its findings sheet filled with a night's findings
 * and written, again and again in one JVM; the fastest run is what the workbook costs a night (it runs beside the
 * evaluation, on a thread of its own, and a small night waits for it).
 */
@Command(name = "bench-workbook", description = "Time report.xlsx alone: its findings sheet filled with a night's findings and written.")
public final class WorkbookBenchCommand implements Callable<Integer> {
    @Option(names = "--findings", paramLabel = "FILE", required = true,
            description = "A findings.jsonl written with --all-messages (one whole finding a line).")
    Path findings;

    @Option(names = "--repeat", defaultValue = "12", description = "Runs (default ${DEFAULT-VALUE}); the first ones warm the JIT up.")
    int repeat;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        List<Finding> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(findings)) {
            for (String line; (line = r.readLine()) != null && rows.size() < XlsxReport.FINDING_ROWS; ) {
                if (!line.startsWith("{\"measure\"")) {
                    throw new Main.UserError(findings + ": not a findings.jsonl written with --all-messages (a line begins " + line.substring(0, Math.min(30, line.length())) + ")");
                }
                rows.add(Json.MAPPER.readValue(line, Finding.class));
            }
        }
        Path out = Files.createTempFile("lantian-bench-workbook-", ".xlsx");
        long best = Long.MAX_VALUE;
        try {
            for (int i = 1; i <= repeat; i++) {
                long start = System.nanoTime();
                try (XlsxReport xlsx = new XlsxReport(); OutputStream o = Files.newOutputStream(out)) {
                    for (Finding f : rows) xlsx.finding(f);
                    xlsx.write(o);
                }
                long nanos = System.nanoTime() - start;
                best = Math.min(best, nanos);
                output.err().printf("bench-workbook: run %d: %,d finding rows in %.3f s%n", i, rows.size(), nanos / 1e9);
            }
        } finally {
            Files.deleteIfExists(out);
        }
        output.out().printf("workbook    %,d finding rows in %.3f s (fastest of %d), %.1f µs a row%n", rows.size(), best / 1e9, repeat,
                best / 1e3 / rows.size());
        return Main.OK;
    }
}
