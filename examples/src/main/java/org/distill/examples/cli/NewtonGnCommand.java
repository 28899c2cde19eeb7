package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.newton.MessagePlot;
import org.distill.examples.newton.NewtonGn;
import org.distill.neural.TrainingProgress;
import org.distill.neural.analysis.ComponentFit;
import org.distill.neural.analysis.Distillation;
import org.distill.neural.analysis.FormCheck;
import org.distill.neural.analysis.ForceBasis;
import org.distill.neural.gn.GraphNetworkConfig;
import org.distill.neural.gn.TrainingProvenance;
import org.distill.neural.gn.Variant;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example newton-gn}: the n-body experiment of Cranmer et al. (2020) from simulation to formula
 * ({@link NewtonGn}); prints the test loss, the fits of the strongest messages to the true forces, the distilled
 * formula and its form check, and writes the message-vs-force plot (and, if asked, JSON and the trained network).
 *
 * <p>Every option and output path is checked before the work starts. Ctrl-C during training stops it and goes on
 * to the distillation with what was learned; Ctrl-C during the search keeps the best formula so far.
 */
@Command(name = "newton-gn",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Simulates n-body systems under a pair law, trains a graph network to predict the accelerations, "
                + "checks that its strongest edge messages are linear combinations of the true pair forces, and "
                + "distils the strongest one into a formula (Cranmer et al. 2020, Sec. 4).",
        footer = {"",
                "A tenth of the simulations (at least one) is kept for testing; each simulation gives 10 graphs "
                        + "(500 steps of the law's time step, every 50th kept). The formula is searched on at most "
                        + "2000 test edges (the closest 10 % of pairs left out) with + - * /, over dx, dy[, dz], r, m1, m2, q1, q2 (receiver 1, sender 2, "
                        + "dx = x1 - x2). Messages are compared with the true pair force F and with F/m1, the acceleration it "
                        + "gives the receiver (whichever the strongest messages follow better), by least squares that "
                        + "ignore the 10 % of test edges fitted worst (close encounters of r2 and charge). The form "
                        + "check fits the formula's values by a*Fx + b*Fy (+ c*Fz) + d in the same way; R² >= 0.9 "
                        + "counts as the true force's form.",
                "With the defaults a run takes 7 to 9 minutes on 2 cores: data a few seconds, training 14100 steps "
                        + "of 25-35 ms (6-8 min, one thread), search 60 s. Ctrl-C during training stops it and still "
                        + "distils what was learned; Ctrl-C during the search keeps the best formula so far.",
                "",
                "Examples:",
                "  distill example newton-gn --law spring",
                "  distill example newton-gn --law r2 --variant bottleneck --sims 400 --epochs 50 --json r2.json",
                "",
                "Exit status: 0 ok, 1 data or file error (or no formula found), 2 usage error."})
