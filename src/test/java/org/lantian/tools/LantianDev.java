package org.lantian.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.lantian.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tools/lantian-dev}: the development tools, kept out of the product jar and {@code lantian --help}:
 * the synthetic night generator, the batch, history and workbook benchmarks and the HTTP load test.
 */
@Command(name = "lantian-dev", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "lantian-dev 0.1.0",
        description = "Lantian's development tools: generate a synthetic night, benchmark the batch, load-test the API.",
        subcommands = {GenerateCommand.class, BenchCommand.class, HistoryBenchCommand.class, org.lantian.batch.WorkbookBenchCommand.class,
                LoadTestCommand.class, CommandLine.HelpCommand.class})
public final class LantianDev {
    public static void main(String[] args) {
        System.exit(Main.run(new LantianDev(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** The exit code and what went to standard output and standard error (tests run the tools in their JVM). */
    public record Run(int code, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new LantianDev(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
