package org.distill.spark;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Islands stay on the executors between epochs: each executor JVM keeps the loss caches of
 * the islands it evolved ({@link ResidentIslands}, the larger part of a state: about 220 kB of
 * 230 kB for a 1 000-row search), so a task carries only the island's core (population, generator,
 * counters, hall of fame: about 10 kB) and returns only its new core. Each kept cache is marked
 * with the epoch it enters and a hash of the island's history (its first cache, then every core
 * sent and the generations each epoch ran); a task uses it only if both are the ones the driver
 * expects. Every {@code checkpointEvery} epochs (8) the tasks also return the cache, which the
 * driver keeps with the cores sent since; a task that finds no right cache (another executor, a
 * killed and restarted one, a retried task) says so, and the driver runs that island again with
 * the checkpoint and the cores since it, which the task replays exactly. The result therefore never
 * depends on where the tasks ran: the same front and evaluation count as the threaded search.
 *
 * <p>A cancelled search (its stop signal) cancels the epoch's job: the islands keep their states
 * from the last barrier. Thread-safe: concurrent searches may share one executor.
 */
public final class SparkIslandExecutor implements IslandExecutor {
    /** Epochs between the caches returned to the driver (a miss replays at most this many epochs). */
    static final int CHECKPOINT_EVERY = 8;
    private static final byte[] NO_CACHE = new byte[0];

    private final JavaSparkContext spark;
    private final int islandsPerTask;
    private final int checkpointEvery;
    private final Map<IslandContext, Run> runs = new IdentityHashMap<>();
    private final AtomicLong islandEpochs = new AtomicLong(), sent = new AtomicLong(), returned = new AtomicLong(),
            replays = new AtomicLong();

    /**
     * @param spark          the Spark context (the caller stops it)
     * @param islandsPerTask islands evolved one after the other in one task, in [1, 1000]
     */
    public SparkIslandExecutor(JavaSparkContext spark, int islandsPerTask) {
        this(spark, islandsPerTask, CHECKPOINT_EVERY);
    }

    /**
     * One task per core: {@link #islandsPerTask(int, int)} of the islands and the context's default
     * parallelism. Fewer, larger tasks cut Spark's fixed cost per task (scheduling, a job's tail) while
     * every core still has a task; the front does not depend on the grouping.
     *
     * @param spark   the Spark context (the caller stops it)
     * @param islands the search's number of islands, at least 1
     */
    public static SparkIslandExecutor perCore(JavaSparkContext spark, int islands) {
        Objects.requireNonNull(spark, "spark");
        return new SparkIslandExecutor(spark, islandsPerTask(islands, spark.defaultParallelism()));
    }

    /**
     * Islands per task so that there are at least as many tasks as cores: islands ÷ cores, rounded
     * down, at least 1 and at most 1000.
     *
     * @param islands the number of islands, at least 1
     * @param cores   the cores the tasks run on, at least 1
     */
    static int islandsPerTask(int islands, int cores) {
        if (islands < 1) throw new IllegalArgumentException("islands must be at least 1: " + islands);
        if (cores < 1) throw new IllegalArgumentException("cores must be at least 1: " + cores);
        return Math.min(1000, Math.max(1, islands / cores));
    }

    SparkIslandExecutor(JavaSparkContext spark, int islandsPerTask, int checkpointEvery) {
        this.spark = Objects.requireNonNull(spark, "spark");
        if (islandsPerTask < 1 || islandsPerTask > 1000) {
            throw new IllegalArgumentException("islandsPerTask must be in [1, 1000]: " + islandsPerTask);
        }
        if (checkpointEvery < 1 || checkpointEvery > 1000) {
            throw new IllegalArgumentException("checkpointEvery must be in [1, 1000]: " + checkpointEvery);
        }
        this.islandsPerTask = islandsPerTask;
        this.checkpointEvery = checkpointEvery;
    }

    /**
     * What crossed the wire so far, all searches together.
     *
     * @param islandEpochs island epochs run (one per island per epoch, replays not counted)
     * @param bytesSent    island bytes sent to tasks (cores, and checkpoints with the cores since for replays)
     * @param bytesReturned island bytes returned (cores, and caches at checkpoints)
     * @param replays      islands run again from a checkpoint because their executor did not hold them
     */
    public record Traffic(long islandEpochs, long bytesSent, long bytesReturned, long replays) { }

