package org.distill.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C for a long command: a shutdown hook that runs {@code onInterrupt} (set a cancel flag, say
 * what happens next on standard error) and then keeps the JVM alive until the command has saved its
 * work and {@link #close()}d, or until {@code grace} has passed. Use in try-with-resources around the
 * work and its reporting.
 */
final class Interrupt implements AutoCloseable {
    /** The error when Ctrl-C comes before there is anything to train on. */
    static final String NOTHING_TRAINED = "interrupted while simulating; nothing was trained";

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    /**
     * @param onInterrupt returns the line to print (without the {@code distill: } prefix)
     */
    Interrupt(PrintWriter err, Duration grace, java.util.function.Supplier<String> onInterrupt) {
        hook = new Thread(() -> {
            err.print("\ndistill: " + onInterrupt.get() + "\n");
            err.flush();
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "distill-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Ctrl-C for a command that trains a network and then searches for a formula: before {@code trained} is set it
     * stops the training (the command goes on to distil what was learned), after it the search. The grace period is
     * the search's budget and two minutes.
     */
    static Interrupt trainingThenSearch(PrintWriter err, long searchSeconds, AtomicBoolean trained, AtomicBoolean stopTraining,
                                        AtomicBoolean stopSearch) {
        return new Interrupt(err, Duration.ofSeconds(searchSeconds + 120), () -> {
            if (trained.get()) {
                stopSearch.set(true);
                return "interrupted; stopping the search and keeping the best formula so far...";
            }
            stopTraining.set(true);
            return "interrupted; stopping training and distilling what was learned...";
        });
    }

    /** The work is saved: let a running hook return, or remove the hook. */
    @Override public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for done, which is now counted down
        }
    }
}
