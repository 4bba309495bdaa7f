package org.lantian.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/** How many hostile inputs a fuzz property tried, refused and accepted, and how many crashed (always 0 when it passes). */
final class FuzzCounts {
    final String name;
    final AtomicLong tried = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong crashes = new AtomicLong();

    FuzzCounts(String name) {
        this.name = name;
    }

    /** Prints the counts and appends them to target/fuzz-counts.txt (what the closing note quotes). */
    void report() {
        String line = String.format("%s: %,d inputs tried, %,d refused, %,d accepted, %,d crashes", name, tried.get(),
                refused.get(), accepted.get(), crashes.get());
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "fuzz-counts.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(cannot write target/fuzz-counts.txt: " + e.getMessage() + ")");
        }
    }
}
