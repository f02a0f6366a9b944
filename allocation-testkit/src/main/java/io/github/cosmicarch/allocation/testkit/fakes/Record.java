package io.github.cosmicarch.allocation.testkit.fakes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a fake was given, oldest first, for threads that add and threads that wait. */
final class Record<T> {

    private final String what;
    private final List<T> items = new ArrayList<>();

    Record(String what) {
        this.what = what;
    }

    synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    synchronized List<T> items() {
        return List.copyOf(items);
    }

    /** Waits until at least {@code count} items are here; fails the test when they are not in time. */
    synchronized List<T> await(int count, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (items.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected at least " + count + " " + what + " within " + patience + ", got "
                        + items.size() + ": " + items);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, interrupted);
            }
        }
        return List.copyOf(items);
    }
}
