package org.distill.examples.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.algebra.SymjaEngine;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Printer;
import org.distill.symbolic.units.Units;

/**
 * Runs Distill on Feynman equations and scores each run the SRBench way: the chosen equation is a
 * <em>symbolic solution</em> when it equals the truth up to an additive or multiplicative constant
 * ({@link SolutionCheck}), an <em>accuracy solution</em> when its R² on fresh noise-free points
 * exceeds 0.999. The time to solution is when an exact equation first appeared in the search's
 * front (fronts are recorded after every epoch and checked after the run, so that checking costs no
 * search time).
 */
public final class FeynmanBenchmark {

    /**
     * Settings of a benchmark run.
     *
     * @param time      search budget per equation
     * @param rows      training rows (and as many test rows)
     * @param noise     relative Gaussian noise on the training target
     * @param seed      data and search seed
     * @param threads   search threads
     * @param operators the operator set
     * @param stopNmse  the search stops once the best normalised MSE (MSE / var y) falls to this
     *                  (0: never); the default stops at 1e-14 when noise is 0, since nothing but the
     *                  law itself fits that well
     * @param generations generations per island as a further budget (0: none); with it, and a
     *                  time limit that is not reached, a run does not depend on the machine's speed
     * @param units     null: no units; otherwise each problem's data gets its units from AI Feynman's
     *                  units table ({@link FeynmanUnits}) and the search these rules
     */
    public record Settings(Duration time, int rows, double noise, long seed, int threads, List<Op> operators,
                           double stopNmse, long generations, Units units) {
        public Settings {
            Objects.requireNonNull(time, "time");
            if (time.isNegative() || time.isZero()) throw new IllegalArgumentException("time must be positive: " + time);
            if (rows < 10) throw new IllegalArgumentException("rows must be at least 10: " + rows);
            if (!(noise >= 0 && noise <= 10)) throw new IllegalArgumentException("noise must be in [0, 10]: " + noise);
            if (threads < 1) throw new IllegalArgumentException("threads must be positive: " + threads);
            operators = List.copyOf(operators);
            if (!(stopNmse >= 0)) throw new IllegalArgumentException("stopNmse must be >= 0: " + stopNmse);
            if (generations < 0) throw new IllegalArgumentException("generations must be >= 0: " + generations);
        }

        /** Defaults: 60 s, 1 000 rows, noise 0, seed 0, all cores, the default operators plus none. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), 1000, 0, 0, Runtime.getRuntime().availableProcessors(),
                    Op.DEFAULTS, 1e-14, 0, null);
        }

        public Settings withTime(Duration v) { return new Settings(v, rows, noise, seed, threads, operators, stopNmse, generations, units); }
        public Settings withRows(int v) { return new Settings(time, v, noise, seed, threads, operators, stopNmse, generations, units); }
        public Settings withNoise(double v) {
            return new Settings(time, rows, v, seed, threads, operators, v > 0 ? 0 : stopNmse, generations, units);
        }
        public Settings withSeed(long v) { return new Settings(time, rows, noise, v, threads, operators, stopNmse, generations, units); }
        public Settings withThreads(int v) { return new Settings(time, rows, noise, seed, v, operators, stopNmse, generations, units); }
        public Settings withOperators(List<Op> v) { return new Settings(time, rows, noise, seed, threads, v, stopNmse, generations, units); }
        public Settings withStopNmse(double v) { return new Settings(time, rows, noise, seed, threads, operators, v, generations, units); }
        public Settings withGenerations(long v) { return new Settings(time, rows, noise, seed, threads, operators, stopNmse, v, units); }
        /** With units (null: none). */
        public Settings withUnits(Units v) { return new Settings(time, rows, noise, seed, threads, operators, stopNmse, generations, v); }
    }

    private FeynmanBenchmark() {}

    /** AI Feynman's units table, read when first needed. */
    private static final class UnitsTable {
        static final Map<String, org.distill.symbolic.units.Dimension> TABLE = FeynmanUnits.builtIn();
    }

    /** Budget of the symbolic check of one model. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** Test points used by the symbolic check's numeric screen. */
    private static final int CHECK_ROWS = 200;

    /**
     * Runs one equation.
     *
     * @param cancel set to stop the search early (the result then reflects a shortened budget)
     */
    public static BenchResult run(FeynmanProblem problem, Settings settings, AtomicBoolean cancel) {
        return run(problem, settings, b -> { }, cancel);
    }

