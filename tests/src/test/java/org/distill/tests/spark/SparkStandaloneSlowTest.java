package org.distill.tests.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.distill.examples.bench.BenchResult;
import org.distill.examples.bench.ResultsCsv;
import org.distill.examples.cli.DistillCommand;
import org.distill.spark.SparkContexts;
import org.distill.spark.SparkIslandExecutor;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real Spark standalone cluster on the loopback address: a master and a worker in their own
 * JVMs (as {@code start-master.sh} and {@code start-worker.sh} would run them, from this class
 * path: no Spark installation), the worker launching executor JVMs. Runs a small island search,
 * a 3-problem Feynman benchmark through the command line, and a search whose executor is killed
 * during an epoch; stops every process it started, even on failure.
 */
@Tag("slow")
class SparkStandaloneSlowTest {
    @TempDir static Path home;
    private static final List<Process> started = new ArrayList<>();
    private static String master;

    @BeforeAll
    static void startCluster() throws Exception {
        Files.createDirectories(home.resolve("jars")); // an empty Spark "installation": the class path is ours
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        Process m = launch("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", String.valueOf(freePort()));
        waitForPort(port, m);
        launch("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory", "1g",
                "--work-dir", home.resolve("work").toString(), "--webui-port", String.valueOf(freePort()), master);
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // executors
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Process launch(String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(sparkJvmFlags());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        String name = main.substring(main.lastIndexOf('.') + 1);
        pb.redirectErrorStream(true).redirectOutput(home.resolve(name + ".log").toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** This JVM's --add-opens flags (surefire's argLine), for the master and worker. */
    private static List<String> sparkJvmFlags() {
        List<String> out = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) out.add(a);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IllegalStateException("the Spark master exited: " + Files.readString(home.resolve("Master.log")));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("the Spark master did not listen on " + port);
    }

    static Dataset data() {
        Random r = new Random(5);
        double[][] x = new double[200][2];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i][0] = -2 + 4 * r.nextDouble();
            x[i][1] = -2 + 4 * r.nextDouble();
            y[i] = x[i][0] * x[i][0] + Math.sin(x[i][1]);
        }
        return Dataset.of(x, y);
    }

    static SymbolicRegressor.Builder search() {
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.SIN)
                .islands(4).populationSize(100).generations(40).generationsPerEpoch(10).seed(3).simplify(false);
    }

    @Test
    void islandSearchOnTheClusterEqualsThreads() {
        ParetoFront threads = search().threads(2).build().fit(data());
        try (SparkContexts.Handle spark = SparkContexts.start(master, "distill-standalone-test")) {
            ParetoFront cluster = search().executor(new SparkIslandExecutor(spark.context(), 1)).build().fit(data());
            assertThat(cluster.equations()).isEqualTo(threads.equations());
            assertThat(cluster.provenance().evaluations()).isEqualTo(threads.provenance().evaluations());
        }
    }

    @Test
    void anExecutorKilledDuringAnEpochIsRetriedAndTheFrontIsUnchanged() throws Exception {
        // longer epochs than the other search, so that the kill lands while the second epoch's tasks run
        SymbolicRegressor.Builder b = search().populationSize(200).generations(60).generationsPerEpoch(20);
        ParetoFront threads = b.threads(2).build().fit(data());
        try (SparkContexts.Handle spark = SparkContexts.start(master, "distill-fault-test")) {
            java.util.concurrent.CountDownLatch secondEpoch = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger killed = new java.util.concurrent.atomic.AtomicInteger();
            spark.context().sc().addSparkListener(new SparkListener() {
                @Override public void onTaskStart(SparkListenerTaskStart e) {
                    if (starts.incrementAndGet() == 5) secondEpoch.countDown(); // 4 islands per epoch
                }

                @Override public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
                    if (e.taskInfo().failed() || e.taskInfo().killed()) failed.incrementAndGet();
                }
            });
            Thread killer = new Thread(() -> {
                try {
                    secondEpoch.await();
                    for (ProcessHandle h : executors()) if (h.destroyForcibly()) killed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "executor-killer");
            killer.setDaemon(true);
            killer.start();
            SparkIslandExecutor executor = new SparkIslandExecutor(spark.context(), 1);
            ParetoFront cluster = b.executor(executor).build().fit(data());
            killer.join(10_000);
            assertThat(killed.get()).as("executor JVMs killed").isPositive();
            assertThat(failed.get()).as("tasks lost with the executor (then run again)").isPositive();
            // the new executors did not hold the islands: they were rebuilt from the driver's checkpoint
            assertThat(executor.traffic().replays()).as("islands replayed from a checkpoint").isPositive();
            assertThat(cluster.equations()).isEqualTo(threads.equations());
            assertThat(cluster.provenance().evaluations()).isEqualTo(threads.provenance().evaluations());
        }
    }

    /**
     * The executor JVMs: the worker's child processes (it starts nothing else; their command lines,
     * with this class path, are too long for {@code ProcessHandle.Info} to report).
     */
    private static List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (Process p : started) p.descendants().forEach(out::add);
        return out;
    }

    @Test
    void threeProblemBenchmarkThroughTheCommandLine() throws IOException {
        Path results = home.resolve("results.csv");
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = DistillCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute("bench", "feynman", "--problems", "I.12.1,I.14.4,II.3.24", "--generations", "10",
                "--time", "300", "--rows", "200", "--out", results.toString(), "--spark", master);
        assertThat(status).as(out + "\n" + err).isZero();
        List<BenchResult> rows = ResultsCsv.read(results);
        assertThat(rows).extracting(BenchResult::problem).containsExactlyInAnyOrder("I.12.1", "I.14.4", "II.3.24");
        Optional<BenchResult> mu = rows.stream().filter(r -> r.problem().equals("I.12.1")).findFirst();
        assertThat(mu.orElseThrow().r2()).as(mu.get().equation()).isGreaterThan(0.999); // F = mu·N: found in 10 generations
        // resumable: the same command again has nothing left to run
        StringWriter again = new StringWriter();
        cl.setErr(new PrintWriter(again));
        assertThat(cl.execute("bench", "feynman", "--problems", "I.12.1,I.14.4,II.3.24", "--generations", "10",
                "--time", "300", "--rows", "200", "--out", results.toString(), "--spark", master)).isZero();
        assertThat(again.toString()).contains("3 of 3 equations already in");
        assertThat(ResultsCsv.read(results)).hasSize(3);
    }
}
