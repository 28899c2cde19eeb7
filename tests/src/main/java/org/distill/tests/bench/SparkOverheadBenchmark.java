package org.distill.tests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.distill.spark.SparkContexts;
import org.distill.spark.SparkIslandExecutor;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.search.IslandContext;
import org.distill.symbolic.search.IslandExecutor;
import org.distill.symbolic.search.IslandState;

/**
 * The island search on threads against the same search as Spark tasks ({@code local[2]}) and
 * through the in-process serialising executor: the same generation budget, alternating, several
 * repeats; median wall times, and where the Spark run's time goes (driver barrier, encoding and
 * job, task run, task deserialisation and result serialisation, bytes per island). Checks that
 * the fronts are identical.
 *
 * <pre>java --add-opens... -cp ... org.distill.tests.bench.SparkOverheadBenchmark [--repeats N]
 *     [--generations N] [--rows N] [--master local[2]]</pre>
 */
public final class SparkOverheadBenchmark {
    private SparkOverheadBenchmark() {}

    /** Time spent inside the executor's epoch calls, and the bytes sent. */
    static final class Timed implements IslandExecutor {
        final IslandExecutor inner;
        long nanos, epochs, islands, bytes, cacheBytes;

        Timed(IslandExecutor inner) { this.inner = inner; }

        @Override public List<IslandState> epoch(IslandContext c, List<IslandState> in, int g, long d, BooleanSupplier stop)
                throws InterruptedException {
            long t = System.nanoTime();
            List<IslandState> out = inner.epoch(c, in, g, d, stop);
            nanos += System.nanoTime() - t;
            epochs++;
            for (IslandState s : out) {
                islands++;
                bytes += s.size();
                cacheBytes += s.cache().length;
            }
            return out;
        }

        @Override public void release(IslandContext c) { inner.release(c); }
    }

