package org.lantian.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.lantian.batch.Registers;
import org.lantian.pack.RulePack;
import org.lantian.cli.Main;
import org.lantian.cli.Output;
import org.lantian.cli.PackOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lantian generate}: a realistic, deterministic synthetic night as JSON Lines (for tests and the benchmark). */
@Command(name = "generate", description = "Write a deterministic synthetic night of records (JSON Lines) for the batch.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--records", paramLabel = "N", required = true, description = "How many records.")
    long records;

    @Option(names = "--as-of", paramLabel = "DATE", required = true, description = "The night's date YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}); the same seed gives the same file.")
    long seed;

    @Option(names = "--violations", paramLabel = "SHARE", defaultValue = "0.1", description = "Share of facts that break a target (default: ${DEFAULT-VALUE}).")
    double violations;

    @Option(names = "--malformed", paramLabel = "SHARE", defaultValue = "0.001", description = "Share of broken lines (default: ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The JSON Lines file to write.")
    Path out;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        if (records < 1) throw new Main.UserError("--records: expected a positive number, found " + records);
        RulePack rules = RulePack.load(pack.dir());
        Registers registers = Registers.load(pack.dir(), rules.ledger());
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        long n = new NightGenerator(new NightGenerator.Options(records, date, seed, violations, malformed), registers).write(out);
        output.err().printf("generate: %,d records for %s (seed %d) in %s%n", n, date, seed, out);
        return Main.OK;
    }
}
