package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.streams.SkyPlot;
import org.distill.examples.streams.Streams;
import org.distill.neural.TrainingProgress;
import org.distill.neural.classify.Metric;
import org.distill.neural.classify.MetricSummary;
import org.distill.neural.sets.SetTrainingProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example streams}: Deep Sets for stellar streams ({@link Streams}); prints the metric table of the
 * set model and the per-stream random forests on held-out mock streams, the set model across support sizes, and
 * writes a PNG of one stream in the sky (and, if asked, JSON and the trained model).
 */
@Command(name = "streams",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Generates mock stellar streams (~100 field stars per member in each window), meta-trains a Deep "
                + "Sets model that finds a stream's members from a few known ones, and compares it on held-out "
                + "streams, without retraining, with a random forest trained per stream and its self-labelling variant.",
        footer = {"",
                "Test tasks are generated after the training tasks and never trained on; a tenth of the training tasks "
                        + "only tunes the set model's decision threshold (max mean MCC). Each test task gets a seeded "
                        + "support set of K members, the same for every method; metrics count the other stars.",
                "With the defaults a run takes about 3 minutes on 2 cores: generating 170 streams about 1, training "
                        + "under 1 (510 steps), the forests about 1.5.",
                "Ctrl-C during training stops it and evaluates what was learned.",
                "",
                "Examples:",
                "  distill example streams",
                "  distill example streams --tasks 300 --support 20 --epochs 40 --json streams.json --model-dir streams-model",
                "  distill example streams --model-dir streams-model --test-tasks 50 --support 5",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class StreamsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "150",
            description = "Training tasks (streams) for the set model (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--test-tasks", paramLabel = "N", defaultValue = "20",
            description = "Held-out test tasks (default: ${DEFAULT-VALUE}).")
    int testTasks;

    @Option(names = "--support", paramLabel = "K", defaultValue = "10",
            description = "Known members per test stream (default: ${DEFAULT-VALUE}).")
    int support;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "128",
            description = "Hidden units of the set model's layers (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--field-ratio", paramLabel = "R", defaultValue = "100",
            description = "Field stars per member in each window (default: ${DEFAULT-VALUE}).")
    double fieldRatio;

    @Option(names = "--trees", paramLabel = "N", defaultValue = "50", description = "Trees per random forest (default: ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "Self-labelling rounds after the first forest (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--fine-tune", paramLabel = "STEPS", defaultValue = "0",
            description = "Also fine-tune the set model on each test stream's support for this many steps (default: off).")
    int fineTune;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seeds the tasks, the training, the support sets and the forests (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for task generation and forests (default: all cores).")
    Integer threads;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "OUT.png", description = "The sky plot (default: streams-sky.png).")
    Path plot;

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "Load the set model from this folder if it holds one (no training; give the --seed and --tasks it "
                    + "was trained with); else save the trained model there.")
    Path modelDir;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Task file: read if it exists (--field-ratio is then the file's), else generate the tasks and write them there.")
    Path data;

    @Option(names = "--force", description = "Overwrite existing --json and --plot files.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    boolean quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Streams.Settings settings = settings();
        Path png = plot != null ? plot : Path.of("streams-sky.png");
        checkOutputs(png);

        AtomicBoolean stop = new AtomicBoolean();
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds(600), () -> {
            stop.set(true);
            return "interrupted; stopping training (if running) and evaluating what was learned...";
        })) {
            Streams.Outcome outcome;
            try {
                outcome = Streams.run(settings, new Progress(err), stop);
            } catch (CancellationException e) {
                throw Failure.data("interrupted: " + e.getMessage());
            } catch (IOException e) {
                throw Failure.data(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw Failure.data(e.getMessage());
            }
            return report(outcome, png, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Streams.Settings settings() {
        try {
            var b = Streams.Settings.builder().trainTasks(tasks).testTasks(testTasks).support(support).fieldRatio(fieldRatio)
                    .epochs(epochs).hidden(hidden).trees(trees).rounds(rounds).fineTuneSteps(fineTune).seed(seed)
                    .modelDir(modelDir).dataFile(data);
            if (threads != null) b.threads(threads);
            return b.build();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            for (String[] r : new String[][] {{"trainTasks", "--tasks"}, {"testTasks", "--test-tasks"}, {"support", "--support"},
                    {"fieldRatio", "--field-ratio"}, {"epochs", "--epochs"}, {"hidden", "--hidden"}, {"trees", "--trees"},
                    {"rounds", "--rounds"}, {"fineTuneSteps", "--fine-tune"}, {"threads", "--threads"}})
                if (m.startsWith(r[0] + " ")) m = r[1] + m.substring(r[0].length());
            throw Failure.usage(m);
        }
    }

    private void checkOutputs(Path png) {
        if (json != null && DiscoverCommand.same(json, png)) throw Failure.usage("--json and --plot name the same file: " + json);
        checkFile("--json", json);
        checkFile("--plot", png);
        if (data != null && Files.isDirectory(data)) throw Failure.usage("--data " + data + " is a directory");
        if (modelDir != null && Files.exists(modelDir) && !Files.isDirectory(modelDir))
            throw Failure.usage("--model-dir " + modelDir + " is not a directory");
    }

    private void checkFile(String option, Path path) { Failure.checkOutput(option, path, force); }

    private int report(Streams.Outcome o, Path png, PrintWriter out, PrintWriter err) {
        Streams.Settings s = o.settings();
        SetTrainingProvenance t = o.training();
        out.printf(Locale.ROOT, "streams: %d test streams (never trained on), %.0f members and %.0f stars per window on "
                + "average, %d known members each%n", s.testTasks(), o.members(), o.stars(), s.support());
        if (o.loaded()) out.printf(Locale.ROOT, "set model: loaded from %s (trained on %d tasks, %d steps)%n", s.modelDir(), t.tasks(), t.steps());
        else out.printf(Locale.ROOT, "set model: trained on %d tasks (%d more for the threshold), %d steps in %.1f s%s%n",
                t.tasks(), t.validationTasks(), t.steps(), t.wallTime().toNanos() / 1e9, o.stopped() ? ", stopped early" : "");
        out.printf(Locale.ROOT, "decision thresholds (tuned on training tasks, max mean MCC): set model p >= %.6g, forests votes >= %.2f%n",
                o.threshold(), o.forestThreshold());
        out.println();
        out.printf(Locale.ROOT, "%-27s %-15s %-15s %-15s %-15s %-15s %8s%n", "method (mean ± std)", "precision", "recall",
                "F1", "bal. accuracy", "MCC", "time");
        for (Streams.MethodResult m : o.methods()) {
            out.printf(Locale.ROOT, "%-27s", m.name());
            for (Metric metric : Metric.values()) out.printf(Locale.ROOT, " %-15s", pm(m.summary(), metric));
            out.printf(Locale.ROOT, " %7.1fs%n", m.seconds());
        }
        out.println();
        out.println("Deep Sets (no retraining) by support size:");
        out.printf(Locale.ROOT, "  %5s %6s %-15s %-15s %-15s%n", "K", "tasks", "precision", "recall", "MCC");
        for (var e : o.sweep().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList())
            out.printf(Locale.ROOT, "  %5d %6d %-15s %-15s %-15s%n", e.getKey(), e.getValue().tasks(),
                    pm(e.getValue(), Metric.PRECISION), pm(e.getValue(), Metric.RECALL), pm(e.getValue(), Metric.MCC));
        out.flush();

        int status = 0;
        try {
            SkyPlot.write(png, o.sky(), String.format(Locale.ROOT, "task %d: %s", o.sky().task(), "Deep Sets"),
                    String.format(Locale.ROOT, "task %d: %s", o.sky().task(), "random forest"));
            out.println("plot: " + png);
        } catch (IOException | RuntimeException x) {
            err.println(DistillCommand.ERROR + "cannot write " + png + ": " + x.getMessage());
            status = 1;
        }
        if (s.modelDir() != null && !o.loaded()) out.println("model: " + s.modelDir());
        if (json != null) {
            try {
                FrontFile.writeAtomically(json, Json.write(json(o)) + "\n");
                out.println("json: " + json);
            } catch (IOException x) {
                err.println(DistillCommand.ERROR + "cannot write " + json + ": " + x.getMessage());
                status = 1;
            }
        }
        out.printf(Locale.ROOT, "time: %.1f s%n", o.seconds());
        out.flush();
        return status;
    }

    private static String pm(MetricSummary s, Metric m) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(m), s.std(m));
    }

    private static Map<String, Object> json(Streams.Outcome o) {
        Streams.Settings s = o.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> methods = new LinkedHashMap<>();
        for (Streams.MethodResult r : o.methods()) methods.put(r.name(), summary(r.summary(), r.seconds()));
        m.put("methods", methods);
        Map<String, Object> sweep = new LinkedHashMap<>();
        for (var e : o.sweep().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList())
            sweep.put(Integer.toString(e.getKey()), summary(e.getValue(), null));
        m.put("deep_sets_by_support", sweep);
        m.put("test_tasks", s.testTasks());
        m.put("support", s.support());
        m.put("mean_members", o.members());
        m.put("mean_stars", o.stars());
        m.put("field_ratio", s.fieldRatio());
        m.put("train_tasks", o.training().tasks());
        m.put("validation_tasks", o.training().validationTasks());
        m.put("model_loaded", o.loaded());
        m.put("steps", o.training().steps());
        m.put("stopped_early", o.stopped());
        m.put("epochs", s.epochs());
        m.put("hidden", s.hidden());
        m.put("trees", s.trees());
        m.put("rounds", s.rounds());
        m.put("fine_tune_steps", s.fineTuneSteps());
        m.put("validation_mcc", o.training().validationMcc());
        m.put("threshold", o.threshold());
        m.put("forest_threshold", o.forestThreshold());
        m.put("training_seconds", o.training().wallTime().toNanos() / 1e9);
        m.put("seed", s.seed());
        m.put("seconds", o.seconds());
        m.put("versions", o.training().versions());
        return m;
    }

    private static Map<String, Object> summary(MetricSummary s, Double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", s.tasks());
        for (Metric metric : Metric.values()) {
            m.put(metric.label(), s.mean(metric));
            m.put(metric.label() + "_std", s.std(metric));
        }
        if (seconds != null) m.put("seconds", seconds);
        return m;
    }

    /** Progress on standard error: generation redrawn in place on a terminal, one line per epoch. */
    private final class Progress implements Streams.Listener {
        private final PrintWriter err;
        private final boolean terminal = ProgressBar.stderrIsTerminal();
        private final long start = System.nanoTime();
        private long lastDraw = Long.MIN_VALUE;

        Progress(PrintWriter err) { this.err = err; }

        @Override public synchronized void onGeneration(String what, int done, int total) { line("generating " + what + " streams", done, total); }

        @Override public synchronized void onEvaluation(String method, int done, int total) { line(method, done, total); }

        private void line(String what, int done, int total) {
            if (quiet) return;
            long now = System.nanoTime();
            boolean last = done == total;
            if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < (terminal ? 200_000_000L : 10_000_000_000L)) return;
            lastDraw = now;
            String line = String.format(Locale.ROOT, "distill: %s: %d/%d  %.1f s", what, done, total, (now - start) / 1e9);
            if (terminal) err.print("\r" + line + (last ? "\n" : ""));
            else err.println(line);
            err.flush();
        }

        @Override public synchronized void onEpoch(TrainingProgress p) {
            if (quiet) return;
            double elapsed = p.elapsed().toNanos() / 1e9;
            err.printf(Locale.ROOT, "distill: epoch %d/%d  loss %.5g  lr %.2e  %s  ETA %s%n", p.epoch(), p.epochs(), p.loss(),
                    p.learningRate(), ProgressBar.clock(elapsed), ProgressBar.clock(elapsed * (1 - p.fraction()) / p.fraction()));
            err.flush();
        }

        @Override public synchronized void onModel(SetTrainingProvenance t, boolean loaded) {
            if (quiet) return;
            err.printf(Locale.ROOT, "distill: set model %s; validation MCC %.3f; evaluating%n",
                    loaded ? "loaded" : String.format(Locale.ROOT, "trained: %d steps in %.1f s", t.steps(), t.wallTime().toNanos() / 1e9),
                    t.validationMcc());
            err.flush();
        }
    }
}