final class NewtonGnCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--law", required = true, paramLabel = "LAW",
            description = "The pair law: spring, r1, r2, charge, damped or disc.")
    String law;

    @Option(names = "--dim", paramLabel = "N", defaultValue = "2", description = "Spatial dimension, 2 or 3 (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--bodies", paramLabel = "N", defaultValue = "4", description = "Bodies per system (default: ${DEFAULT-VALUE}).")
    int bodies;

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "l1",
            description = "Graph network: standard, bottleneck, l1 or kl (default: ${DEFAULT-VALUE}).")
    Variant variant;

    @Option(names = "--sims", paramLabel = "N", defaultValue = "2000",
            description = "Simulated systems, 10 graphs each (default: ${DEFAULT-VALUE}).")
    int sims;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "300",
            description = "Units per hidden layer (3 layers) of the edge and node models (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--reg", paramLabel = "W",
            description = "Weight of the message penalty of the l1 and kl variants (default: the variant's, "
                    + "0.03 for l1, 0.05 for kl).")
    Double reg;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seeds the data, the split, the training and the search (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "60",
            description = "Symbolic-regression budget (default: ${DEFAULT-VALUE}).")
    double time;

    @Option(names = "--threads", paramLabel = "N", description = "Search threads (default: all cores; training uses one).")
    Integer threads;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "OUT.png",
            description = "The message-vs-force plot (default: newton-gn-LAW-VARIANT.png).")
    Path plot;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "Save the trained network in this folder.")
    Path modelDir;

    @Option(names = "--force", description = "Overwrite existing --json, --plot and --model-dir files.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    boolean quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // 1. the command line, before any work
        NewtonGn.Settings settings = settings();
        Path png = plot != null ? plot : Path.of("newton-gn-" + settings.law().label() + "-" + label(variant) + ".png");
        checkOutputs(png);

        // 2. the run; Ctrl-C stops training (and goes on), or the search
        AtomicBoolean stopTraining = new AtomicBoolean(), stopSearch = new AtomicBoolean();
        AtomicBoolean trained = new AtomicBoolean();
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds((long) time + 120), () -> {
            if (trained.get()) {
                stopSearch.set(true);
                return "interrupted; stopping the search and keeping the best formula so far...";
            }
            stopTraining.set(true);
            return "interrupted; stopping training and distilling what was learned...";
        })) {
            NewtonGn.Outcome outcome;
            Progress progress = new Progress(err, settings, trained);
            try {
                outcome = NewtonGn.run(settings, progress, stopTraining, stopSearch);
            } catch (CancellationException e) {
                throw Failure.data("interrupted while simulating; nothing was trained");
            } catch (IOException e) {
                throw Failure.data("cannot save the network in " + modelDir + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw Failure.data(e.getMessage());
            } finally {
                progress.finishSearch();
            }
            return report(outcome, png, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private NewtonGn.Settings settings() {
        PairLaw pairLaw;
        try {
            pairLaw = PairLaw.parse(law);
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--law: " + e.getMessage());
        }
        if (dim != 2 && dim != 3) throw Failure.usage("--dim must be 2 or 3: " + dim);
        if (!(time > 0 && time <= 1e6)) throw Failure.usage("--time must be a number of seconds in (0, 1000000]: " + time);
        try {
            var b = NewtonGn.Settings.builder().law(pairLaw).dim(dim).bodies(bodies).variant(variant).simulations(sims)
                    .epochs(epochs).hidden(hidden).seed(seed).searchTime(Duration.ofNanos(Math.round(time * 1e9)))
                    .modelDir(modelDir);
            if (threads != null) b.threads(threads);
            if (reg != null) b.regularization(reg);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage().replace("simulations must", "--sims must").replace("bodies must", "--bodies must")
                    .replace("epochs must", "--epochs must").replace("hidden must", "--hidden must")
                    .replace("threads must", "--threads must").replace("regularization", "--reg"));
        }
    }

    /** Refuses, before any work, to overwrite files without --force or to write where it cannot. */
    private void checkOutputs(Path png) {
        if (json != null && DiscoverCommand.same(json, png)) throw Failure.usage("--json and --plot name the same file: " + json);
        checkFile("--json", json);
        checkFile("--plot", png);
        if (modelDir != null) {
            if (Files.exists(modelDir) && !Files.isDirectory(modelDir))
                throw Failure.usage("--model-dir " + modelDir + " is not a directory");
            if (!force && (Files.exists(modelDir.resolve("graph-network.properties"))
                    || Files.exists(modelDir.resolve("graph-network.params"))))
                throw Failure.usage("--model-dir " + modelDir + " already holds a saved network; use --force to overwrite it");
        }
    }

    private void checkFile(String option, Path path) { Failure.checkOutput(option, path, force); }

    private int report(NewtonGn.Outcome o, Path png, PrintWriter out, PrintWriter err) {
        NewtonGn.Settings s = o.settings();
        Distillation.Result d = o.distillation();
        TrainingProvenance t = o.training();
        out.printf(Locale.ROOT, "newton-gn: %s law, %d-D, %d bodies, %s graph network (%d hidden); %d training and %d test graphs%n",
                s.law().label(), s.dim(), s.bodies(), label(s.variant()), s.hidden(), o.trainGraphs(), o.testGraphs());
        if (o.stoppedEarly()) out.printf(Locale.ROOT, "training stopped early, after %d optimiser steps%n", t.steps());
        out.printf(Locale.ROOT, "test loss: %.5g  (mean |error| of the acceleration per body; predicting zero: %.5g)%n",
                d.testLoss(), o.zeroLoss());
        out.printf(Locale.ROOT, "strongest messages as linear combinations of the true %s (%s; least squares over the "
                + "test edges, ignoring the %.0f %% fitted worst; R² over all edges in brackets):%n",
                d.basis().label(), d.basis() == ForceBasis.FORCE ? "pair force F" : "F/m1, the pair force over the "
                        + "receiver's mass", 100 * d.trim());
        for (int k = 0; k < d.fits().size(); k++)
            out.println("  " + describe(d.fits().get(k), d.basis()) + String.format(Locale.ROOT, "  [%.4f]", d.untrimmedR2().get(k)));
        Equation e = d.equation();
        int status = 0;
        if (e == null) {
            err.println(DistillCommand.ERROR + "the search found no formula with a finite loss");
            status = 1;
        } else {
            out.printf(Locale.ROOT, "formula for message%d (complexity %d, searched on %d edges):%n",
                    d.component(), e.complexity(), d.searchEdges());
            out.println("  message" + d.component() + " = " + d.formula());
            out.println("  LaTeX: " + d.latex());
            FormCheck form = d.form();
            out.printf(Locale.ROOT, "form check: %s -> %s%n", describe(form, d.basis()),
                    form.matches() ? "of the true force's form" : "not of the true force's form");
        }
        out.flush();

        try {
            MessagePlot.write(png, o.figureForce(), o.figureMessage(), String.format(Locale.ROOT,
                    "%s, %s: message%d vs fitted %s (trimmed R² = %.3f)", s.law().label(), label(s.variant()),
                    d.component(), d.basis().symbol(), o.strongest().r2()), "fitted linear combination of " + d.basis().symbol(),
                    "message" + d.component());
            out.println("plot: " + png);
        } catch (IOException | RuntimeException x) {
            err.println(DistillCommand.ERROR + "cannot write " + png + ": " + x.getMessage());
            status = 1;
        }
        if (s.modelDir() != null) out.println("network: " + s.modelDir());
        if (json != null) {
            try {
                FrontFile.writeAtomically(json, Json.write(json(o)) + "\n");
                out.println("json: " + json);
            } catch (IOException x) {
                err.println(DistillCommand.ERROR + "cannot write " + json + ": " + x.getMessage());
                status = 1;
            }
        }
        out.flush();
        err.flush();
        return status;
    }

    private static Map<String, Object> json(NewtonGn.Outcome o) {
        NewtonGn.Settings s = o.settings();
        Distillation.Result d = o.distillation();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("law", s.law().label());
        m.put("variant", label(s.variant()));
        m.put("test_loss", d.testLoss());
        m.put("message_r2", d.messageR2());
        m.put("message_r2_untrimmed", d.untrimmedR2());
        m.put("basis", d.basis().label());
        m.put("trim", d.trim());
        m.put("formula", d.formula());
        m.put("latex", d.latex());
        m.put("variables", d.variables());
        m.put("form_r2", d.form() == null ? null : d.form().r2());
        m.put("form_matches", d.form() != null && d.form().matches());
        m.put("component", d.component());
        m.put("complexity", d.equation() == null ? null : d.equation().complexity());
        List<Object> fits = new ArrayList<>();
        for (ComponentFit f : d.fits()) {
            Map<String, Object> fit = new LinkedHashMap<>();
            fit.put("component", f.component());
            fit.put("std", f.std());
            fit.put("intercept", f.intercept());
            fit.put("coefficients", f.coefficients());
            fit.put("r2", f.r2());
            fits.add(fit);
        }
        m.put("message_fits", fits);
        m.put("zero_loss", o.zeroLoss());
        m.put("dim", s.dim());
        m.put("bodies", s.bodies());
        m.put("simulations", s.simulations());
        m.put("train_graphs", o.trainGraphs());
        m.put("test_graphs", o.testGraphs());
        m.put("hidden", s.hidden());
        m.put("regularization", s.network().regularization());
        m.put("epochs", s.epochs());
        m.put("steps", o.training().steps());
        m.put("stopped_early", o.stoppedEarly());
        m.put("training_seconds", o.training().wallTime().toNanos() / 1e9);
        m.put("search_time", s.searchTime().toNanos() / 1e9);
        m.put("search_edges", d.searchEdges());
        m.put("seed", s.seed());
        m.put("seconds", o.seconds());
        m.put("versions", o.training().versions());
        return m;
    }

    static String label(Variant v) { return v.name().toLowerCase(Locale.ROOT); }

    private static String describe(ComponentFit f, ForceBasis basis) {
        return "message" + f.component() + " ≈ " + combination(f.intercept(), f.coefficients(), basis)
                + String.format(Locale.ROOT, "   R² = %.4f  (std %.3g)", f.r2(), f.std());
    }

    private static String describe(FormCheck f, ForceBasis basis) {
        return "formula ≈ " + combination(f.intercept(), f.coefficients(), basis)
                + String.format(Locale.ROOT, "   R² = %.4f over %d test edges", f.r2(), f.edges() - f.nonFinite())
                + (f.nonFinite() > 0 ? " (" + f.nonFinite() + " edges not finite)" : "");
    }

    private static String combination(double intercept, double[] coefficients, ForceBasis basis) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < coefficients.length; k++) {
            double c = coefficients[k];
            sb.append(k == 0 ? (c < 0 ? "−" : "") : (c < 0 ? " − " : " + "))
                    .append(String.format(Locale.ROOT, "%.4g", Math.abs(c))).append("·F").append("xyz".charAt(k))
                    .append(basis == ForceBasis.FORCE ? "" : "/m1");
        }
        return sb.append(intercept < 0 ? " − " : " + ").append(String.format(Locale.ROOT, "%.3g", Math.abs(intercept))).toString();
    }

    /** Progress on standard error: simulations and search redrawn in place on a terminal, one line per epoch. */
    private final class Progress implements NewtonGn.Listener {
        private final PrintWriter err;
        private final NewtonGn.Settings settings;
        private final AtomicBoolean trained;
        private final boolean terminal = ProgressBar.stderrIsTerminal();
        private final long start = System.nanoTime();
        private long lastDraw = Long.MIN_VALUE;
        private ProgressBar bar;

        Progress(PrintWriter err, NewtonGn.Settings settings, AtomicBoolean trained) {
            this.err = err;
            this.settings = settings;
            this.trained = trained;
        }

        @Override public void onSimulation(int done, int total) {
            if (quiet) return;
            long now = System.nanoTime();
            boolean last = done == total;
            if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < (terminal ? 200_000_000L : 10_000_000_000L)) return;
            lastDraw = now;
            String line = String.format(Locale.ROOT, "distill: simulating %s: %d/%d systems  %.1f s", settings.law().label(), done, total,
                    (now - start) / 1e9);
            if (terminal) err.print("\r" + line + (last ? "\n" : ""));
            else err.println(line);
            err.flush();
        }

        @Override public void onData(GraphDataset train, GraphDataset test) {
            if (quiet) return;
            GraphNetworkConfig c = settings.network();
            long steps = (long) c.epochs() * ((train.graphs() + c.batchSize() - 1) / c.batchSize());
            err.printf(Locale.ROOT, "distill: training on %d graphs, testing on %d: %d epochs, %d steps of %d graphs%n",
                    train.graphs(), test.graphs(), c.epochs(), steps, c.batchSize());
            err.flush();
        }

        @Override public void onEpoch(TrainingProgress p) {
            if (quiet) return;
            double elapsed = p.elapsed().toNanos() / 1e9;
            err.printf(Locale.ROOT, "distill: epoch %d/%d  loss %.5g  lr %.2e  %s  ETA %s%n", p.epoch(), p.epochs(), p.loss(),
                    p.learningRate(), ProgressBar.clock(elapsed), ProgressBar.clock(elapsed * (1 - p.fraction()) / p.fraction()));
            err.flush();
        }

        @Override public void onTrained(TrainingProvenance provenance) {
            trained.set(true);
            if (quiet) return;
            err.printf(Locale.ROOT, "distill: trained: %d steps in %.1f s; distilling (search: %s s)%n", provenance.steps(),
                    provenance.wallTime().toNanos() / 1e9, fmt(settings.searchTime().toNanos() / 1e9));
            err.flush();
        }

        @Override public ProgressListener search() {
            if (quiet) return ProgressListener.NONE;
            bar = new ProgressBar(err, terminal, 0);
            return bar;
        }

        void finishSearch() {
            if (bar != null) bar.finish();
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
