package org.distill.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Independent pieces of work as Spark tasks, one task each (one Spark job each, submitted together
 * so that every free executor core takes one): a benchmark's problems, a campaign's simulations.
 * Results come back to the caller's thread as tasks finish, so that it can save each at once (a
 * resumable results file); a stop signal cancels what has not finished. Work functions are
 * serialisable classes, never lambdas that capture a command.
 */
public final class SparkTasks {
    private SparkTasks() {}

    /**
     * Runs {@code work} on every input as its own Spark task and hands each result, with its input,
     * to {@code onResult} on this thread, in the order they finish.
     *
     * @param stop checked every 100 ms (may be null); when it turns true the tasks not finished are
     *             cancelled and this returns
     * @return how many results were handed over
     * @throws IllegalStateException when a task failed (after Spark's retries)
     */
    public static <T extends Serializable, R> int run(JavaSparkContext spark, List<T> inputs, Function<T, R> work,
                                                      BiConsumer<T, R> onResult, BooleanSupplier stop)
            throws InterruptedException {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(onResult, "onResult");
        List<JavaFutureAction<List<R>>> jobs = new ArrayList<>();
        synchronized (spark) { // a cancelled job interrupts its task's thread
            spark.setJobGroup("distill-tasks-" + System.nanoTime(), "distill: " + inputs.size() + " tasks", true);
            try {
                for (T input : inputs) jobs.add(spark.parallelize(List.of(input), 1).map(work).collectAsync());
            } finally {
                spark.clearJobGroup();
            }
        }
        boolean[] delivered = new boolean[jobs.size()];
        int left = jobs.size(), handed = 0;
        try {
            while (left > 0) {
                if (stop != null && stop.getAsBoolean()) break;
                boolean progressed = false;
                for (int i = 0; i < jobs.size(); i++) {
                    if (delivered[i] || !jobs.get(i).isDone()) continue;
                    delivered[i] = true;
                    left--;
                    progressed = true;
                    List<R> r;
                    try {
                        r = jobs.get(i).get();
                    } catch (ExecutionException | CancellationException e) {
                        if ((stop != null && stop.getAsBoolean()) || spark.sc().isStopped()) return handed;
                        Throwable cause = e.getCause() == null ? e : e.getCause();
                        throw new IllegalStateException("task for " + inputs.get(i) + " failed: " + cause.getMessage(), cause);
                    }
                    onResult.accept(inputs.get(i), r.get(0));
                    handed++;
                }
                if (!progressed) {
                    try {
                        jobs.get(firstPending(delivered)).get(100, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException | ExecutionException | CancellationException e) {
                        // looked at in the next round
                    }
                }
            }
            return handed;
        } finally {
            for (int i = 0; i < jobs.size(); i++) if (!delivered[i]) jobs.get(i).cancel(true);
        }
    }

    private static int firstPending(boolean[] delivered) {
        for (int i = 0; i < delivered.length; i++) if (!delivered[i]) return i;
        throw new IllegalStateException("nothing pending");
    }

    /**
     * One simulation (or any job) of a campaign: writes its {@link #outputs()} into a directory
     * that every executor sees (a shared file system), atomically (write then rename), so that an
     * output that exists is complete.
     */
    public interface DirectoryTask extends Serializable {
        /** Files this task writes, relative to the directory; the task is done when all exist. */
        List<String> outputs();

        /** Does the work, writing the outputs under {@code directory}. */
        void run(Path directory) throws IOException;

        /**
         * Whether the task's work is in {@code directory}: by default, whether all its outputs exist.
         * A task may also look inside them (e.g. an output made by an earlier run with less in it).
         */
        default boolean isDone(Path directory) throws IOException {
            for (String o : outputs()) if (!Files.exists(directory.resolve(o))) return false;
            return true;
        }
    }

    /**
     * Runs the tasks of a campaign that are not {@linkplain DirectoryTask#isDone done} in {@code directory} yet, one Spark
     * task each, all in one Spark job (tasks start in the list's order); a task whose outputs appeared
     * meanwhile (a retried or concurrent run) is skipped on the executor too. The driver sees a task
     * finish when it is done in the directory (looked at every 250 ms, {@link DirectoryTask#isDone}
     * should be cheap when the outputs are absent). Resumable: run it again after a stop and only the
     * missing outputs are made.
     *
     * @param onDone called on this thread with each task that finished (may be null)
     * @param stop   checked every 250 ms (may be null); when it turns true the job is cancelled and this returns
     * @return the tasks seen finished (those found done before are not counted)
     * @throws IllegalStateException when a task failed (after Spark's retries)
     */
    public static <T extends DirectoryTask> int runMissing(JavaSparkContext spark, List<T> tasks, Path directory,
                                                           java.util.function.Consumer<T> onDone, BooleanSupplier stop)
            throws InterruptedException {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) throw new IllegalArgumentException("not a directory: " + directory);
        List<T> todo = new ArrayList<>();
        for (T t : tasks) if (!done(t, directory)) todo.add(t);
        if (todo.isEmpty() || stop != null && stop.getAsBoolean()) return 0;
        String dir = directory.toAbsolutePath().toString();
        // one Spark job of one task per element (in the list's order), not a job per task: thousands of
        // simulations stay one job; the driver learns what finished from the directory itself
        JavaFutureAction<Void> job;
        synchronized (spark) { // a cancelled job interrupts its tasks' threads
            spark.setJobGroup("distill-campaign-" + System.nanoTime(), "distill: " + todo.size() + " tasks in " + dir, true);
            try {
                job = spark.parallelize(todo, todo.size()).foreachAsync(new InDirectory<T>(dir));
            } finally {
                spark.clearJobGroup();
            }
        }
        List<T> pending = new ArrayList<>(todo);
        int finished = 0;
        try {
            while (true) {
                boolean over = job.isDone();
                for (java.util.Iterator<T> it = pending.iterator(); it.hasNext(); ) {
                    T t = it.next();
                    if (!done(t, directory)) continue;
                    it.remove();
                    finished++;
                    if (onDone != null) onDone.accept(t);
                }
                if (over) {
                    try {
                        job.get();
                    } catch (ExecutionException | CancellationException e) {
                        if ((stop != null && stop.getAsBoolean()) || spark.sc().isStopped()) return finished;
                        Throwable cause = e.getCause() == null ? e : e.getCause();
                        throw new IllegalStateException("a task in " + dir + " failed: " + cause.getMessage(), cause);
                    }
                    return finished;
                }
                if (stop != null && stop.getAsBoolean()) return finished;
                try {
                    job.get(250, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException | CancellationException e) {
                    // looked at in the next round
                }
            }
        } finally {
            if (!job.isDone()) job.cancel(true);
        }
    }

    static boolean done(DirectoryTask t, Path directory) {
        try {
            return t.isDone(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Spark function of {@link #runMissing}: holds only the directory's path. */
    static final class InDirectory<T extends DirectoryTask> implements org.apache.spark.api.java.function.VoidFunction<T> {
        private static final long serialVersionUID = 1L;
        private final String directory;

        InDirectory(String directory) { this.directory = directory; }

        @Override public void call(T task) {
            Path dir = Path.of(directory);
            if (done(task, dir)) return;
            try {
                task.run(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!done(task, dir)) throw new IllegalStateException("task " + task + " did not write all of " + task.outputs());
        }
    }
}