    /** See {@link Traffic}. */
    public Traffic traffic() {
        return new Traffic(islandEpochs.get(), sent.get(), returned.get(), replays.get());
    }

    /** One search on the driver: its broadcast, its id, and each island's history since its checkpoint. */
    private static final class Run {
        final Broadcast<IslandContext> shared;
        final String id = java.util.UUID.randomUUID().toString();
        int epoch;
        History[] islands;

        Run(Broadcast<IslandContext> shared) { this.shared = shared; }
    }

    /** An island's cache at its last checkpoint, the cores sent since and what each epoch ran; its hash now. */
    private static final class History {
        byte[] checkpoint;
        final List<byte[]> cores = new ArrayList<>();
        final List<Integer> ran = new ArrayList<>();
        long hash;
        boolean sent; // whether an executor has had it (else the first task gets the checkpoint)

        Replay replay() {
            int[] r = new int[ran.size()];
            for (int i = 0; i < r.length; i++) r[i] = ran.get(i);
            return new Replay(checkpoint, cores.toArray(new byte[0][]), r);
        }
    }

    @Override
    public List<IslandState> epoch(IslandContext context, List<IslandState> islands, int generations,
                                   long deadlineMillis, BooleanSupplier stop) throws InterruptedException {
        if (spark.sc().isStopped()) throw new CancellationException("Spark is stopped");
        Run run;
        synchronized (runs) {
            run = runs.computeIfAbsent(context, c -> new Run(spark.broadcast(c)));
        }
        synchronized (run) {
            if (run.islands == null || run.islands.length != islands.size()) {
                run.islands = new History[islands.size()];
                for (int i = 0; i < islands.size(); i++) {
                    History h = new History();
                    h.checkpoint = islands.get(i).cache();
                    h.hash = start(run.id, i, h.checkpoint);
                    run.islands[i] = h;
                }
            }
            boolean checkpoint = (run.epoch + 1) % checkpointEvery == 0;
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < islands.size(); i++) {
                IslandState s = islands.get(i);
                if (s.island() != i) throw new IllegalArgumentException("island " + s.island() + " at " + i);
                History h = run.islands[i];
                steps.add(new Step(run.id, i, run.epoch, h.hash, s.core(), checkpoint, h.sent ? null : h.replay()));
            }
            Outcome[] out = new Outcome[islands.size()];
            List<Step> again = new ArrayList<>();
            for (Outcome o : submit(run, steps, generations, deadlineMillis, stop)) {
                if (o.state() != null) out[o.island()] = o;
                else again.add(steps.get(o.island()).withReplay(run.islands[o.island()].replay()));
            }
            if (!again.isEmpty()) {
                replays.addAndGet(again.size());
                for (Outcome o : submit(run, again, generations, deadlineMillis, stop)) {
                    if (o.state() == null) throw new IllegalStateException("island " + o.island() + " missed its replay");
                    out[o.island()] = o;
                }
            }
            List<IslandState> evolved = new ArrayList<>();
            for (int i = 0; i < out.length; i++) {
                History h = run.islands[i];
                IslandState st = out[i].state();
                long next = next(h.hash, steps.get(i).core(), st.generationsRun());
                if (out[i].hash() != next) {
                    throw new IllegalStateException("island " + i + " came back with history hash " + out[i].hash() + ", not " + next);
                }
                h.hash = next;
                h.sent = true;
                if (checkpoint) {
                    h.checkpoint = st.cache();
                    h.cores.clear();
                    h.ran.clear();
                } else {
                    h.cores.add(steps.get(i).core());
                    h.ran.add(st.generationsRun());
                }
                returned.addAndGet(st.size());
                evolved.add(st);
            }
            islandEpochs.addAndGet(out.length);
            run.epoch++;
            return evolved;
        }
    }

    /** Runs the steps as one Spark job and returns their outcomes (in any order). */
    private List<Outcome> submit(Run run, List<Step> steps, int generations, long deadlineMillis, BooleanSupplier stop)
            throws InterruptedException {
        for (Step s : steps) sent.addAndGet(s.bytes());
        int tasks = (steps.size() + islandsPerTask - 1) / islandsPerTask;
        String group = "distill-islands-" + run.id + "-" + System.nanoTime();
        JavaFutureAction<List<Outcome>> job;
        synchronized (spark) { // job groups are per thread; the submission is what they mark
            spark.setJobGroup(group, "distill island epoch (" + steps.size() + " islands, " + generations + " generations)", true);
            try {
                job = spark.parallelize(steps, Math.max(1, tasks))
                        .map(new Evolve(run.shared, generations, deadlineMillis))
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
        Run r;
        synchronized (runs) {
            r = runs.remove(context);
        }
        if (r != null && !spark.sc().isStopped()) r.shared.destroy();
    }

    @Override public String toString() {
        return "spark(" + spark.master() + ", " + islandsPerTask + " islands per task)";
    }

    /** The history hash of an island before its first epoch. */
    static long start(String search, int island, byte[] cache) {
        MessageDigest d = sha256();
        d.update(search.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        d.update(ByteBuffer.allocate(4).putInt(island).array());
        d.update(cache);
        return ByteBuffer.wrap(d.digest()).getLong();
    }

    /** The history hash after an epoch that started from {@code core} and ran {@code ran} generations. */
    static long next(long hash, byte[] core, int ran) {
        MessageDigest d = sha256();
        d.update(ByteBuffer.allocate(12).putLong(hash).putInt(ran).array());
        d.update(core);
        return ByteBuffer.wrap(d.digest()).getLong();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** An island's cache at a checkpoint, with the cores of the epochs since and the generations each ran. */
    record Replay(byte[] checkpoint, byte[][] cores, int[] ran) implements Serializable {
        private static final long serialVersionUID = 1L;

        long bytes() {
            long b = checkpoint.length;
            for (byte[] c : cores) b += c.length;
            return b;
        }
    }

    /**
     * One island's epoch as sent: the search, the island, the epoch it enters, its history hash, its
     * core; {@code checkpoint}: return the cache too; {@code replay}: where to start when the executor
     * does not hold the island (null: say so instead).
     */
    record Step(String search, int island, int epoch, long hash, byte[] core, boolean checkpoint, Replay replay)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        Step withReplay(Replay r) { return new Step(search, island, epoch, hash, core, checkpoint, r); }

        long bytes() { return core.length + (replay == null ? 0 : replay.bytes()); }
    }

    /** A step's result: the new state and history hash, or (state null) the executor did not hold the island. */
    record Outcome(int island, IslandState state, long hash) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** The task: one island's epoch. A static class holding only the broadcast and two numbers. */
    static final class Evolve implements Function<Step, Outcome> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<IslandContext> context;
        private final int generations;
        private final long deadlineMillis;

        Evolve(Broadcast<IslandContext> context, int generations, long deadlineMillis) {
            this.context = context;
            this.generations = generations;
            this.deadlineMillis = deadlineMillis;
        }

        @Override public Outcome call(Step s) {
            IslandContext c = context.value();
            IslandContext.LossCache cache;
            if (s.replay() == null) {
                cache = ResidentIslands.take(s.search(), s.island(), s.epoch(), s.hash());
                if (cache == null) return new Outcome(s.island(), null, 0);
            } else {
                Replay r = s.replay();
                cache = c.cache(r.checkpoint());
                for (int k = 0; k < r.cores().length; k++) {
                    IslandContext.Resident done = c.evolve(new IslandState(s.island(), 0, r.cores()[k], NO_CACHE), cache,
                            r.ran()[k], Long.MAX_VALUE, Evolve::interrupted, false);
                    if (done.state().generationsRun() != r.ran()[k]) throw new CancellationException("replay interrupted");
                    cache = done.cache();
                }
            }
            IslandContext.Resident done = c.evolve(new IslandState(s.island(), 0, s.core(), NO_CACHE), cache, generations,
                    deadlineMillis, Evolve::interrupted, s.checkpoint());
            long hash = next(s.hash(), s.core(), done.state().generationsRun());
            ResidentIslands.put(s.search(), s.island(), new ResidentIslands.Entry(s.epoch() + 1, hash, done.cache()));
            return new Outcome(s.island(), done.state(), hash);
        }

        /** A cancelled job interrupts its tasks (the job group says so): stop at the next generation. */
        private static boolean interrupted() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
