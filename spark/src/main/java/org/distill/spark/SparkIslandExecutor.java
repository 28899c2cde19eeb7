package org.distill.spark;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.distill.symbolic.search.IslandContext;
import org.distill.symbolic.search.IslandExecutor;
import org.distill.symbolic.search.IslandState;

/**
 * Evolves a search's islands as Spark tasks: each epoch is one Spark job whose tasks take
 * {@code islandsPerTask} islands each (as {@link IslandState}s), run the epoch with the search's
 * settings and data (sent once per search as a broadcast) and return the new states; the search
 * does its barrier on the driver. A task is a pure function of its input, so Spark's retry of a
 * task lost with its executor gives the same state: the front does not depend on the cluster.
 *
 * <pre>{@code
 * try (SparkContexts.Handle spark = SparkContexts.start("local[2]", "distill")) {
 *     ParetoFront front = SymbolicRegressor.builder().executor(new SparkIslandExecutor(spark.context(), 1))
 *             .generations(100).build().fit(data);
 * }
 * }</pre>
 *
 * <p>A cancelled search (its stop signal) cancels the epoch's job: the islands keep their states
 * from the last barrier. Thread-safe: concurrent searches may share one executor.
 */
public final class SparkIslandExecutor implements IslandExecutor {
    private final JavaSparkContext spark;
    private final int islandsPerTask;
    private final Map<IslandContext, Broadcast<IslandContext>> broadcasts = new IdentityHashMap<>();

    /**
     * @param spark          the Spark context (the caller stops it)
     * @param islandsPerTask islands evolved one after the other in one task, in [1, 1000]
     */
    public SparkIslandExecutor(JavaSparkContext spark, int islandsPerTask) {
        this.spark = Objects.requireNonNull(spark, "spark");
        if (islandsPerTask < 1 || islandsPerTask > 1000) {
            throw new IllegalArgumentException("islandsPerTask must be in [1, 1000]: " + islandsPerTask);
        }
        this.islandsPerTask = islandsPerTask;
    }

    @Override
    public List<IslandState> epoch(IslandContext context, List<IslandState> islands, int generations,
                                   long deadlineMillis, BooleanSupplier stop) throws InterruptedException {
        if (spark.sc().isStopped()) throw new CancellationException("Spark is stopped");
        Broadcast<IslandContext> shared;
        synchronized (broadcasts) {
            shared = broadcasts.computeIfAbsent(context, spark::broadcast);
        }
        int tasks = (islands.size() + islandsPerTask - 1) / islandsPerTask;
        String group = "distill-islands-" + System.identityHashCode(context) + "-" + System.nanoTime();
        JavaFutureAction<List<IslandState>> job;
        synchronized (spark) { // job groups are per thread; the submission is what they mark
            spark.setJobGroup(group, "distill island epoch (" + islands.size() + " islands, " + generations + " generations)", true);
            try {
                job = spark.parallelize(islands, Math.max(1, tasks))
                        .map(new Evolve(shared, generations, deadlineMillis))
                        .collectAsync();
            } finally {
                spark.clearJobGroup();
            }
        }
        try {
            while (true) {
                if (stop != null && stop.getAsBoolean()) {
                    job.cancel(true);
                    throw new CancellationException("search cancelled");
                }
                try {
                    return job.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // poll the stop signal again
                }
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException c) throw c;
            // Ctrl-C: Spark's own shutdown hook may stop the context before the stop signal is seen
            if ((stop != null && stop.getAsBoolean()) || spark.sc().isStopped()) {
                throw new CancellationException("Spark stopped: " + e.getCause().getMessage());
            }
            throw new IllegalStateException("Spark epoch failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void release(IslandContext context) {
        Broadcast<IslandContext> b;
        synchronized (broadcasts) {
            b = broadcasts.remove(context);
        }
        if (b != null && !spark.sc().isStopped()) b.destroy();
    }

    @Override public String toString() {
        return "spark(" + spark.master() + ", " + islandsPerTask + " islands per task)";
    }

    /** The task: one island's epoch. A static class holding only the broadcast and two numbers. */
    static final class Evolve implements Function<IslandState, IslandState> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<IslandContext> context;
        private final int generations;
        private final long deadlineMillis;

        Evolve(Broadcast<IslandContext> context, int generations, long deadlineMillis) {
            this.context = context;
            this.generations = generations;
            this.deadlineMillis = deadlineMillis;
        }

        @Override public IslandState call(IslandState state) {
            return context.value().evolve(state, generations, deadlineMillis, Evolve::interrupted);
        }

        /** A cancelled job interrupts its tasks (the job group says so): stop at the next generation. */
        private static boolean interrupted() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