    /**
     * Runs one equation with further search options set by {@code configure} on the builder (after
     * the settings, so it may override them): for experiments with the engine's parameters.
     */
    public static BenchResult run(FeynmanProblem problem, Settings settings,
                                  java.util.function.Consumer<SymbolicRegressor.Builder> configure, AtomicBoolean cancel) {
        SymjaEngine.warmUpInBackground();
        FeynmanProblem.Samples s = problem.sample(settings.rows(), settings.seed(), settings.noise());
        org.distill.symbolic.Dataset train = settings.units() == null ? s.train()
                : s.train().withUnits(FeynmanUnits.of(problem, UnitsTable.TABLE));
        double[] y = s.train().y();
        double var = Math.pow(FeynmanProblem.std(y), 2);
        Map<Expr, Double> firstSeen = new LinkedHashMap<>();
        SymbolicRegressor.Builder b = SymbolicRegressor.builder()
                .operators(settings.operators())
                .timeLimit(settings.time())
                .seed(settings.seed())
                .threads(settings.threads())
                .listener(p -> {
                    double t = p.elapsed().toNanos() / 1e9;
                    for (Equation e : p.front().equations()) firstSeen.putIfAbsent(e.expression(), t);
                });
        if (settings.stopNmse() > 0 && var > 0) b.targetLoss(settings.stopNmse() * var);
        if (settings.generations() > 0) b.generations(settings.generations());
        if (settings.units() != null) b.units(settings.units());
        configure.accept(b);
        long t0 = System.nanoTime();
        ParetoFront front = b.build().fit(train, cancel);
        double elapsed = (System.nanoTime() - t0) / 1e9;

        double[][] testRows = s.testRows();
        SolutionCheck check = new SolutionCheck(problem.truth(), problem.variables().size(), problem.nonNegative(),
                java.util.Arrays.copyOf(testRows, Math.min(CHECK_ROWS, testRows.length)), CHECK_TIMEOUT);
        Equation chosen = front.best();
        boolean exact = check.check(chosen.expression()).exact();
        boolean exactInFront = exact;
        for (Equation e : front.equations()) {
            if (exactInFront) break;
            exactInFront = check.check(e.expression()).exact();
        }
        double timeToExact = Double.NaN;
        if (exactInFront) {
            for (Map.Entry<Expr, Double> en : firstSeen.entrySet()) {
                if (check.check(en.getKey()).exact()) {
                    timeToExact = en.getValue();
                    break;
                }
            }
            if (Double.isNaN(timeToExact)) timeToExact = elapsed; // found by the final simplification
        }
        double r2 = r2(chosen.predict(testRows), s.testY());
        return new BenchResult(problem.name(), problem.variables().size(), settings.rows(), settings.noise(),
                settings.seed(), settings.time().toMillis() / 1000.0, exact, exactInFront, r2, timeToExact, elapsed,
                chosen.complexity(), front.provenance().evaluations(), chosen.toString(), problem.formula());
    }

    /** Coefficient of determination; non-finite predictions give −∞. */
    static double r2(double[] predicted, double[] actual) {
        double mean = 0;
        for (double v : actual) mean += v;
        mean /= actual.length;
        double ssr = 0, sst = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(predicted[i])) return Double.NEGATIVE_INFINITY;
            ssr += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return sst > 0 ? 1 - ssr / sst : (ssr == 0 ? 1 : Double.NEGATIVE_INFINITY);
    }

    /** The expression in plain syntax over the problem's variable names. */
    static String plain(Expr e, FeynmanProblem p) {
        return Printer.plain(e, p.variableNames());
    }

    /** Problems of {@code all} whose result is not yet in {@code done} for these settings. */
    public static List<FeynmanProblem> remaining(List<FeynmanProblem> all, List<BenchResult> done, Settings s) {
        var keys = new java.util.HashSet<String>();
        for (BenchResult r : done) keys.add(r.key());
        List<FeynmanProblem> out = new ArrayList<>();
        for (FeynmanProblem p : all) {
            String key = p.name() + "|" + BenchResult.Settings.key(s.rows(), s.noise(), s.seed(), s.time().toMillis() / 1000.0);
            if (!keys.contains(key)) out.add(p);
        }
        return out;
    }
}
