package org.lantian.batch;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The batch's few threads: waiting for a task, and handing work to one without outliving its failure. */
final class Tasks {
    private Tasks() {
    }

    /** A task's result; its failure is thrown as the IOException or runtime error it was. */
    static <T> T await(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Puts an item into the queue a task takes from, waiting while it is full, unless the task has ended
     * (it failed: its error, through {@link #await}, is what counts).
     */
    static <T> void handOver(BlockingQueue<T> queue, T item, Future<?> consumer) throws IOException {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (consumer.isDone()) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
