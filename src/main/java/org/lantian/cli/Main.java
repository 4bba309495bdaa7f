package org.lantian.cli;

import java.io.PrintWriter;
import org.lantian.engine.EvaluationFailedException;
import org.lantian.input.InvalidInputException;
import org.lantian.pack.PackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lantian}: the command line. Exit codes: 0 no FAIL, 1 a FAIL (or a failed pack test), 2 bad input, usage or pack. */
// scope INHERIT: every subcommand answers --help and --version too.
@Command(name = "lantian", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "lantian 0.1.0",
        description = "Checks air-pollution task ledger compliance with Drools rules.",
        subcommands = {CheckCommand.class, TestCommand.class, LedgerCommand.class, ServeCommand.class,
                TokenCommand.class, BatchCommand.class, BulletinCommand.class, CasesCommand.class, WaiverCommand.class,
                WebhookCommand.class,
                ImpactCommand.class, ExplainCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;
    public static final int INTERNAL = 70;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with its output and errors going to the given writers (tests use this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new Main(), out, err, args);
    }

    /** Runs a command line of another top-level command (the development tools') with this one's exit codes and errors. */
    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> INVALID);
        cli.setExecutionExceptionHandler(Main::handle);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** User errors are reported plainly, without a stack trace; anything else is a bug and shows one. */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof PackException p) {
            err.println("rule pack error:");
            p.errors().forEach(line -> err.println("  " + line));
            return INVALID;
        }
        if (e instanceof InvalidInputException i) {
            err.println("invalid input, " + i.problems().size() + " problem(s):");
            i.problems().forEach(p -> err.println("  " + p.describe()));
            return INVALID;
        }
        if (e instanceof EvaluationFailedException f) {
            err.println("the input could not be evaluated: " + f.getMessage());
            return INVALID;
        }
        if (e instanceof UserError u) {
            err.println(u.getMessage());
            return INVALID;
        }
        err.println("internal error (a bug in lantian, please report it):");
        e.printStackTrace(err);
        return INTERNAL;
    }

    /** A usage or input error with a message for the user. */
    public static final class UserError extends Exception {
        public UserError(String message) {
            super(message);
        }
    }
}
