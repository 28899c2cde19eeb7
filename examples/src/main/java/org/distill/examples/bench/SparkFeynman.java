package org.distill.examples.bench;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.distill.spark.SparkTasks;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.units.Units;

/**
 * The Feynman benchmark on Apache Spark: one problem per task ({@link SparkTasks}), each run by
 * {@link FeynmanBenchmark#run} on an executor with the same settings, its {@link BenchResult}
 * handed back to the driver as soon as it is finished (to be appended to the results file there).
 * A problem's result does not depend on where it ran when a generation budget bounds the search.
 */
public final class SparkFeynman {
    private SparkFeynman() {}

    /**
     * Runs the problems; {@code onResult} sees each result on this thread as its task finishes.
     *
     * @param stop cancels the tasks not finished (their problems have no result)
     * @return results handed over
     */
    public static int run(JavaSparkContext spark, List<FeynmanProblem> problems, FeynmanBenchmark.Settings settings,
                          Consumer<BenchResult> onResult, BooleanSupplier stop) throws InterruptedException {
        return SparkTasks.run(spark, problems, new RunProblem(PortableSettings.of(settings)),
                (p, r) -> onResult.accept(r), stop);
    }

    /** The settings with operators by name (operators are not serialisable). */
    record PortableSettings(Duration time, int rows, double noise, long seed, int threads, List<String> operators,
                            double stopNmse, long generations, Units units) implements Serializable {
        static PortableSettings of(FeynmanBenchmark.Settings s) {
            List<String> ops = new ArrayList<>();
            for (Op op : s.operators()) {
                if (!op.isBuiltin() || op.complexity() != 1) {
                    throw new IllegalArgumentException("operator " + op + " cannot be sent to Spark executors: only built-in operators of complexity 1");
                }
                ops.add(op.name());
            }
            return new PortableSettings(s.time(), s.rows(), s.noise(), s.seed(), s.threads(), ops, s.stopNmse(),
                    s.generations(), s.units());
        }

        FeynmanBenchmark.Settings settings() {
            List<Op> ops = operators.stream().map(FeynmanProblem::operator).toList();
            return new FeynmanBenchmark.Settings(time, rows, noise, seed, threads, ops, stopNmse, generations, units);
        }
    }

    /** The task: one problem. Holds only the portable settings. */
    static final class RunProblem implements Function<FeynmanProblem, BenchResult> {
        private static final long serialVersionUID = 1L;
        private final PortableSettings settings;

        RunProblem(PortableSettings settings) { this.settings = settings; }

        @Override public BenchResult call(FeynmanProblem problem) {
            return FeynmanBenchmark.run(problem, settings.settings(), new AtomicBoolean());
        }
    }
}
