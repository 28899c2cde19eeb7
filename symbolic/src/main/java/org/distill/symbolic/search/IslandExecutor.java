package org.distill.symbolic.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Where the islands of a search evolve between two barriers. The search hands over each epoch's
 * islands as {@link IslandState}s with the {@link IslandContext} that can evolve them (settings and
 * data; the same object for the whole search), and takes the evolved states back; merging halls of
 * fame, polishing and migration stay with the search, on its thread, in island order. An island's
 * epoch is a pure function of its state, the context and the epoch's length, so the result of a
 * search does not depend on the executor, the number of workers, or on how many times a failed
 * worker's task was run again.
 *
 * <p>The default, {@link #threads()}, evolves the islands in place on the search's threads, with no
 * encoding. Another executor (the {@code distill-spark} module's Spark executor, or
 * {@link #serialising(int)}) gets encoded states. Implementations must be thread-safe if shared by
 * concurrent searches.
 */
public interface IslandExecutor {
    /**
     * Runs one epoch of every island and returns the evolved states in the order of {@code islands}
     * ({@link IslandContext#evolve}). {@code stop} turns true when the search is cancelled: the
     * executor may then abandon the epoch by throwing {@link CancellationException} (the islands
     * keep their states from before the epoch).
     *
     * @param deadlineMillis {@link System#currentTimeMillis()} at which the islands stop early (a time
     *                       limit), or {@link Long#MAX_VALUE}
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    List<IslandState> epoch(IslandContext context, List<IslandState> islands, int generations, long deadlineMillis,
                            BooleanSupplier stop) throws InterruptedException;

    /** The search is over: resources held for this context (broadcast data) may go. */
    default void release(IslandContext context) { }

    /** The default: islands evolve in place on the search's own threads (the {@code threads} setting). */
    static IslandExecutor threads() { return Threads.INSTANCE; }

    /**
     * Encodes every island, evolves the decoded copy on {@code threads} threads of this process and
     * encodes it back, as a remote executor would: for tests and for measuring the encoding's cost.
     */
    static IslandExecutor serialising(int threads) {
        if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be in [1, 1024]: " + threads);
        return new Serialising(threads);
    }

    /** The in-place default; the search recognises it and keeps its islands live. */
    final class Threads implements IslandExecutor {
        static final Threads INSTANCE = new Threads();

        private Threads() { }

        @Override public List<IslandState> epoch(IslandContext context, List<IslandState> islands, int generations,
                                                 long deadlineMillis, BooleanSupplier stop) {
            List<IslandState> out = new ArrayList<>();
            for (IslandState s : islands) out.add(context.evolve(s, generations, deadlineMillis, stop));
            return out;
        }

        @Override public String toString() { return "threads"; }
    }

    /** See {@link #serialising(int)}. */
    final class Serialising implements IslandExecutor {
        private final int threads;

        private Serialising(int threads) { this.threads = threads; }

        @Override public List<IslandState> epoch(IslandContext context, List<IslandState> islands, int generations,
                                                 long deadlineMillis, BooleanSupplier stop) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, islands.size())), r -> {
                Thread t = new Thread(r, "distill-island-serialising");
                t.setDaemon(true);
                return t;
            });
            try {
                IslandContext remote = IslandContext.roundTrip(context); // settings and data, as a worker gets them
                List<Future<IslandState>> futures = new ArrayList<>();
                for (IslandState s : islands) {
                    // through Java serialisation, as a remote worker receives it
                    IslandState copy = IslandContext.roundTrip(s);
                    futures.add(pool.submit(() -> IslandContext.roundTrip(remote.evolve(copy, generations, deadlineMillis, stop))));
                }
                List<IslandState> out = new ArrayList<>();
                for (Future<IslandState> f : futures) out.add(f.get());
                return out;
            } catch (ExecutionException e) {
                throw new IllegalStateException("island failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        @Override public String toString() { return "serialising(" + threads + ")"; }
    }
}
