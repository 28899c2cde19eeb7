package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
import org.distill.neural.analysis.NodeResponse;
import org.distill.neural.analysis.RadialProfile;
import org.distill.neural.gn.Features;
import org.distill.neural.gn.NodeInput;
import org.distill.neural.gn.GraphNetworkConfig;
import org.distill.neural.gn.TrainingProvenance;
import org.distill.neural.gn.Variant;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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
                        + "2000 test edges (the closest 10 %% of pairs left out) with + - * /, over dx, dy[, dz], r, m1, m2, q1, q2 (receiver 1, sender 2, "
                        + "dx = x1 - x2). Messages are compared with the true pair force F and with F/m1, the acceleration it "
                        + "gives the receiver (whichever the strongest messages follow better), by least squares that "
                        + "ignore the 10 %% of test edges fitted worst (close encounters of r2 and charge). The form "
                        + "check fits the formula's values by a*Fx + b*Fy (+ c*Fz) + d in the same way; R² >= 0.9 "
                        + "counts as the true force's form. The exact-form check is strict: with a, b, c fitted and snapped, "
                        + "the formula must equal a*Fx + b*Fy + c (F or F/m1, r or r + 0.01) at 50 digits.",
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

    @Mixin SharedOptions.Law law;

    @Option(names = "--dim", paramLabel = "N", defaultValue = "2", description = "Spatial dimension, 2 or 3 (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--bodies", paramLabel = "N", defaultValue = "4", description = "Bodies per system (default: ${DEFAULT-VALUE}).")
    int bodies;

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "l1",
            description = "Graph network: standard, bottleneck, l1 or kl (default: ${DEFAULT-VALUE}).")
    Variant variant;

    @Option(names = "--edge-input", paramLabel = "INPUT", defaultValue = "relative",
            description = "What the edge model sees of the two bodies' positions: relative (their difference), distance (the "
                    + "difference and the separation) or absolute (both positions, as in the paper; translation invariance "
                    + "learned) (default: ${DEFAULT-VALUE}).")
    Features edgeInput;

    @Option(names = "--loss-floor", paramLabel = "A", defaultValue = "1",
            description = "Training loss: each body's acceleration error is weighted by 1/(|a| + A) (weights normalised to mean "
                    + "1), relative for accelerations above A, so that distant bodies count as much as close encounters; 0 for "
                    + "the paper's loss, the plain mean L1 error (default: ${DEFAULT-VALUE}: more laws distil exactly, see "
                    + "docs/GRAPH-NETWORKS.md).")
    double lossFloor;

    @Option(names = "--node-input", paramLabel = "WHAT",
            description = "What the node model sees besides the summed messages: all (the body's velocity, charge and mass, "
                    + "as in the paper) or messages (nothing else, so the messages must carry the receiver's mass and charge "
                    + "themselves: the pair's acceleration F/m1) (default: messages for the bottleneck variant, all for the "
                    + "others; see docs/GRAPH-NETWORKS.md).")
    NodeInput nodeInput;

    @Option(names = "--weighted-penalty",
            description = "L1 variant: weigh each edge's message penalty by its receiver's weight in the loss (1/(|a| + A), "
                    + "A the loss floor), so that penalty and loss trade off alike at every acceleration (default: off, "
                    + "every edge alike as in the paper).")
    boolean weightedPenalty;

    @Option(names = "--restarts", paramLabel = "N", defaultValue = "1",
            description = "Train N networks from different initialisations on the same data and keep the one with the "
                    + "lowest loss on validation simulations, as many as the test ones, taken out of training (default: "
                    + "${DEFAULT-VALUE}: one network, no validation split). Takes N times as long to train.")
    int restarts;

    @Mixin SharedOptions.Sims sims;
    @Mixin SharedOptions.Epochs epochs;
    @Mixin SharedOptions.Hidden hidden;

    @Option(names = "--reg", paramLabel = "W",
            description = "Weight of the message penalty of the l1 and kl variants (default: the variant's, "
                    + "0.03 for l1, 0.05 for kl).")
    Double reg;

    @Option(names = "--shape", paramLabel = "SHAPE", defaultValue = "central",
            description = "What the formula search assumes of the message: central (a central force in an unknown basis, "
                    + "(c1*dx + c2*dy)*g(m1, q1)*f(r, m2, q2)/r, searching g and f) or free (any formula of dx, dy, r, m1, m2, q1, q2) "
                    + "(default: ${DEFAULT-VALUE}).")
    Distillation.Shape shape;

    @Option(names = "--simplify-budget", paramLabel = "B", defaultValue = "" + Distillation.DEFAULT_SIMPLIFY_BUDGET,
            description = "Share of the message's variance the formula may lose while its constants are snapped to simpler "
                    + "values and weak sub-expressions are replaced by constants; 0 keeps the search's formula "
                    + "(default: ${DEFAULT-VALUE}).")
    double simplifyBudget;

    @Option(names = "--closest", paramLabel = "F", defaultValue = "" + Distillation.DEFAULT_CLOSEST,
            description = "Fraction of the test edges, the closest pairs, that the formula search leaves out: a network "
                    + "sees too few close encounters to follow a singular law there (default: ${DEFAULT-VALUE}).")
    double closest;

    @Option(names = "--relative-search", negatable = true, defaultValue = "" + Distillation.DEFAULT_RELATIVE,
            fallbackValue = "true",
            description = "Weigh each searched edge's squared error by 1/(|m|² + s²), |m| the edge's message, s its median: "
                    + "a relative error where messages are large, as the training's loss floor (default: on; "
                    + "--no-relative-search for the plain squared error).")
    boolean relativeSearch;

    @Option(names = "--load", paramLabel = "DIR",
            description = "Distil the network saved in DIR by an earlier run's --model-dir instead of training one "
                    + "(same law, dimension, bodies, sims, variant and seed; the data are simulated again for the test split).")
    Path load;

    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Time time;
    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Json json;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.ModelDir modelDir;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // 1. the command line, before any work
        NewtonGn.Settings settings = settings();
        Path png = plot.orElse("newton-gn-" + settings.law().label() + "-" + label(variant) + ".png");
        checkOutputs(png);

        // 2. the run; Ctrl-C stops training (and goes on), or the search
        AtomicBoolean stopTraining = new AtomicBoolean(), stopSearch = new AtomicBoolean(), trained = new AtomicBoolean();
        try (Interrupt interrupt = Interrupt.trainingThenSearch(err, time.wholeSeconds(), trained, stopTraining, stopSearch)) {
            NewtonGn.Outcome outcome;
            Progress progress = new Progress(settings, trained);
            try {
                outcome = NewtonGn.run(settings, progress, stopTraining, stopSearch);
            } catch (CancellationException e) {
                throw Failure.data(Interrupt.NOTHING_TRAINED);
            } catch (IOException e) {
                throw Failure.data(load != null ? "cannot read the network in " + load + ": " + e.getMessage()
                        : "cannot save the network in " + modelDir.path + ": " + e.getMessage());
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
        PairLaw pairLaw = law.parse();
        if (dim != 2 && dim != 3) throw Failure.usage("--dim must be 2 or 3: " + dim);
        Duration searchTime = time.duration();
        try {
            var b = NewtonGn.Settings.builder().law(pairLaw).dim(dim).bodies(bodies).variant(variant).simulations(sims.value)
                    .epochs(epochs.value).hidden(hidden.value).seed(seed.value).searchTime(searchTime).modelDir(modelDir.path)
                    .load(load).shape(shape).simplifyBudget(simplifyBudget).features(edgeInput)
                    .lossFloor(lossFloor).nodeInput(nodeInput).weightedPenalty(weightedPenalty).restarts(restarts)
                    .closest(closest).relative(relativeSearch);
            if (threads.value != null) b.threads(threads.value);
            if (reg != null) b.regularization(reg);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "simulations", "--sims", "bodies", "--bodies", "epochs", "--epochs", "hidden", "--hidden",
                    "threads", "--threads", "regularization", "--reg", "simplifyBudget", "--simplify-budget",
                    "lossFloor", "--loss-floor", "restarts", "--restarts", "closest", "--closest");
        }
    }

    /** Refuses, before any work, to overwrite files without --force or to write where it cannot. */
    private void checkOutputs(Path png) {
        force.checkJsonAndPlot(json.path, png);
        modelDir.check();
        if (load != null && modelDir.path != null) throw Failure.usage("--load and --model-dir exclude each other: the loaded network is already saved");
        if (load != null && !Files.isDirectory(load)) throw Failure.usage("--load " + load + " is not a directory");
        if (load != null && !Files.exists(load.resolve("graph-network.properties")))
            throw Failure.usage("--load " + load + " holds no saved network (graph-network.properties)");
        Path dir = modelDir.path;
        if (dir != null && !force.value && (Files.exists(dir.resolve("graph-network.properties"))
                || Files.exists(dir.resolve("graph-network.params"))))
            throw Failure.usage("--model-dir " + dir + " already holds a saved network; use --force to overwrite it");
    }

    private int report(NewtonGn.Outcome o, Path png, PrintWriter out, PrintWriter err) {
        NewtonGn.Settings s = o.settings();
        Distillation.Result d = o.distillation();
        TrainingProvenance t = o.training();
        out.printf(Locale.ROOT, "newton-gn: %s law, %d-D, %d bodies, %s graph network (%d hidden%s); %d training and %d test graphs%n",
                s.law().label(), s.dim(), s.bodies(), label(s.variant()), s.hidden(),
                (s.features() == Features.RELATIVE ? "" : ", edge input " + s.features().label())
                        + (s.nodeInput() == NodeInput.ALL ? "" : ", node input " + s.nodeInput().label())
                        + (s.lossFloor() == 0 ? ", the paper's L1 loss" : ", loss floor " + java.math.BigDecimal.valueOf(s.lossFloor()).stripTrailingZeros().toPlainString())
                        + (s.weightedPenalty() ? ", weighted penalty" : ""),
                o.trainGraphs(), o.testGraphs());
        double[] validation = o.validationLosses();
        if (validation.length > 0) {
            var losses = new StringBuilder();
            for (int k = 0; k < validation.length; k++)
                losses.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5g", validation[k]))
                        .append(k + 1 == o.chosenRestart() ? " (kept)" : "");
            out.printf(Locale.ROOT, "restarts: %d networks trained, validation loss %s; kept restart %d (network seed %d)%n",
                    validation.length, losses, o.chosenRestart(), s.restartSeed(o.chosenRestart() - 1));
        }
        if (o.stoppedEarly()) out.printf(Locale.ROOT, "training stopped early, after %d optimiser steps%n", t.steps());
        out.printf(Locale.ROOT, "test loss: %.5g  (mean |error| of the acceleration per body; predicting zero: %.5g)%n",
                d.testLoss(), o.zeroLoss());
        out.printf(Locale.ROOT, "strongest messages as linear combinations of the true %s (%s; least squares over the "
                + "test edges, ignoring the %.0f %% fitted worst; R² over all edges in brackets):%n",
                d.basis().label(), d.basis() == ForceBasis.FORCE ? "pair force F" : "F/m1, the pair force over the "
                        + "receiver's mass", 100 * d.trim());
        for (int k = 0; k < d.fits().size(); k++)
            out.println("  " + describe(d.fits().get(k), d.basis()) + String.format(Locale.ROOT, "  [%.4f]", d.untrimmedR2().get(k)));
        out.println(profile(d));
        Equation e = d.equation();
        int status = 0;
        if (e == null) {
            err.println(DistillCommand.ERROR + "the search found no formula with a finite loss");
            status = 1;
        } else {
            out.printf(Locale.ROOT, "formula for message%d (%s search, complexity %d, searched on %d edges):%n",
                    d.component(), d.shape().label(), e.complexity(), d.searchEdges());
            if (d.searched() != e) {
                out.println("  found:      message" + d.component() + " = " + d.searched());
                out.println("  simplified: message" + d.component() + " = " + d.formula());
            } else {
                out.println("  message" + d.component() + " = " + d.formula());
            }
            out.println("  LaTeX: " + d.latex());
            FormCheck form = d.form();
            out.printf(Locale.ROOT, "form check: %s -> %s%n", describe(form, d.basis()),
                    form.matches() ? "of the true force's form" : "not of the true force's form");
            out.println("exact form: " + (d.formExact() ? "yes, " + d.exact() : "no (not a·Fx + b·Fy + c of the true law "
                    + "in either basis, at 50 digits)") + String.format(Locale.ROOT, "   form R² = %.4f", form.r2()));
            if (d.lawFormula() != null && !d.formExact())
                out.println("up to the receiver: message" + d.component() + " = g(m1, q1)·h with h = " + d.lawFormula()
                        + ", g = " + d.receiverFactor());
            out.println("exact up to the receiver: " + (d.formExactUpToReceiver() ? "yes, " + d.gaugeExact()
                    : d.lawFormula() == null ? "no (not a factor of m1, q1 times a function of the rest)"
                    : "no (h is not a·Fx + b·Fy + c of the true law at the same m1, q1)"));
            if (d.nodeResponse() != null) out.println(nodeResponse(d.nodeResponse(), d.basis()));
        }
        out.flush();

        status |= SharedOptions.Plot.write(png, file -> MessagePlot.write(file, o), out, err);
        if (s.modelDir() != null) out.println("network: " + s.modelDir());
        status |= json.write(JsonReports.NewtonGnReport.of(o), out, err);
        out.flush();
        err.flush();
        return status;
    }

    /** One line on whether the node model undoes the receiver factor {@code g}. */
    static String nodeResponse(NodeResponse r, ForceBasis basis) {
        String verdict = r.spread() < 0.75 * r.spreadStrict() ? ": the node model undoes g"
                : r.spreadStrict() < 0.75 * r.spread() ? ": the strict reading fits the node model better"
                : ": alike";
        return String.format(Locale.ROOT, "node model: its response to the message × (message per unit of the law's "
                + "acceleration) is one vector on the %d test nodes within %.1f %% (median) with the formula's receiver factor, "
                + "%.1f %% if the message were %s itself%s", r.nodes(), 100 * r.spread(), 100 * r.spreadStrict(),
                basis.symbol(), verdict);
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
        private final NewtonGn.Settings settings;
        private final AtomicBoolean trained;
        private final SharedOptions.Quiet.Counter counter = quiet.counter();
        private final ProgressBar[] bar = {null};

        Progress(NewtonGn.Settings settings, AtomicBoolean trained) {
            this.settings = settings;
            this.trained = trained;
        }

        @Override public void onSimulation(int done, int total) {
            counter.show("simulating " + settings.law().label(), done, total, " systems");
        }

        @Override public void onData(GraphDataset train, GraphDataset test) {
            if (settings.load() != null) {
                quiet.say("loading the network saved in %s; testing on %d graphs", settings.load(), test.graphs());
                return;
            }
            GraphNetworkConfig c = settings.network();
            long steps = (long) c.epochs() * ((train.graphs() + c.batchSize() - 1) / c.batchSize());
            if (settings.restarts() > 1)
                quiet.say("training %d networks on %d graphs, choosing on %d validation graphs, testing on %d: %d epochs, "
                        + "%d steps of %d graphs each", settings.restarts(), train.graphs(),
                        settings.validationSimulations() * test.graphs() / settings.testSimulations(), test.graphs(),
                        c.epochs(), steps, c.batchSize());
            else
                quiet.say("training on %d graphs, testing on %d: %d epochs, %d steps of %d graphs", train.graphs(), test.graphs(),
                        c.epochs(), steps, c.batchSize());
        }

        @Override public void onRestart(int done, int total, double validationLoss, boolean best) {
            quiet.say("restart %d of %d: validation loss %.5g%s", done, total, validationLoss, best ? " (best so far)" : "");
        }

        @Override public void onEpoch(TrainingProgress p) { quiet.epoch(null, p, 5, true); }

        @Override public void onTrained(TrainingProvenance provenance) {
            trained.set(true);
            quiet.say("%s: %d steps in %.1f s; distilling (search: %s s)", settings.load() != null ? "loaded, trained earlier"
                    : "trained", provenance.steps(), provenance.wallTime().toNanos() / 1e9,
                    ProgressBar.fmt(settings.searchTime().toNanos() / 1e9));
        }

        @Override public ProgressListener search() { return quiet.searchBar(bar); }

        void finishSearch() {
            if (bar[0] != null) bar[0].finish();
        }
    }

    /**
     * The strongest message's {@link RadialProfile} in two lines: its amplitude against the fitted law per bin of the
     * separation, and the fall-off exponent over the edges the search saw.
     */
    static String profile(Distillation.Result d) {
        RadialProfile p = d.profile();
        var s = new StringBuilder("message").append(d.component())
                .append(" against its fit by separation (amplitude in bins of equal count; 1 = follows the law):\n ");
        for (RadialProfile.Bin b : p.bins())
            s.append(String.format(Locale.ROOT, " r %.2f–%.2f: %.2f", b.rLow(), b.rHigh(), b.amplitude())).append(';');
        s.setLength(s.length() - 1);
        s.append(Double.isNaN(p.slope()) ? "\n  fall-off: too few bins beyond the closest pairs to tell"
                : String.format(Locale.ROOT, "%n  beyond r = %.3f (the edges the search sees): message ≈ law · r^%.2f%s", p.slopeFrom(),
                        p.slope(), Math.abs(p.slope()) < 0.15 ? " (the law's fall-off)"
                                : p.slope() > 0 ? " (falls more slowly than the law)" : " (falls faster than the law)"));
        return s.toString();
    }
}
