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

/** The island search in local[2] Spark gives exactly the threaded front. */
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
}
