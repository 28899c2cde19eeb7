package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.Progress;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.Provenance;
import org.distill.symbolic.Selection;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.io.CsvTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code distill discover FILE.csv --target COL}: reads the table, runs the search, prints the
 * Pareto front and the chosen equation (text and LaTeX), and optionally writes the front as JSON
 * and as a CSV file that a later run can {@code --resume} from.
 *
 * <p>Everything that can be checked is checked before the search starts. Ctrl-C stops the search
 * at the next epoch; the front found so far is still printed and saved.
 */
@Command(name = "discover",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Finds equations that predict the target column of a CSV file from the other columns, "
                + "and prints the Pareto front (complexity vs loss) and the chosen equation in text and LaTeX.",
        footer = {"",
                "The CSV file needs a header row naming the columns (letters, digits and _); lines starting "
                        + "with # are comments. The budget is --generations and/or --time; with neither, 100 "
                        + "generations. With a seed and a generation budget the result does not depend on "
                        + "--threads. Ctrl-C stops the search early and still prints and saves the front.",
                "",
                "Examples:",
                "  distill discover examples/data/kepler.csv --target period",
                "  distill discover data.csv --target F --ops '+,-,*,/,square' --time 60",
                "  distill discover data.csv --target y --output f.csv --resume f.csv",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class DiscoverCommand implements Callable<Integer> {
    /** Shown in --help; {@code DistillCommandTest} checks it against {@link Op#DEFAULTS}. */
    static final String DEFAULT_OPS = "+,-,*,/,sqrt,exp,log,sin,cos,asin";
    private static final long AUTOSAVE_NANOS = 5_000_000_000L;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "The data: a CSV file with a header row.")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "The column to predict.")
    String target;

    @Option(names = "--features", split = ",", paramLabel = "COL",
            description = "The columns to predict it from, comma-separated (default: all other columns).")
    List<String> features;

    @Option(names = "--ops", split = ",", paramLabel = "OP",
            description = "Operators, comma-separated, from + - * / ^ neg square cube sqrt exp log sin cos tan "
                    + "abs inv asin acos atan sinh cosh tanh (default: " + DEFAULT_OPS + "). Quote the list in the shell.")
    List<String> ops;

    @Option(names = "--max-complexity", paramLabel = "N",
            description = "Largest equation complexity, 3 to 200 (default: 30).")
    Integer maxComplexity;

    @Option(names = "--generations", paramLabel = "N",
            description = "Stop after N generations (default: 100 if --time is not given either).")
    Long generations;

    @Mixin SharedOptions.Time time;
    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Threads threads;

    @Option(names = "--population", paramLabel = "N", description = "Individuals per island (default: 200).")
    Integer population;

    @Option(names = "--islands", paramLabel = "N", description = "Number of islands (default: 8).")
    Integer islands;

    @Option(names = "--restart-generations", paramLabel = "N",
            description = "When the best loss has not improved by 1 %% for N generations, restart the next island "
                    + "from a fresh population, which then evolves N generations without migrants (default: 0, never).")
    Integer restartGenerations;

    @Option(names = "--loss", paramLabel = "mse|mae|huber", defaultValue = "mse",
            description = "Loss function (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--select", paramLabel = "best|in_sample|accuracy|score", defaultValue = "best",
            description = "Which equation of the front is the result (default: ${DEFAULT-VALUE}): "
                    + "best = highest score among equations whose validation loss (constants refitted on other rows: "
                    + "k-fold up to 1000 rows, a held-out fifth above) is within one standard error or 1.5x of the lowest; "
                    + "in_sample = the same on the training loss (within 1.5x of the lowest loss or, for mse, not "
                    + "significantly worse than it by an F-test), accuracy = lowest loss, "
                    + "score = highest score (-d log loss / d complexity).")
    Selection select;

    @Option(names = "--template", paramLabel = "EXPR",
            description = "Fix part of the equation and search the rest, e.g. 'c1 + f(e)/(c2 + c3*M)' or "
                    + "'f(x, y) + g(z)': a call of a new name is a searched function of its arguments only (the same "
                    + "tree wherever it is called), c1, c2, ... are free constants, the rest is fixed. Quote it in the shell.")
    String template;

    @Option(names = "--linear", negatable = true,
            description = "Fit the terms of a top-level sum by least squares (coefficients and intercept), "
                    + "so that the search only has to find the terms (e.g. x1*y1 + x2*y2 + x3*y3). Default: on for data "
                    + "of at least " + SymbolicRegressor.DEFAULT_LINEAR_MIN_ROWS + " rows (on fewer such sums fit the "
                    + "noise); --linear: on whatever the rows; --no-linear: off.")
    Boolean linear;

    @Option(names = "--scale", paramLabel = "auto|all|off", defaultValue = "off",
            description = "Rescale columns by powers of four inside the search so that values like 1e-20 or 1e25 "
                    + "behave like 1; the equations and losses are reported in the original units (default: "
                    + "${DEFAULT-VALUE}): auto = columns of magnitude outside [1e-3, 1e3], all = every column, off = none.")
    String scale;

    @Option(names = "--loss-weights", paramLabel = "none|relative|auto", defaultValue = "none",
            description = "Row weights of the loss (default: ${DEFAULT-VALUE}): relative = 1/y^2 (1/|y| with mae), a "
                    + "relative error, for a target spanning many decades with relative noise (otherwise the largest "
                    + "rows decide the fit); auto = relative when the target is of one sign, without zeros, and spans "
                    + "more than a factor 100; none = every row alike. The losses, validation "
                    + "losses and the choice of the equation are then the weighted ones.")
    String lossWeights;

    @Option(names = "--no-simplify",
            description = "Do not simplify the final front with Symja (faster; constants are not snapped).")
    boolean noSimplify;

    @Option(names = "--denoise",
            description = "Search on a Gaussian-process smoothing of the target (RBF kernel with a length scale per "
                    + "input plus white noise, fitted by maximum likelihood), as PySR's denoise; losses, constants and "
                    + "validation stay on the original target.")
    boolean denoise;

    @Option(names = "--candidate-features", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Add candidate features of pairs of inputs as extra columns during the search (ratios, "
                    + "products, and sqrt(x^2 + y^2), sqrt(x^2 - y^2) of columns within a factor 10 in size; with --units "
                    + "only dimensionless ratios, norms of like quantities and products of the target's unit); first "
                    + "the difference and ratio of indexed columns of like size (x1 and x2, omega and omega_0); "
                    + "equations are printed in the original columns. On by default; --no-candidate-features turns it off.")
    boolean candidateFeatures = true;

    @Option(names = "--log-target", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "When the target is of one sign, spend a tenth of the budget first on a search of log|y| and "
                    + "start the search with exp of what it found (Gaussians, Boltzmann factors, products of powers). "
                    + "On by default; --no-log-target turns it off.")
    boolean logTarget = true;

    @Option(names = "--power-targets", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "When the target is of one sign, spend a fortieth of the budget each on searches of 1/y and "
                    + "y^2 (after the log-target stage) and start the search with 1/f and sqrt(f) of what they found "
                    + "(1/(exp(x) - 1), sqrt(a^2 - b^2)). On by default; --no-power-targets turns them off.")
    boolean powerTargets = true;

    @Mixin SharedOptions.Json json;

    @Option(names = "--output", paramLabel = "FRONT.csv",
            description = "Write the front as CSV, every 5 s during the search and at the end.")
    Path output;

    @Option(names = "--resume", paramLabel = "FRONT.csv",
            description = "Start from the equations of a front CSV written by --output. It may be the "
                    + "--output file; if that does not exist yet, the search starts afresh.")
    Path resume;

    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;
    @Mixin UnitsOptions unitOptions;
    @Mixin SparkOptions spark;

    // autosave state, touched from the search's threads
    private final Object saveLock = new Object();
    private long lastSave = System.nanoTime();
    private boolean saveWarned;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // 1. the command line
        if (features != null && features.contains(target)) {
            throw Failure.usage("the target '" + target + "' is also listed in --features");
        }
        List<Op> operators = operators();
        Loss lossFunction;
        try {
            lossFunction = Loss.named(loss);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
        Duration timeLimit = time.duration();
        if (generations != null && generations < 1) {
            throw Failure.usage("--generations must be at least 1: " + generations);
        }
        checkOutputs();
        unitOptions.check();
        spark.check();

        // 2. the data and the front to resume from
        Dataset original = unitOptions.apply(readData());
        Dataset data = unitOptions.searchData(original, out); // the Buckingham-Pi groups with --buckingham
        if (data == null) {
            unitOptions.printClosedLaw(original, out);
            return 0;
        }
        List<Expr> seeds = resume(data.variables(), err);
        if (template != null) {
            try {
                org.distill.symbolic.search.Template.parse(template, data.variables(), operators);
            } catch (IllegalArgumentException e) {
                throw Failure.usage("--" + e.getMessage());
            }
        }

        // 3. the search
        SymbolicRegressor.Builder builder = SymbolicRegressor.builder()
                .operators(operators).loss(lossFunction).seed(seed.value).initialExpressions(seeds);
        if (maxComplexity != null) builder.maxComplexity(maxComplexity);
        if (generations != null) builder.generations(generations);
        if (timeLimit != null) builder.timeLimit(timeLimit);
        if (threads.value != null) builder.threads(threads.value);
        if (population != null) builder.populationSize(population);
        if (islands != null) builder.islands(islands);
        if (restartGenerations != null) builder.restartGenerations(restartGenerations);
        if (noSimplify) builder.simplify(false);
        if (denoise) builder.denoise(true);
        builder.features(candidateFeatures).logTarget(logTarget).powerTargets(powerTargets);
        if (template != null) builder.template(template);
        if (linear != null) builder.linear(linear).linearMinRows(0);
        try {
            builder.scale(org.distill.symbolic.search.Scaling.Mode.named(scale));
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--scale: " + e.getMessage());
        }
        try {
            builder.weighting(org.distill.symbolic.Weighting.named(lossWeights));
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--loss-weights: " + e.getMessage());
        }
        unitOptions.configure(builder);
        SymbolicRegressor.Options options;
        try {
            options = builder.build().options();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(optionNames(e.getMessage()));
        }
        ProgressBar bar = quiet.bar(options.generations());
        ProgressListener listener = p -> {
            if (bar != null) bar.onProgress(p);
            autosave(p, data, err);
        };
        SymbolicRegressor regressor = SymbolicRegressor.of(options.toBuilder().listener(listener).build().options());

        AtomicBoolean cancel = new AtomicBoolean();
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds(60), () -> {
            cancel.set(true);
            return "interrupted; stopping the search and saving the front found so far...";
        }); org.distill.spark.SparkContexts.Handle cluster = spark.enabled() ? spark.start() : null) {
            if (cluster != null) { // the islands evolve as Spark tasks, one task per core
                regressor = SymbolicRegressor.of(regressor.options().toBuilder()
                        .executor(org.distill.spark.SparkIslandExecutor.perCore(cluster.context(), options.islands()))
                        .build().options());
            }
            ParetoFront front;
            try {
                front = regressor.fit(data, cancel);
            } finally {
                if (bar != null) bar.finish();
            }
            int status = report(front, data, out, err);
            unitOptions.printLaw(front.isEmpty() ? null : front.select(select), original, out);
            return status;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private List<Op> operators() {
        if (ops == null) return Op.DEFAULTS;
        List<Op> list = new ArrayList<>();
        for (String name : ops) {
            if (name.isBlank()) throw Failure.usage("--ops has an empty entry: '" + String.join(",", ops) + "'");
            try {
                list.add(Op.builtin(name));
            } catch (IllegalArgumentException e) {
                throw Failure.usage(e.getMessage());
            }
        }
        return list;
    }

    /** Refuses, before any work, to overwrite files without --force or to write where it cannot. */
    private void checkOutputs() {
        if (json.path != null && output != null && same(json.path, output)) {
            throw Failure.usage("--json and --output name the same file: " + json.path);
        }
        check("--json", json.path, false);
        check("--output", output, resume != null && output != null && same(output, resume));
    }

    private void check(String option, Path path, boolean mayExist) {
        if (path == null) return;
        if (same(path, file)) throw Failure.usage(option + " " + path + " would overwrite the input file");
        Failure.checkOutput(option, path, force.value || mayExist);
    }

    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        } catch (IOException e) {
            // compare the names
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private Dataset readData() {
        CsvTable table;
        try {
            table = CsvTable.read(file);
        } catch (CsvTable.FormatException e) {
            throw Failure.data(e.getMessage());
        } catch (IOException e) {
            throw Failure.data("cannot read " + file + ": " + describe(e));
        }
        try {
            return table.toDataset(target, features);
        } catch (CsvTable.FormatException e) {
            boolean hint = features == null && e.column() != null && !e.column().equals(target);
            throw Failure.data(e.getMessage() + (hint ? " (pick the numeric columns with --features)" : ""));
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage());
        }
    }

    private List<Expr> resume(List<String> variables, PrintWriter err) {
        if (resume == null) return List.of();
        if (!Files.exists(resume)) {
            if (output != null && same(resume, output)) {
                quiet.say("%s does not exist yet; starting a new search", resume);
                return List.of();
            }
            throw Failure.data("--resume " + resume + ": no such file");
        }
        try {
            return FrontFile.read(resume, variables);
        } catch (IOException e) {
            throw Failure.data("cannot read " + resume + ": " + describe(e));
        }
    }

    /** Writes the raw front to --output every few seconds while the search runs. */
    private void autosave(Progress p, Dataset data, PrintWriter err) {
        if (output == null || p.front() == null || p.front().isEmpty()) return;
        synchronized (saveLock) {
            long now = System.nanoTime();
            if (now - lastSave < AUTOSAVE_NANOS) return;
            lastSave = now;
            try {
                FrontFile.writeAtomically(output, FrontFile.format(p.front(), frontComment(data, p.front())));
            } catch (IOException | RuntimeException e) {
                if (!saveWarned) {
                    saveWarned = true;
                    err.println("\ndistill: warning: cannot save " + output + ": " + describe(e));
                    err.flush();
                }
            }
        }
    }

    private String frontComment(Dataset data, ParetoFront front) {
        return "distill front for '" + data.target() + "' from " + file + " (variables " + String.join(", ", data.variables())
                + "; seed " + seed.value + "; " + front.provenance().generations() + " generations)\n"
                + "continue with: distill discover " + file + " --target " + data.target()
                + (features != null ? " --features " + String.join(",", features) : "")
                + (ops != null ? " --ops '" + String.join(",", ops) + "'" : "")
                + (maxComplexity != null ? " --max-complexity " + maxComplexity : "")
                + (!"mse".equals(loss) ? " --loss " + loss : "")
                + (!"none".equalsIgnoreCase(lossWeights.strip()) ? " --loss-weights " + lossWeights.strip().toLowerCase(Locale.ROOT) : "")
                + " --seed " + seed.value
                + " --resume " + output + " --output " + output;
    }

    private int report(ParetoFront front, Dataset data, PrintWriter out, PrintWriter err) {
        Provenance prov = front.provenance();
        out.printf(Locale.ROOT, "Pareto front for %s from %s (%d rows; %d generations, %s evaluations, %.1f s; stopped: %s)%n",
                data.target(), file, data.rows(), prov.generations(), ProgressBar.si(prov.evaluations()),
                prov.wallTime().toNanos() / 1e9, prov.stopReason());
        Equation chosen = front.isEmpty() ? null : front.select(select);
        out.print(table(front, chosen));
        if (chosen != null) {
            out.printf(Locale.ROOT, "%nChosen equation (%s; complexity %d, loss %.6g):%n",
                    select.name().toLowerCase(Locale.ROOT), chosen.complexity(), chosen.loss());
            out.println("  " + data.target() + " = " + chosen);
            out.println("  LaTeX: " + chosen.latex());
        }
        out.flush();

        int status = 0;
        if (output != null && !front.isEmpty()) {
            synchronized (saveLock) {
                status |= save(output, FrontFile.format(front, frontComment(data, front)), err);
                lastSave = Long.MAX_VALUE; // no autosave after the final one
            }
        }
        if (json.path != null) {
            status |= save(json.path, JsonFile.format(JsonReports.DiscoverReport.of(front, chosen, data, select, file)) + "\n", err);
        }
        if (chosen == null) {
            err.println(DistillCommand.ERROR + "the search found no equation with a finite loss");
            status = 1;
        }
        err.flush();
        return status;
    }

    private static int save(Path path, String text, PrintWriter err) {
        try {
            FrontFile.writeAtomically(path, text);
            return 0;
        } catch (IOException e) {
            err.println(DistillCommand.ERROR + "cannot write " + path + ": " + describe(e));
            return 1;
        }
    }

    /**
     * The front as a table: complexity, loss, validation loss (when measured), score, equation; the chosen one
     * marked with *.
     */
    static String table(ParetoFront front, Equation chosen) {
        boolean v = !front.isEmpty() && front.equations().stream().allMatch(Equation::validated);
        StringBuilder sb = new StringBuilder(v
                ? String.format(Locale.ROOT, "%12s  %-11s %-11s %-9s %s%n", "complexity", "loss", "validation", "score", "equation")
                : String.format(Locale.ROOT, "%12s  %-11s %-9s %s%n", "complexity", "loss", "score", "equation"));
        for (Equation e : front.equations()) {
            sb.append(v
                    ? String.format(Locale.ROOT, "%s %10d  %-11.4g %-11.4g %-9.3g %s%n",
                            e.equals(chosen) ? "*" : " ", e.complexity(), e.loss(), e.validationLoss(), e.score(), e)
                    : String.format(Locale.ROOT, "%s %10d  %-11.4g %-9.3g %s%n",
                            e.equals(chosen) ? "*" : " ", e.complexity(), e.loss(), e.score(), e));
        }
        return sb.toString();
    }

    /** The builder's setting names in validation messages, as the options that set them. */
    static String optionNames(String message) {
        String[][] names = {{"maxComplexity", "--max-complexity"}, {"populationSize", "--population"},
                {"islands", "--islands"}, {"restartGenerations", "--restart-generations"}, {"threads", "--threads"}, {"generations", "--generations"},
                {"timeLimit", "--time"}, {"template", "--template"}};
        for (String[] n : names) {
            if (message.startsWith(n[0] + " ") || message.startsWith(n[0] + ":")) return n[1] + message.substring(n[0].length());
        }
        return message;
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
