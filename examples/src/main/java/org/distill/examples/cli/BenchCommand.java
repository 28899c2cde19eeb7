package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.bench.BenchResult;
import org.distill.examples.bench.BenchSummary;
import org.distill.examples.bench.FeynmanBenchmark;
import org.distill.examples.bench.FeynmanProblem;
import org.distill.examples.bench.FeynmanTable;
import org.distill.examples.bench.ResultsCsv;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Op;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code distill bench}: the Feynman benchmark and the summary of its results. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = DistillCommand.Version.class,
        description = "Benchmarks: recovery of known laws.",
        subcommands = {BenchCommand.Feynman.class, BenchCommand.Summary.class},
        footer = {"", "Examples:", "  distill bench feynman --problems I.12.1,II.11.3 --time 20",
                "  distill bench feynman --out results.csv      (resumes: finished problems are skipped)",
                "  distill bench summary results.csv --plot recovery.png"})
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code distill bench feynman}. */
    @Command(name = "feynman",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            versionProvider = DistillCommand.Version.class,
            description = "Runs Distill on the 100 Feynman equations (AI Feynman's table, built in) and scores each "
                    + "the SRBench way: exact when the chosen equation equals the truth up to an additive or "
                    + "multiplicative constant (decided by Symja after snapping constants), accurate when R² > 0.999 "
                    + "on fresh test points.",
            footer = {"", "Each finished equation is appended to --out at once; running the same command again skips "
                    + "the equations already there (same rows, noise, seed and time). Ctrl-C stops after saving "
                    + "what is finished.", "",
                    "Exit status: 0 ok, 1 data or file error, 2 usage error."})
    static final class Feynman implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--problems", split = ",", paramLabel = "NAME", description = "Only these equations (e.g. I.6.2,II.11.3).")
        List<String> problems;

        @Option(names = "--table", paramLabel = "FILE.csv", description = "Another equation table of the same shape.")
        Path table;

        @Mixin SharedOptions.Time time;

        @Option(names = "--generations", paramLabel = "N",
                description = "Also stop after N generations per island: a budget that does not depend on the machine.")
        Long generations;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "1000", description = "Training rows (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0",
                description = "Gaussian noise on the target, times std(y) (default: ${DEFAULT-VALUE}).")
        double noise;

        @Mixin SharedOptions.Seed seed;
        @Mixin SharedOptions.Threads threads;

        @Option(names = "--ops", split = ",", paramLabel = "OP",
                description = "Operators (default: " + DiscoverCommand.DEFAULT_OPS + "); also acos, atan, sinh, cosh, tanh.")
        List<String> ops;

        @Option(names = "--out", paramLabel = "RESULTS.csv", description = "Append results here (and resume from it).")
        Path out;

        @Option(names = "--units", description = "Give each equation's variables their units (AI Feynman's units table, "
                + "built in) and search with them; keep such results in their own --out file (the file does not record it).")
        boolean units;

        @Option(names = "--units-mode", paramLabel = "penalty|forbid",
                description = "With --units: penalise (default) or forbid dimensionally inconsistent candidates.")
        String unitsMode;

        @Option(names = "--dimensionless-constants", description = "With --units: constants are pure numbers.")
        boolean dimensionlessConstants;

        @Option(names = "--linear", negatable = true,
                description = "Search with the linear-combination step, as discover (default: on from "
                        + SymbolicRegressor.DEFAULT_LINEAR_MIN_ROWS + " rows; --linear: on whatever the rows); runs "
                        + "with --[no-]linear go in their own --out file (the file does not record it).")
        Boolean linear;

        @Option(names = "--candidate-features", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Search with candidate features of pairs of inputs (discover --candidate-features; on by "
                        + "default); runs with --no-candidate-features go in their own --out file (the file does not record it).")
        boolean candidateFeatures = true;

        @Option(names = "--log-target", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Search log|y| first for a tenth of the budget, as discover (on by default); runs with "
                        + "--no-log-target go in their own --out file (the file does not record it).")
        boolean logTarget = true;

        @Option(names = "--power-targets", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Search 1/y and y^2 for a fortieth of the budget each after the log-target stage, as "
                        + "discover (on by default); runs with --no-power-targets go in their own --out file.")
        boolean powerTargets = true;

        @Option(names = "--restart-generations", paramLabel = "N", defaultValue = "0",
                description = "Island restarts after N generations without a 1 %% gain, as discover (default 0: never); "
                        + "runs with another value go in their own --out file.")
        int restartGenerations;

        @picocli.CommandLine.Mixin SparkOptions spark;

        @Override public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            spark.check();
            if (spark.enabled() && (linear != null || !candidateFeatures || !logTarget || !powerTargets)) {
                throw Failure.usage((linear != null ? (linear ? "--linear" : "--no-linear")
                        : !candidateFeatures ? "--no-candidate-features" : !logTarget ? "--no-log-target" : "--no-power-targets")
                        + " cannot be combined with --spark yet");
            }
            FeynmanBenchmark.Settings settings = settings();
            if (spark.enabled() && threads.value == null) settings = settings.withThreads(1); // one core per task
            List<FeynmanProblem> all = table();
            List<FeynmanProblem> chosen;
            try {
                chosen = problems == null ? all : FeynmanTable.select(all, problems);
            } catch (IllegalArgumentException e) {
                throw Failure.usage(e.getMessage());
            }
            List<BenchResult> done = new ArrayList<>();
            if (this.out != null) {
                if (Files.isDirectory(this.out)) throw Failure.usage("--out " + this.out + " is a directory");
                Path parent = this.out.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw Failure.data("--out " + this.out + ": the folder " + parent + " does not exist");
                }
                if (Files.exists(this.out)) done = readResults(this.out);
            }
            List<FeynmanProblem> todo = FeynmanBenchmark.remaining(chosen, done, settings);
            if (todo.size() < chosen.size()) {
                err.printf(Locale.ROOT, "distill: %d of %d equations already in %s; running the other %d%n",
                        chosen.size() - todo.size(), chosen.size(), this.out, todo.size());
            }
            out.printf(Locale.ROOT, "Feynman benchmark: %d equations, %s s each, %d rows, noise %s, seed %d, %d threads%s%n",
                    todo.size(), fmt(time.seconds), rows, fmt(noise), seed.value, settings.threads(),
                    (settings.units() == null ? "" : ", units: " + settings.units()) + linearNote()
                    + (candidateFeatures ? ", candidate features" : ", no candidate features")
                    + (logTarget ? ", log-target stage" : ", no log-target stage")
                    + (powerTargets ? ", power-target stages" : ", no power-target stages")
                    + (restartGenerations > 0 ? ", island restarts after " + restartGenerations + " generations" : ""));
            out.flush();

            AtomicBoolean cancel = new AtomicBoolean();
            List<BenchResult> results = new ArrayList<>();
            try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds(30), () -> {
                cancel.set(true);
                return "interrupted; the equations finished so far are saved";
            })) {
                if (spark.enabled()) {
                    // one problem per Spark task; each result is saved here as its task finishes
                    try (org.distill.spark.SparkContexts.Handle cluster = spark.start()) {
                        org.distill.examples.bench.SparkFeynman.run(cluster.context(), todo, settings, r -> {
                            if (cancel.get()) return;
                            try {
                                saved(r, results, todo.size(), out);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }, cancel::get);
                    } catch (java.io.UncheckedIOException e) {
                        throw e.getCause();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IllegalStateException e) {
                        throw Failure.data("--spark: " + e.getMessage());
                    }
                } else {
                    for (FeynmanProblem p : todo) {
                        BenchResult r = FeynmanBenchmark.run(p, settings,
                                b -> (linear == null ? b : b.linear(linear).linearMinRows(0)).features(candidateFeatures)
                                        .logTarget(logTarget).powerTargets(powerTargets)
                                        .restartGenerations(restartGenerations),
                                cancel);
                        if (cancel.get()) break; // a shortened run is not a result
                        saved(r, results, todo.size(), out);
                    }
                }
            }
            if (!results.isEmpty()) {
                BenchSummary s = BenchSummary.of(results);
                for (String g : s.settings()) {
                    out.printf(Locale.ROOT, "%nexact: %.1f %%   accurate (R² > 0.999): %.1f %%   median time to exact: %s s   (%d equations this run)%n",
                            100 * s.exactRate(g), 100 * s.accuracyRate(g), fmt(s.medianTimeToExact(g)), s.results(g).size());
                }
                if (this.out != null) out.println("results: " + this.out + " (distill bench summary " + this.out + ")");
            }
            out.flush();
            return 0;
        }

        /** Whether the search has the linear step, for the header: by default from DEFAULT_LINEAR_MIN_ROWS rows. */
        private String linearNote() {
            int min = SymbolicRegressor.DEFAULT_LINEAR_MIN_ROWS;
            if (linear == null) return rows >= min ? ", linear terms" : ", no linear terms (fewer than " + min + " rows)";
            return linear ? ", linear terms" : ", no linear terms";
        }

        /** Appends a finished problem to --out and prints its line. */
        private void saved(BenchResult r, List<BenchResult> results, int of, PrintWriter out) throws IOException {
            results.add(r);
            if (this.out != null) ResultsCsv.append(this.out, r);
            out.printf(Locale.ROOT, "[%d/%d] %-10s %-8s R²=%-12s %6.1f s  %s%n", results.size(), of, r.problem(),
                    r.exact() ? "exact" : r.accurate() ? "accurate" : "no", r2(r.r2()), r.elapsed(), r.equation());
            out.flush();
        }

        private FeynmanBenchmark.Settings settings() {
            Duration budget = time.duration();
            List<Op> operators = new ArrayList<>();
            try {
                for (String name : ops == null ? List.<String>of() : ops) operators.add(FeynmanProblem.operator(name.strip()));
            } catch (IllegalArgumentException e) {
                throw Failure.usage(e.getMessage());
            }
            try {
                FeynmanBenchmark.Settings s = FeynmanBenchmark.Settings.defaults().withTime(budget).withRows(rows).withNoise(noise)
                        .withSeed(seed.value).withOperators(ops == null ? Op.DEFAULTS : operators);
                if (generations != null) s = s.withGenerations(generations);
                if (units) s = s.withUnits(unitRules());
                else if (unitsMode != null || dimensionlessConstants) {
                    throw Failure.usage((unitsMode != null ? "--units-mode" : "--dimensionless-constants") + " needs --units");
                }
                return threads.value == null ? s : s.withThreads(threads.value);
            } catch (IllegalArgumentException e) {
                throw Failure.usage(e, "time", "--time", "rows", "--rows", "noise", "--noise", "threads", "--threads",
                        "generations", "--generations");
            }
        }

        private org.distill.symbolic.units.Units unitRules() {
            org.distill.symbolic.units.Units u = org.distill.symbolic.units.Units.DEFAULT;
            if (unitsMode != null) {
                try {
                    u = u.withMode(org.distill.symbolic.units.Units.Mode.named(unitsMode));
                } catch (IllegalArgumentException e) {
                    throw Failure.usage("--units-mode: " + e.getMessage());
                }
            }
            return u.withDimensionlessConstants(dimensionlessConstants);
        }

        private List<FeynmanProblem> table() {
            if (table == null) return FeynmanTable.builtIn();
            try {
                return FeynmanTable.read(table);
            } catch (java.nio.file.NoSuchFileException e) {
                throw Failure.data(table + ": no such file");
            } catch (IOException e) {
                throw Failure.data(table + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw Failure.data(e.getMessage());
            }
        }
    }

    /** {@code distill bench summary}. */
    @Command(name = "summary",
            mixinStandardHelpOptions = true,
            versionProvider = DistillCommand.Version.class,
            description = "Summarises a results file of 'distill bench feynman': recovery rates, median times and a "
                    + "table per equation (Markdown), optionally a plot of recovery rate against time budget.",
            footer = {"", "Exit status: 0 ok, 1 data or file error, 2 usage error."})
    static final class Summary implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RESULTS.csv", description = "The results file.")
        Path file;

        @Mixin SharedOptions.Plot plot;

        @Override public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<BenchResult> results = readResults(file);
            if (results.isEmpty()) throw Failure.data(file + ": no results yet");
            BenchSummary s = BenchSummary.of(results);
            out.print(s.markdown());
            Path png = plot.path;
            if (png != null) {
                Path parent = png.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw Failure.data("--plot " + png + ": the folder " + parent + " does not exist");
                }
                try {
                    s.plot(png);
                } catch (IOException e) {
                    throw Failure.data("--plot " + png + ": " + e.getMessage());
                }
                out.println("plot: " + png);
            }
            out.flush();
            return 0;
        }
    }

    static List<BenchResult> readResults(Path file) {
        try {
            return ResultsCsv.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw Failure.data(file + ": no such file");
        } catch (IOException e) {
            throw Failure.data(file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Failure.data(e.getMessage());
        }
    }

    private static String fmt(double v) { return Double.isNaN(v) ? "–" : ProgressBar.fmt(v); }

    private static String r2(double v) {
        return v >= 1 ? "1" : v > 0.999 ? String.format(Locale.ROOT, "1-%.1e", 1 - v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
