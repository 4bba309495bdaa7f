package org.lantian.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM through {@link Main#run}, capturing what it prints (the tests' {@code lantian}). */
public final class Lantian {
    /** The exit code and what went to standard output and standard error. */
    public record Run(int code, String out, String err) {
    }

    private Lantian() {
    }

    public static Run lantian(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }
}
