package org.distill.examples.cosmo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.distill.examples.cosmo.MarkedFisher.Campaign;
import org.distill.examples.cosmo.MarkedFisher.Listener;
import org.distill.examples.cosmo.MarkedFisher.Physics;
import org.distill.examples.cosmo.MarkedFisher.Settings;
import org.distill.examples.cosmo.MarkedFisher.SimSpec;
import org.distill.examples.cosmo.MarkedFisher.SimStats;
import org.distill.examples.cosmo.MarkedFisher.Store;
import org.distill.physics.cosmo.stats.WhiteMark;
import org.distill.spark.SparkTasks;

/**
 * A marked-power Fisher campaign on Apache Spark: every simulation the {@link Store} lacks (or that lacks a mark)
 * is one Spark task ({@link SparkTasks#runMissing}: one Spark job for the campaign), which runs it on an executor with {@link MarkedFisher#runOne}
 * and writes its statistics into the campaign's folder with {@link Store#write} (atomically, merging marks an
 * earlier run measured), exactly as the local {@link MarkedFisher#simulate} does. The folder must therefore be one
 * that every executor sees: always true in {@code local[N]} mode, on a cluster a shared file system. The driver
 * writes the manifest, reports each simulation as its task finishes, and at the end reads back what is stored.
 * A simulation is deterministic from its seed and does not depend on where it ran, so the analysis is the
 * local path's.
 */
public final class MarkedFisherSpark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MarkedFisherSpark() { }

    /** What one simulation needs (its doubles travel exactly, as JSON). */
    record Job(Physics physics, List<WhiteMark> marks, SimSpec spec, int threads) {
        Job {
            Objects.requireNonNull(physics, "physics");
            Objects.requireNonNull(spec, "spec");
            marks = List.copyOf(marks);
        }
    }

    /**
     * The Spark task: one simulation, as the JSON of a {@link Job} (the cosmology and marks are not
     * {@link java.io.Serializable}; a string is, and keeps every double bit for bit). Done when its file in the
     * store holds every mark.
     */
    public static final class SimTask implements SparkTasks.DirectoryTask {
        private static final long serialVersionUID = 1L;
        private final String job;
        private final String file;

        SimTask(Job job) {
            try {
                this.job = JSON.writeValueAsString(job);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode " + job.spec().fileName() + ": " + e.getMessage(), e);
            }
            this.file = job.spec().fileName();
        }

        Job job() {
            try {
                return JSON.readValue(job, Job.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot decode the task of " + file + ": " + e.getMessage(), e);
            }
        }

        /** The file name of the simulation's statistics. */
        public String fileName() { return file; }

        @Override public List<String> outputs() { return List.of("sims/" + file); }

        @Override public boolean isDone(Path directory) throws IOException {
            if (!SparkTasks.DirectoryTask.super.isDone(directory)) return false; // cheap while the file is absent
            Job j = job();
            SimStats s = Store.at(directory).read(j.spec());
            return s != null && s.has(j.marks());
        }

        @Override public void run(Path directory) throws IOException {
            Job j = job();
            AtomicBoolean cancel = new AtomicBoolean();
            TaskContext task = TaskContext.get();
            Thread self = Thread.currentThread();
            // a cancelled Spark task is interrupted (or marked killed): end the simulation between steps
            Thread watch = Thread.ofVirtual().unstarted(() -> {
                try {
                    while (!cancel.get()) {
                        if (self.isInterrupted() || task != null && task.isInterrupted()) cancel.set(true);
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
            watch.start();
            SimStats st;
            try {
                st = MarkedFisher.runOne(j.physics(), j.marks(), j.spec(), j.threads(), cancel);
            } finally {
                watch.interrupt();
            }
            if (st == null) throw new IllegalStateException("simulation " + file + " was cancelled");
            Store.at(directory).write(st);
        }

        @Override public String toString() { return "simulation " + file; }
    }

    /**
     * Runs (or resumes) a campaign in {@code store} on Spark: the stored simulations are reused, the others run as
     * Spark tasks that write into {@code store.dir()}.
     *
     * @param listener sees the reused simulations first, then each run one as its task finishes (on this thread)
     * @param stop     cancels the tasks not finished; what is stored is analysed
     * @return the campaign, with the statistics read back from the store
     * @throws IllegalStateException when a simulation failed (after Spark's retries)
     */
    public static Campaign simulate(JavaSparkContext spark, Settings s, Store store, Listener listener, BooleanSupplier stop)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<SimSpec> plan = MarkedFisher.plan(s);
        store.writeManifest(s.physics(), plan);
        int[] done = {0};
        int reused = 0;
        List<SimTask> todo = new ArrayList<>();
        for (SimSpec spec : plan) {
            SimStats st = store.read(spec);
            if (st != null && st.has(s.marks())) {
                reused++;
                listener.onSimulation(++done[0], plan.size(), st, true);
            } else {
                todo.add(new SimTask(new Job(s.physics(), s.marks(), spec, s.threads())));
            }
        }
        if (!todo.isEmpty() && !stop.getAsBoolean()) {
            SparkTasks.runMissing(spark, todo, store.dir(), t -> {
                try {
                    SimStats st = store.read(t.job().spec());
                    if (st != null) listener.onSimulation(++done[0], plan.size(), st, false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, stop);
        }
        Map<String, SimStats> stats = new LinkedHashMap<>();
        for (SimSpec spec : plan) {
            SimStats st = store.read(spec);
            if (st != null && st.has(s.marks())) stats.put(spec.fileName(), st);
        }
        // run now: stored at the end and not before (tasks that ended after a stop count too: their files are analysed)
        return new Campaign(stats, stats.size() - reused, reused, stats.size() < plan.size(), (System.nanoTime() - t0) / 1e9);
    }
}