    public static void main(String[] args) throws Exception {
        int repeats = 5, generations = 100, rows = 1000, islands = 8, perTask = 1;
        String master = "local[2]";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--generations" -> generations = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--master" -> master = args[++i];
                case "--islands" -> islands = Integer.parseInt(args[++i]);
                case "--per-task" -> perTask = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "': expected --repeats N, --generations N, --rows N, --islands N, --per-task N or --master M");
            }
        }
        Random r = new Random(1); // SearchBenchmark's law: not solved at once, so every run does the full budget
        double[][] x = new double[rows][3];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = 1 + 4 * r.nextDouble();
            y[i] = x[i][0] * Math.exp(-x[i][1] / x[i][2]) + Math.sqrt(x[i][0] * x[i][2]);
        }
        Dataset data = Dataset.of(x, y).withVariables("a", "b", "c");
        SymbolicRegressor.Builder b = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT, Op.EXP)
                .islands(islands).generations(generations).seed(11).simplify(false).threads(2);
        System.out.printf(Locale.ROOT, "%s; load average at start %s%n", BenchMachine.describe(), BenchMachine.loadAverage());
        System.out.printf(Locale.ROOT, "data: %d rows, 3 variables; %d generations x %d islands x 200 individuals, "
                + "10 generations per epoch; %d repeats; Spark master %s%n", rows, generations, islands, repeats, master);
        long sparkStart = System.nanoTime();
        try (SparkContexts.Handle spark = SparkContexts.start(master, "distill-overhead")) {
            System.out.printf(Locale.ROOT, "Spark context start: %.1f s%n", (System.nanoTime() - sparkStart) / 1e9);
            AtomicLong run = new AtomicLong(), deser = new AtomicLong(), resultSer = new AtomicLong(), tasks = new AtomicLong();
            spark.context().sc().addSparkListener(new SparkListener() {
                @Override public void onTaskEnd(SparkListenerTaskEnd e) {
                    if (e.taskMetrics() == null) return;
                    run.addAndGet(e.taskMetrics().executorRunTime());
                    deser.addAndGet(e.taskMetrics().executorDeserializeTime());
                    resultSer.addAndGet(e.taskMetrics().resultSerializationTime());
                    tasks.incrementAndGet();
                }
            });
            // warm-up: each path once
            b.build().fit(data);
            b.executor(IslandExecutor.serialising(2)).build().fit(data);
            b.executor(new SparkIslandExecutor(spark.context(), perTask)).build().fit(data);
            List<Double> tThreads = new ArrayList<>(), tSer = new ArrayList<>(), tSpark = new ArrayList<>();
            List<Double> inEpochSpark = new ArrayList<>(), inEpochSer = new ArrayList<>();
            ParetoFront fThreads = null, fSer = null, fSpark = null;
            Timed lastSpark = null, lastSer = null;
            long run0 = 0, deser0 = 0, ser0 = 0, tasks0 = 0;
            for (int k = 0; k < repeats; k++) {
                long s = System.nanoTime();
                fThreads = b.executor(IslandExecutor.threads()).build().fit(data);
                tThreads.add((System.nanoTime() - s) / 1e9);

                Timed ser = new Timed(IslandExecutor.serialising(2));
                s = System.nanoTime();
                fSer = b.executor(ser).build().fit(data);
                tSer.add((System.nanoTime() - s) / 1e9);
                inEpochSer.add(ser.nanos / 1e9);
                lastSer = ser;

                Timed sp = new Timed(new SparkIslandExecutor(spark.context(), perTask));
                run0 = run.get(); deser0 = deser.get(); ser0 = resultSer.get(); tasks0 = tasks.get();
                s = System.nanoTime();
                fSpark = b.executor(sp).build().fit(data);
                tSpark.add((System.nanoTime() - s) / 1e9);
                inEpochSpark.add(sp.nanos / 1e9);
                lastSpark = sp;
            }
            double mT = BenchMachine.median(tThreads), mSer = BenchMachine.median(tSer), mSp = BenchMachine.median(tSpark);
            System.out.printf(Locale.ROOT, "%n| executor | median wall (s) | ratio to threads | median time in epoch calls (s) |%n|---|---:|---:|---:|%n");
            System.out.printf(Locale.ROOT, "| threads (2) | %.2f | 1.00 | – |%n", mT);
            System.out.printf(Locale.ROOT, "| serialising (2 threads, in process) | %.2f | %.2f | %.2f |%n", mSer, mSer / mT,
                    BenchMachine.median(inEpochSer));
            System.out.printf(Locale.ROOT, "| Spark %s | %.2f | %.2f | %.2f |%n", master, mSp, mSp / mT, BenchMachine.median(inEpochSpark));
            System.out.printf(Locale.ROOT, "%nlast Spark run: %d epochs, %d island tasks; per epoch: wall in epoch call %.1f ms, "
                            + "barrier and the rest %.1f ms; per task: run %.1f ms, deserialise %.2f ms, result serialise %.2f ms; "
                            + "per island state %.1f kB (cache %.1f kB)%n",
                    lastSpark.epochs, tasks.get() - tasks0, lastSpark.nanos / 1e6 / lastSpark.epochs,
                    (tSpark.get(tSpark.size() - 1) * 1e3 - lastSpark.nanos / 1e6) / lastSpark.epochs,
                    (double) (run.get() - run0) / (tasks.get() - tasks0), (double) (deser.get() - deser0) / (tasks.get() - tasks0),
                    (double) (resultSer.get() - ser0) / (tasks.get() - tasks0),
                    lastSpark.bytes / 1e3 / lastSpark.islands, lastSpark.cacheBytes / 1e3 / lastSpark.islands);
            SparkIslandExecutor.Traffic wire = ((SparkIslandExecutor) lastSpark.inner).traffic();
            System.out.printf(Locale.ROOT, "last Spark run on the wire (islands kept on the executors): per island epoch %.1f kB sent, "
                            + "%.1f kB returned; %d replays from a checkpoint%n", wire.bytesSent() / 1e3 / wire.islandEpochs(),
                    wire.bytesReturned() / 1e3 / wire.islandEpochs(), wire.replays());
            System.out.printf(Locale.ROOT, "last serialising run: per epoch in epoch call %.1f ms, the rest %.1f ms%n",
                    lastSer.nanos / 1e6 / lastSer.epochs, (tSer.get(tSer.size() - 1) * 1e3 - lastSer.nanos / 1e6) / lastSer.epochs);
            boolean same = fThreads.equations().equals(fSpark.equations()) && fThreads.equations().equals(fSer.equations())
                    && fThreads.provenance().evaluations() == fSpark.provenance().evaluations();
            System.out.printf(Locale.ROOT, "fronts identical (threads, serialising, Spark): %s; evaluations %d%n", same,
                    fThreads.provenance().evaluations());
            System.out.printf(Locale.ROOT, "load average at end %s%n", BenchMachine.loadAverage());
        }
    }
}
