package org.lantian.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Mixin that gives a command the output and error writers of its command line (tests capture them). */
@Command
public final class Output {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
