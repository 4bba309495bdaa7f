package org.lantian.cli;

import picocli.CommandLine.Option;

/** The {@code --threads N} option of batch and bench: how many threads parse the input and how many partitions are evaluated at once. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Threads parsing the input and partitions evaluated at once (default: up to 2, the cores there are).")
    Integer threads;

    /** The number given (at least 1), else the cores there are but at most 2. */
    public int count() {
        return threads != null ? Math.max(1, threads) : Math.min(2, Runtime.getRuntime().availableProcessors());
    }
}
