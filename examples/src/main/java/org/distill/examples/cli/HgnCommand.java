package org.distill.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.hgn.HamiltonianGn;
import org.distill.examples.newton.MessagePlot;
import org.distill.neural.hgn.PairDistillation;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example hgn}: the flat Hamiltonian graph network on n-body data ({@link HamiltonianGn}); prints the
 * test loss, how well the learned pair term matches the true pair potential, and its formula; writes the
 * pair-term-vs-potential plot and, if asked, JSON.
 */
@Command(name = "hgn",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Simulates 2-D n-body systems under a pair law, trains a flat Hamiltonian graph network "
                + "H = sum of pair terms + sum of self terms on dp/dt = -dH/dq and dq/dt = dH/dp, and distils the pair "
                + "term into a formula in r, m1, m2 (Cranmer et al. 2020).",
        footer = {"",
                "The Hamiltonian is fixed only up to terms constant in time (any function of the masses), so the pair term "
                        + "and the true potential U (r2: -m1*m2/r', spring: (r' - 1)^2, r' = r + 0.01) are compared relative "
                        + "to each pair moved to a reference separation r0 (the median): phi~ = phi(r) - phi(r0), "
                        + "U~ = U(r) - U(r0). Over 2000 test pairs: phi~ = a*U~ + b and dphi/dr = a*U' + b, least trimmed "
                        + "squares ignoring the 10%% of pairs fitted worst, plain R2 beside, and the relative error "
                        + "|y - a*x - b| / (|a|*(|x| + median|x|)) on 90%% of the pairs. Fits and search leave out the "
                        + "closest 10%% of pairs; the formula matches the law when its values and its r-derivative both fit "
                        + "with trimmed R2 >= 0.9 and relative error <= 0.1.",
                "",
                "Examples:",
                "  distill example hgn --law spring",
                "  distill example hgn --law r2 --json r2.json",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class HgnCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SharedOptions.Law law;
    @Mixin SharedOptions.Sims sims;
    @Mixin SharedOptions.Epochs epochs;
    @Mixin SharedOptions.Hidden hidden;

    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Time time;

    @Option(names = "--select", paramLabel = "score|best|accuracy", defaultValue = "score",
            description = "Which equation of the front is the formula (default: ${DEFAULT-VALUE}): score = highest "
                    + "-d log loss / d complexity; best = highest score within 1.5x of the lowest loss; accuracy = lowest loss.")
    Selection select;

    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Json json;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        HamiltonianGn.Settings settings = settings();
        Path png = plot.orElse("hgn-" + settings.law().label() + ".png");
        force.checkJsonAndPlot(json.path, png);
        AtomicBoolean stopTraining = new AtomicBoolean(), stopSearch = new AtomicBoolean(), trained = new AtomicBoolean();
        try (Interrupt interrupt = Interrupt.trainingThenSearch(err, time.wholeSeconds(), trained, stopTraining, stopSearch)) {
            HamiltonianGn.Outcome o;
            ProgressBar[] bar = {null};
            try {
                o = HamiltonianGn.run(settings, p -> {
                    quiet.epoch("hgn", p, 4, false);
                    if (p.epoch() == p.epochs()) trained.set(true);
                }, quiet.searchBar(bar), stopTraining, stopSearch);
            } catch (CancellationException e) {
                throw Failure.data(Interrupt.NOTHING_TRAINED);
            } catch (IllegalArgumentException e) {
                throw Failure.data(e.getMessage());
            } finally {
                if (bar[0] != null) bar[0].finish();
            }
            return report(o, png, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private HamiltonianGn.Settings settings() {
        PairLaw pairLaw = law.parse();
        Duration searchTime = time.duration();
        try {
            return HamiltonianGn.Settings.builder(pairLaw).simulations(sims.value).epochs(epochs.value).hidden(hidden.value)
                    .seed(seed.value).searchTime(searchTime).threads(threads.orAllCores()).selection(select).build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "simulations", "--sims", "epochs", "--epochs", "hidden", "--hidden", "threads", "--threads",
                    "law", "--law");
        }
    }

    private int report(HamiltonianGn.Outcome o, Path png, PrintWriter out, PrintWriter err) {
        var s = o.settings();
        PairDistillation.Result p = o.pair();
        out.printf(Locale.ROOT, "hgn: %s law, 2-D, %d bodies, %d simulations; %d steps in %.1f s%s%n", s.law().label(), s.bodies(),
                s.simulations(), o.training().steps(), o.training().wallTime().toNanos() / 1e9,
                o.training().stopped() ? " (stopped early)" : "");
        out.printf(Locale.ROOT, "test loss: %.4g  (mean |ṗ error| + |q̇ error| per body; predicting zero: %.4g)%n", o.testLoss(), o.zeroLoss());
        out.printf(Locale.ROOT, "pair term vs true potential, relative to r0 = %.4g: phi~ ≈ %s%n", p.reference(), fit(p.valueFit(), "U~"));
        out.println("  radial derivative: dphi/dr ≈ " + fit(p.forceFit(), "U'"));
        int status = 0;
        if (p.equation() == null) {
            err.println(DistillCommand.ERROR + "the search found no formula with a finite loss");
            status = 1;
        } else {
            out.printf(Locale.ROOT, "formula for the pair term (%s of the front, complexity %d): phi~ = %s%n",
                    s.selection().name().toLowerCase(Locale.ROOT), p.equation().complexity(), p.formula());
            out.println("  LaTeX: " + p.latex());
            out.println("  formula ≈ " + fit(p.formFit(), "U~"));
            out.println("  d(formula)/dr ≈ " + fit(p.formForceFit(), "U'"));
            out.println("  form of the true potential (both trimmed R² >= " + PairDistillation.THRESHOLD + ", relative errors <= "
                    + PairDistillation.TOLERANCE + "): " + (p.matches() ? "yes" : "no"));
            out.println("Pareto front (complexity, loss, formula):");
            for (var e : p.front().equations())
                out.printf(Locale.ROOT, "  %3d  %-10.4g %s%n", e.complexity(), e.loss(), e);
        }
        status |= SharedOptions.Plot.write(png, file -> MessagePlot.write(file, p.potential(), p.phi(),
                s.law().label() + ": learned pair term vs true pair potential", "true pair potential U(r) - U(r0)",
                "learned pair term phi(r) - phi(r0)"), out, err);
        return status | json.write(JsonReports.HgnReport.of(o), out, err);
    }

    private static String fit(PairDistillation.Fit f, String truth) {
        return String.format(Locale.ROOT, "%.4g·%s %s %.4g   (R² = %.4f trimmed, %.4f plain; relative error %.3g)", f.a(), truth,
                f.b() < 0 ? "-" : "+", Math.abs(f.b()), f.r2(), f.plainR2(), f.relativeError());
    }
}
