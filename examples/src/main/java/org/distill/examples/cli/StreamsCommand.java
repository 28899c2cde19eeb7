package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import picocli.CommandLine.Mixin;
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

    @Mixin SharedOptions.Epochs epochs;
    @Mixin SharedOptions.Hidden hidden;

    @Option(names = "--field-ratio", paramLabel = "R", defaultValue = "100",
            description = "Field stars per member in each window (default: ${DEFAULT-VALUE}).")
    double fieldRatio;

    @Mixin Forests forests;

    @Option(names = "--fine-tune", paramLabel = "STEPS", defaultValue = "0",
            description = "Also fine-tune the set model on each test stream's support for this many steps (default: off).")
    int fineTune;

    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Json json;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.ModelDir modelDir;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Task file: read if it exists (--field-ratio is then the file's), else generate the tasks and write them there.")
    Path data;

    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Streams.Settings settings = settings();
        Path png = plot.orElse("streams-sky.png");
        checkOutputs(png);

        AtomicBoolean stop = new AtomicBoolean();
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds(600), () -> {
            stop.set(true);
            return "interrupted; stopping training (if running) and evaluating what was learned...";
        })) {
            Streams.Outcome outcome;
            try {
                outcome = Streams.run(settings, new Progress(), stop);
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
                    .epochs(epochs.value).hidden(hidden.value).trees(forests.trees).rounds(forests.rounds).fineTuneSteps(fineTune).seed(seed.value)
                    .modelDir(modelDir.path).dataFile(data);
            if (threads.value != null) b.threads(threads.value);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "trainTasks", "--tasks", "testTasks", "--test-tasks", "support", "--support", "fieldRatio",
                    "--field-ratio", "epochs", "--epochs", "hidden", "--hidden", "trees", "--trees", "rounds", "--rounds",
                    "fineTuneSteps", "--fine-tune", "threads", "--threads");
        }
    }

    private void checkOutputs(Path png) {
        force.checkJsonAndPlot(json.path, png);
        if (data != null && Files.isDirectory(data)) throw Failure.usage("--data " + data + " is a directory");
        modelDir.check();
    }

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
        status |= SharedOptions.Plot.write(png, file -> SkyPlot.write(file, o.sky(), String.format(Locale.ROOT, "task %d: %s",
                o.sky().task(), "Deep Sets"), String.format(Locale.ROOT, "task %d: %s", o.sky().task(), "random forest")), out, err);
        if (s.modelDir() != null && !o.loaded()) out.println("model: " + s.modelDir());
        status |= json.write(JsonReports.StreamsReport.of(o), out, err);
        out.printf(Locale.ROOT, "time: %.1f s%n", o.seconds());
        out.flush();
        return status;
    }

    private static String pm(MetricSummary s, Metric m) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", s.mean(m), s.std(m));
    }

    /** The random forests that the set model is compared with. */
    static final class Forests {
        @Option(names = "--trees", paramLabel = "N", defaultValue = "50", description = "Trees per random forest (default: ${DEFAULT-VALUE}).")
        int trees;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
                description = "Self-labelling rounds after the first forest (default: ${DEFAULT-VALUE}).")
        int rounds;
    }

    /** Progress on standard error: generation redrawn in place on a terminal, one line per epoch. */
    private final class Progress implements Streams.Listener {
        private final SharedOptions.Quiet.Counter counter = quiet.counter();

        @Override public void onGeneration(String what, int done, int total) { counter.show("generating " + what + " streams", done, total, ""); }

        @Override public void onEvaluation(String method, int done, int total) { counter.show(method, done, total, ""); }

        @Override public synchronized void onEpoch(TrainingProgress p) { quiet.epoch(null, p, 5, true); }

        @Override public synchronized void onModel(SetTrainingProvenance t, boolean loaded) {
            quiet.say("set model %s; validation MCC %.3f; evaluating",
                    loaded ? "loaded" : String.format(Locale.ROOT, "trained: %d steps in %.1f s", t.steps(), t.wallTime().toNanos() / 1e9),
                    t.validationMcc());
        }
    }
}
