package io.github.cosmicarch.allocation.examples.entrypoints.http;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how long a request waits for the service's work on the database, whatever holds it up: a
 * frozen database, the pool's wait for a connection, or a queue of grouped allocations behind a
 * leader stuck on the database, where the driver's time-outs add up command after command. The
 * work runs on a worker thread; the request thread waits for it until the deadline and then gives
 * up with {@link Missed}, which the API answers 503.
 *
 * <p>Work that misses its deadline is not stopped: a command in a group cannot be taken back, and
 * its commit may still happen. It runs on until the driver's time-outs end it, which is why a
 * client that got a 503 for a command is told that sending it again is safe. The workers are
 * bounded: while they are all taken, by requests or by work that outlived its request, a request is
 * answered 503 at once, with nothing done, so that a long outage builds no backlog of work.
 */
public final class RequestDeadline implements AutoCloseable {

    private final Duration limit;
    private final ThreadPoolExecutor workers;

    /**
     * Creates the deadline and its workers, started as they are first needed.
     *
     * @param name    what the workers' threads are named after, for thread dumps
     * @param limit   how long a request waits for its work
     * @param workers the most pieces of work running at once, those that outlived their request
     *                included; as many as the server has request threads keeps them from ever
     *                being the limit while the database answers
     */
    public RequestDeadline(String name, Duration limit, int workers) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("The deadline must be positive, but was " + limit);
        }
        this.limit = limit;
        AtomicInteger count = new AtomicInteger();
        // No queue: work waiting for a worker would wait on top of the deadline.
        this.workers = new ThreadPoolExecutor(0, workers, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), work -> {
            Thread worker = new Thread(work, name + "-" + count.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
    }

    /**
     * Runs the work on a worker and waits for it until the deadline.
     *
     * @param work what the request asks of the service
     * @param <T>  what the work answers
     * @return what the work answered
     * @throws RuntimeException whatever the work threw, as it threw it
     * @throws Missed           when the work did not end in time, or no worker was free to begin it
     */
    public <T> T run(Supplier<T> work) {
        Future<T> running;
        try {
            running = workers.submit(work::get);
        } catch (RejectedExecutionException noWorker) {
            throw new Missed(false, limit);
        }
        try {
            return running.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (TimeoutException late) {
            throw new Missed(true, limit);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Missed(true, limit);
        }
    }

    /** Lets the work under way end; takes no more. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The work of a request did not end by its deadline, or never began. */
    public static final class Missed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean began;

        Missed(boolean began, Duration limit) {
            super(began ? "No answer from the service's work within " + limit.toMillis() + " ms"
                    : "Every worker is busy: the work was not begun", null, false, false);
            this.began = began;
        }

        /**
         * Whether the work began, so that it may yet take effect; when it did not, nothing was done.
         *
         * @return {@code true} when the work began and outlived the deadline
         */
        public boolean began() {
            return began;
        }
    }
}
