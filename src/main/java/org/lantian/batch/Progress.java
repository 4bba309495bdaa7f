package org.lantian.batch;

/** What a running batch tells the person watching it (a progress bar on a terminal, nothing otherwise). */
public interface Progress extends AutoCloseable {
    /** Records read so far. */
    void records(long read);

    /** The current step, such as "evaluating 3/31". */
    void step(String what);

    @Override
    void close();

    Progress NONE = new Progress() {
        @Override
        public void records(long read) {
        }

        @Override
        public void step(String what) {
        }

        @Override
        public void close() {
        }
    };
}
