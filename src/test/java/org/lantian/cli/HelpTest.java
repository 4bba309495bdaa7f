package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lantian.tools.LantianDev;
import picocli.CommandLine;

/** Every command and subcommand (of lantian and of the development tools) answers --help with its usage (exit 0), required parameters or not. */
class HelpTest {
    @TestFactory
    List<DynamicTest> everyCommandAnswersHelp() {
        return tests("lantian", new Main(), 9, args -> {
            Lantian.Run r = Lantian.lantian(args);
            return new LantianDev.Run(r.code(), r.out(), r.err());
        });
    }

    @TestFactory
    List<DynamicTest> everyDevelopmentToolAnswersHelp() {
        return tests("lantian-dev", new LantianDev(), 4, LantianDev::run);
    }

    private static List<DynamicTest> tests(String name, Object root, int atLeast, Function<String[], LantianDev.Run> run) {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(root), new ArrayList<>(), paths);
        assertTrue(paths.size() >= atLeast, "the commands found: " + paths);
        List<DynamicTest> tests = new ArrayList<>();
        for (List<String> path : paths) {
            for (String option : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(option);
                tests.add(DynamicTest.dynamicTest(name + " " + String.join(" ", args), () -> {
                    LantianDev.Run r = run.apply(args.toArray(String[]::new));
                    assertEquals(0, r.code(), r.err());
                    assertTrue(r.out().startsWith("Usage: " + name + (path.isEmpty() ? "" : " " + String.join(" ", path))), r.out());
                    assertTrue(r.err().isEmpty(), r.err());
                }));
            }
        }
        return tests;
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
        out.add(path);
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().aliases().length > 0 && !name.equals(sub.getCommandName())) return;
            if (name.equals("help")) return; // picocli's own help command: `lantian help CMD`
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }
}
