package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.hgn.HamiltonianGn;
import org.distill.examples.newton.MessagePlot;
import org.distill.neural.hgn.PairDistillation;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
                        + "squares ignoring the 10% of pairs fitted worst, plain R2 beside, and the relative error "
                        + "|y - a*x - b| / (|a|*(|x| + median|x|)) on 90% of the pairs. Fits and search leave out the "
                        + "closest 10% of pairs; the formula matches the law when its values and its r-derivative both fit "
                        + "with trimmed R2 >= 0.9 and relative error <= 0.1.",
                "",
                "Examples:",
                "  distill example hgn --law spring",
                "  distill example hgn --law r2 --json r2.json",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class HgnCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--law", required = true, paramLabel = "LAW", description = "The pair law: r2 or spring (or r1, charge).")
    String law;

    @Option(names = "--sims", paramLabel = "N", defaultValue = "2000", description = "Simulated systems, 10 graphs each (default: ${DEFAULT-VALUE}).")
    int sims;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", description = "Units per hidden layer, 2 layers (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seeds everything (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "30", description = "Symbolic-regression budget (default: ${DEFAULT-VALUE}).")
    double time;

    @Option(names = "--select", paramLabel = "score|best|accuracy", defaultValue = "score",
            description = "Which equation of the front is the formula (default: ${DEFAULT-VALUE}): score = highest "
                    + "-d log loss / d complexity; best = highest score within 1.5x of the lowest loss; accuracy = lowest loss.")
    Selection select;

    @Option(names = "--threads", paramLabel = "N", description = "Search threads (default: all cores).")
    Integer threads;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--plot", paramLabel = "OUT.png", description = "The pair-term-vs-potential plot (default: hgn-LAW.png).")
    Path plot;

    @Option(names = "--force", description = "Overwrite existing --json and --plot files.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    boolean quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        PairLaw pairLaw;
        try {
            pairLaw = PairLaw.parse(law);
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--law: " + e.getMessage());
        }
        if (!(time > 0 && time <= 1e6)) throw Failure.usage("--time must be a number of seconds in (0, 1000000]: " + time);
        HamiltonianGn.Settings settings;
        try {
            settings = new HamiltonianGn.Settings(pairLaw, 4, sims, epochs, hidden, seed, Duration.ofNanos(Math.round(time * 1e9)),
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), select);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage().replace("simulations must", "--sims must").replace("epochs must", "--epochs must")
                    .replace("hidden must", "--hidden must").replace("threads must", "--threads must")
                    .replace("law must", "--law must"));
        }
        Path png = plot != null ? plot : Path.of("hgn-" + pairLaw.label() + ".png");
        checkFile("--json", json);
        checkFile("--plot", png);
        AtomicBoolean stopTraining = new AtomicBoolean(), stopSearch = new AtomicBoolean(), trained = new AtomicBoolean();
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds((long) time + 120), () -> {
            if (trained.get()) {
                stopSearch.set(true);
                return "interrupted; stopping the search and keeping the best formula so far...";
            }
            stopTraining.set(true);
            return "interrupted; stopping training and distilling what was learned...";
        })) {
            HamiltonianGn.Outcome o;
            ProgressBar[] bar = {null};
            try {
                o = HamiltonianGn.run(settings, p -> {
                    if (!quiet) {
                        double elapsed = p.elapsed().toNanos() / 1e9;
                        err.printf(Locale.ROOT, "distill: hgn epoch %d/%d  loss %.4g  %s  ETA %s%n", p.epoch(), p.epochs(), p.loss(),
                                ProgressBar.clock(elapsed), ProgressBar.clock(elapsed * (1 - p.fraction()) / p.fraction()));
                        err.flush();
                    }
                    if (p.epoch() == p.epochs()) trained.set(true);
                }, quiet ? ProgressListener.NONE : (bar[0] = new ProgressBar(err, ProgressBar.stderrIsTerminal(), 0)),
                        stopTraining, stopSearch);
            } catch (CancellationException e) {
                throw Failure.data("interrupted while simulating; nothing was trained");
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

    private void checkFile(String option, Path path) { Failure.checkOutput(option, path, force); }

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
        try {
            MessagePlot.write(png, p.potential(), p.phi(), s.law().label() + ": learned pair term vs true pair potential",
                    "true pair potential U(r) - U(r0)", "learned pair term phi(r) - phi(r0)");
            out.println("plot: " + png);
        } catch (IOException | RuntimeException x) {
            err.println(DistillCommand.ERROR + "cannot write " + png + ": " + x.getMessage());
            status = 1;
        }
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("law", s.law().label());
            m.put("test_loss", o.testLoss());
            m.put("zero_loss", o.zeroLoss());
            m.put("reference_r", p.reference());
            m.put("pair_scale", p.valueFit().a());
            m.put("pair_offset", p.valueFit().b());
            m.put("pair_r2", p.valueFit().r2());
            m.put("pair_r2_untrimmed", p.valueFit().plainR2());
            m.put("pair_force_scale", p.forceFit().a());
            m.put("pair_force_r2", p.forceFit().r2());
            m.put("pair_force_r2_untrimmed", p.forceFit().plainR2());
            m.put("pair_force_relative_error", p.forceFit().relativeError());
            m.put("formula", p.formula());
            m.put("latex", p.latex());
            m.put("selection", s.selection().name().toLowerCase(Locale.ROOT));
            m.put("formula_r2", p.formFit() == null ? null : p.formFit().r2());
            m.put("formula_force_r2", p.formForceFit() == null ? null : p.formForceFit().r2());
            m.put("formula_force_r2_untrimmed", p.formForceFit() == null ? null : p.formForceFit().plainR2());
            m.put("formula_relative_error", p.formFit() == null ? null : p.formFit().relativeError());
            m.put("formula_force_relative_error", p.formForceFit() == null ? null : p.formForceFit().relativeError());
            m.put("form_matches", p.matches());
            m.put("search_pairs", p.searchRows());
            var front = new java.util.ArrayList<Map<String, Object>>();
            for (var e : p.front().equations()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("complexity", e.complexity());
                row.put("loss", e.loss());
                row.put("formula", e.toString());
                front.add(row);
            }
            m.put("front", front);
            m.put("variables", java.util.List.of("r", "m1", "m2"));
            m.put("simulations", s.simulations());
            m.put("epochs", s.epochs());
            m.put("hidden", s.hidden());
            m.put("steps", o.training().steps());
            m.put("training_seconds", o.training().wallTime().toNanos() / 1e9);
            m.put("seed", s.seed());
            m.put("seconds", o.seconds());
            try {
                FrontFile.writeAtomically(json, Json.write(m) + "\n");
                out.println("json: " + json);
            } catch (IOException x) {
                err.println(DistillCommand.ERROR + "cannot write " + json + ": " + x.getMessage());
                status = 1;
            }
        }
        return status;
    }

    private static String fit(PairDistillation.Fit f, String truth) {
        return String.format(Locale.ROOT, "%.4g·%s %s %.4g   (R² = %.4f trimmed, %.4f plain; relative error %.3g)", f.a(), truth,
                f.b() < 0 ? "-" : "+", Math.abs(f.b()), f.r2(), f.plainR2(), f.relativeError());
    }
}
