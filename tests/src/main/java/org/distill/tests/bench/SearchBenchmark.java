package org.distill.tests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;

/**
 * Search throughput and thread scaling: the same fixed generation budget with 1 and 2 threads,
 * alternating, several repeats; reports median wall time, evaluations per second and the speed-up,
 * and checks that both thread counts give the same front (determinism).
 *
 * <pre>java -cp ... org.distill.tests.bench.SearchBenchmark [--repeats N] [--generations N] [--rows N]
 *     [--islands N] [--population N]</pre>
 */
public final class SearchBenchmark {
    private SearchBenchmark() {}

    public static void main(String[] args) {
        int repeats = 5, generations = 100, rows = 1000, islands = 8, population = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--generations" -> generations = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--islands" -> islands = Integer.parseInt(args[++i]);
                case "--population" -> population = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "': expected --repeats N, --generations N, --rows N, --islands N or --population N");
            }
        }
        // A law the search does not solve at once, so that every run does the full budget of work.
        Random r = new Random(1);
        double[][] x = new double[rows][3];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) x[i][j] = 1 + 4 * r.nextDouble();
            y[i] = x[i][0] * Math.exp(-x[i][1] / x[i][2]) + Math.sqrt(x[i][0] * x[i][2]);
        }
        Dataset data = Dataset.of(x, y).withVariables("a", "b", "c");
        SymbolicRegressor.Builder b = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT, Op.EXP)
                .islands(islands).populationSize(population)
                .generations(generations).seed(11).simplify(false);
        System.out.printf(Locale.ROOT, "%s; load average at start %s%n", BenchMachine.describe(), BenchMachine.loadAverage());
        System.out.printf(Locale.ROOT, "data: %d rows, 3 variables; %d generations x %d islands x %d individuals; %d repeats%n",
                rows, generations, b.build().options().islands(), b.build().options().populationSize(), repeats);
        b.threads(1).build().fit(data); // warm-up
        b.threads(2).build().fit(data);
        List<Double> t1 = new ArrayList<>(), t2 = new ArrayList<>();
        long evals = 0;
        ParetoFront f1 = null, f2 = null;
        for (int k = 0; k < repeats; k++) {
            long s = System.nanoTime();
            f1 = b.threads(1).build().fit(data);
            t1.add((System.nanoTime() - s) / 1e9);
            s = System.nanoTime();
            f2 = b.threads(2).build().fit(data);
            t2.add((System.nanoTime() - s) / 1e9);
            evals = f1.provenance().evaluations();
        }
        double m1 = BenchMachine.median(t1), m2 = BenchMachine.median(t2);
        System.out.printf(Locale.ROOT, "| threads | median wall (s) | evaluations | evaluations/s |%n|---:|---:|---:|---:|%n");
        System.out.printf(Locale.ROOT, "| 1 | %.2f | %d | %.0f |%n", m1, evals, evals / m1);
        System.out.printf(Locale.ROOT, "| 2 | %.2f | %d | %.0f |%n", m2, f2.provenance().evaluations(), f2.provenance().evaluations() / m2);
        System.out.printf(Locale.ROOT, "speed-up 1 -> 2 threads: %.2fx; fronts identical: %s%n", m1 / m2,
                f1.equations().equals(f2.equations()));
        System.out.println("times 1 thread: " + t1 + "\ntimes 2 threads: " + t2);
        System.out.println("load average at end " + BenchMachine.loadAverage());
    }
}
