package org.lantian.batch;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the terminal: records read, records/s, and the current step. */
public final class TerminalProgress implements Progress {
    private final ProgressBar bar;

    /** {@code expected} is an estimate of the records (from the input size), or -1 when unknown. */
    public TerminalProgress(PrintStream err, long expected) {
        bar = new ProgressBarBuilder()
                .setTaskName("batch")
                .setInitialMax(expected)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" records", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .build();
    }

    @Override
    public void records(long read) {
        if (bar.getMax() > 0 && read > bar.getMax()) bar.maxHint(read);
        bar.stepTo(read);
    }

    @Override
    public void step(String what) {
        bar.setExtraMessage(" " + what);
    }

    @Override
    public void close() {
        bar.close();
    }
}
