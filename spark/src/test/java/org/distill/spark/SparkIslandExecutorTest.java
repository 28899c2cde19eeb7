package org.distill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Embedded Spark ({@code local[2]}, one context for the class: starting Spark takes seconds): the
 * island search gives exactly the threaded front; a campaign of directory tasks runs what is
 * missing and resumes.
 */
class SparkIslandExecutorTest {
    private static SparkContexts.Handle spark;

    @BeforeAll static void start() {
        spark = SparkContexts.start("local[2]", "distill-test");
    }

    @AfterAll static void stop() {
        if (spark != null) spark.close();
    }

    static Dataset data() {
        Random r = new Random(5);
        double[][] x = new double[100][2];
        double[] y = new double[100];
        for (int i = 0; i < 100; i++) {
            x[i][0] = -2 + 4 * r.nextDouble();
            x[i][1] = -2 + 4 * r.nextDouble();
            y[i] = x[i][0] * x[i][0] + Math.sin(x[i][1]);
        }
        return Dataset.of(x, y);
    }

    static SymbolicRegressor.Builder small() {
        return SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.SIN)
                .islands(3).populationSize(30).generations(9).generationsPerEpoch(3).seed(7).simplify(false);
    }

    @Test
    void localTwoGivesTheThreadedFront() {
        Dataset data = data();
        ParetoFront threads = small().threads(2).build().fit(data);
        for (int perTask : new int[] {2}) { // 2 tasks: one with two islands, one with one
            ParetoFront onSpark = small().threads(1).executor(new SparkIslandExecutor(spark.context(), perTask)).build().fit(data);
            assertThat(onSpark.equations()).as("%d islands per task", perTask).isEqualTo(threads.equations());
            assertThat(onSpark.provenance().evaluations()).isEqualTo(threads.provenance().evaluations());
        }
    }

    /** Writes {@code name}.txt holding the square of {@code n}. */
    record Square(String name, int n) implements SparkTasks.DirectoryTask {
        @Override public java.util.List<String> outputs() { return java.util.List.of(name + ".txt"); }

        @Override public void run(java.nio.file.Path dir) throws java.io.IOException {
            java.nio.file.Path tmp = dir.resolve(name + ".tmp");
            java.nio.file.Files.writeString(tmp, Integer.toString(n * n));
            java.nio.file.Files.move(tmp, dir.resolve(name + ".txt"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Test
    void campaignRunsTheMissingTasksAndResumes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.util.List<Square> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) tasks.add(new Square("sim" + i, i + 2));
        java.nio.file.Files.writeString(dir.resolve("sim1.txt"), "done before"); // finished in an earlier run
        java.util.List<String> seen = new java.util.ArrayList<>();
        int ran = SparkTasks.runMissing(spark.context(), tasks, dir, t -> seen.add(t.name()), null);
        assertThat(ran).isEqualTo(4);
        assertThat(seen).containsExactlyInAnyOrder("sim0", "sim2", "sim3", "sim4");
        for (Square t : tasks) {
            String want = t.name().equals("sim1") ? "done before" : Integer.toString(t.n() * t.n());
            assertThat(java.nio.file.Files.readString(dir.resolve(t.name() + ".txt"))).isEqualTo(want);
        }
        assertThat(SparkTasks.runMissing(spark.context(), tasks, dir, null, null)).isZero();
    }

    @Test
    void resultsComeBackWithTheirInputs() throws Exception {
        java.util.Map<Integer, Integer> got = new java.util.TreeMap<>();
        int n = SparkTasks.run(spark.context(), java.util.List.of(3, 4, 5), new Cube(), got::put, null);
        assertThat(n).isEqualTo(3);
        assertThat(got).isEqualTo(java.util.Map.of(3, 27, 4, 64, 5, 125));
    }

    static final class Cube implements org.apache.spark.api.java.function.Function<Integer, Integer> {
        @Override public Integer call(Integer v) { return v * v * v; }
    }

    @Test
    void oneTaskPerCoreGroupsTheIslandsAndKeepsTheFront() {
        assertThat(SparkIslandExecutor.islandsPerTask(8, 2)).isEqualTo(4);
        assertThat(SparkIslandExecutor.islandsPerTask(9, 2)).as("never fewer tasks than cores").isEqualTo(4);
        assertThat(SparkIslandExecutor.islandsPerTask(3, 16)).isEqualTo(1);
        assertThat(SparkIslandExecutor.islandsPerTask(100_000, 1)).isEqualTo(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkIslandExecutor.islandsPerTask(0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("islands must be at least 1: 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkIslandExecutor.islandsPerTask(4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cores must be at least 1: 0");
        Dataset data = data();
        ParetoFront threads = small().threads(2).build().fit(data);
        ParetoFront onSpark = small().threads(1).executor(SparkIslandExecutor.perCore(spark.context(), 3)).build().fit(data);
        assertThat(onSpark.equations()).isEqualTo(threads.equations());
    }

    @Test
    void badMastersAreRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkContexts.checkMaster("locl[2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown Spark master 'locl[2]'");
        assertThat(SparkContexts.checkMaster(" spark://10.0.0.1:7077 ")).isEqualTo("spark://10.0.0.1:7077");
        assertThat(SparkContexts.isLocal("local[*]")).isTrue();
    }
}
