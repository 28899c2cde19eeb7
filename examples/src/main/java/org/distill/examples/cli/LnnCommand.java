package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.lnn.LagrangianDynamics;
import org.distill.examples.lnn.LnnPlots;
import org.distill.examples.lnn.LnnSystem;
import org.distill.neural.TrainingProgress;
import org.distill.neural.lnn.LagrangianDistillation;
import org.distill.neural.TrainingReport;
import org.distill.physics.lagrangian.MechanicalSystem;
import org.distill.physics.lagrangian.Rollout;
import org.distill.symbolic.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example lnn}: a Lagrangian neural network against a plain network of the same size
 * ({@link LagrangianDynamics}); prints the training and test losses and the energy drift of both rollouts, writes the
 * trajectory and energy plots (and for the relativistic particle the acceleration plot and the learned Lagrangian's
 * formula), and, if asked, JSON.
 */
@Command(name = "lnn",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Trains a Lagrangian neural network and a same-size plain network on a system's accelerations, "
                + "rolls both out from held-out initial states and compares their energy drift (Cranmer et al. 2020, "
                + "\"Lagrangian Neural Networks\"). For the relativistic particle it also compares accelerations beyond "
                + "the training speeds and distils the learned Lagrangian into a formula.",
        footer = {"",
                "double-pendulum: m = l = 1, g = 9.8; states along 10 s trajectories from angles in [-pi/4, pi/4] and "
                        + "angular velocities ~ N(0, 0.5^2); 20 held-out initial states rolled out for 10 s with RK4 "
                        + "(dt 0.01). relativistic: L = -sqrt(1 - v^2) + q (g = 1, c = 1), trained on |v| <= 0.8, "
                        + "rolled out for 10 s from |v| <= 0.3 (the speed approaches 1). wave: periodic chain of 50 "
                        + "sites, dx = 1/50, unit speed; the Lagrangian model is a Lagrangian graph network (one local "
                        + "L(q_i+1 - q_i, v_i, v_i+1) summed over the ring); 3 Gaussian bumps at rest, rolled out for 2 s.",
                "Energy drift: mean over the rollouts of |E(end) - E(0)| / |E(0)| of the true energy along each "
                        + "model's trajectory (rollouts that leave the domain, e.g. |v| >= 1, are counted apart).",
                "",
                "Examples:",
                "  distill example lnn --system double-pendulum",
                "  distill example lnn --system relativistic --json rel.json",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class LnnCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--system", required = true, paramLabel = "SYSTEM", description = "double-pendulum, relativistic or wave.")
    String system;

    @Option(names = "--states", paramLabel = "N", description = "Training states (default: 6000 double-pendulum, 2000 relativistic, 3000 wave).")
    Integer states;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs of each network (default: 150; relativistic 300, wave 40).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "States per optimiser step (default: 64 double-pendulum, 128 relativistic, 32 wave).")
    Integer batch;

    @Option(names = "--separable", negatable = true, paramLabel = "BOOL",
            description = "Lagrangian network as L = T(q̇) + U(q), two MLPs (default: on for relativistic, off for double-pendulum; not for wave).")
    Boolean separable;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate of both networks (default: 0.003; relativistic 0.01, wave 0.001).")
    Double learningRate;

    @Option(names = "--hidden", paramLabel = "N", description = "Units per hidden layer, 3 layers (default: 64; wave 32).")
    Integer hidden;

    @Option(names = "--max-angle", paramLabel = "RAD", description = "double-pendulum: initial angles in [-RAD, RAD] (default: pi/4).")
    Double maxAngle;

    @Option(names = "--speed", paramLabel = "RAD/S", description = "double-pendulum: std of the initial angular velocities (default: 0.5).")
    Double speed;

    @Option(names = "--duration", paramLabel = "T", description = "Rollout length (default: 30 double-pendulum, 10 relativistic, 2 wave).")
    Double duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seeds everything (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--time", paramLabel = "SECONDS", defaultValue = "60",
            description = "Symbolic-regression budget, relativistic only, shared by the two parts of a separable network (default: ${DEFAULT-VALUE}).")
    double time;

    @Option(names = "--threads", paramLabel = "N", description = "Search threads (default: all cores; training uses one).")
    Integer threads;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--plot-prefix", paramLabel = "PREFIX",
            description = "Plots go to PREFIX-trajectories.png, PREFIX-energy.png (and PREFIX-accelerations.png) "
                    + "(default: lnn-SYSTEM).")
    String prefix;

    @Option(names = "--force", description = "Overwrite existing --json and plot files.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    boolean quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LagrangianDynamics.Settings settings = settings();
        String base = prefix != null ? prefix : "lnn-" + settings.system().label();
        Path trajectories = Path.of(base + "-trajectories.png"), energy = Path.of(base + "-energy.png"),
                accelerations = Path.of(base + "-accelerations.png");
        checkFile("--json", json);
        for (Path p : new Path[] {trajectories, energy, accelerations}) checkFile("plot", p);

        AtomicBoolean stopTraining = new AtomicBoolean(), stopLater = new AtomicBoolean();
        AtomicInteger phase = new AtomicInteger(); // 0, 1: training a model; 2: rollouts and search
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds((long) time + 120), () -> {
            if (phase.get() < 2) {
                stopTraining.set(true);
                return "interrupted; stopping this network's training and going on with what it learned...";
            }
            stopLater.set(true);
            return "interrupted; cutting the rollouts short and keeping the best formula so far...";
        })) {
            LagrangianDynamics.Outcome o;
            try {
                o = LagrangianDynamics.run(settings, new Progress(err, phase), stopTraining, stopLater);
            } catch (IllegalArgumentException e) {
                throw Failure.data(e.getMessage());
            }
            return report(o, trajectories, energy, accelerations, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private LagrangianDynamics.Settings settings() {
        LnnSystem s;
        try {
            s = LnnSystem.parse(system);
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--system: " + e.getMessage());
        }
        if (!(time > 0 && time <= 1e6)) throw Failure.usage("--time must be a number of seconds in (0, 1000000]: " + time);
        try {
            var b = LagrangianDynamics.Settings.defaults(s).seed(seed).searchTime(Duration.ofNanos(Math.round(time * 1e9)));
            if (states != null) b.states(states);
            if (epochs != null) b.epochs(epochs);
            if (batch != null) b.batch(batch);
            if (learningRate != null) b.learningRate(learningRate);
            if (separable != null) b.separable(separable);
            if (hidden != null) b.hidden(hidden);
            if (duration != null) b.duration(duration);
            if (maxAngle != null) b.maxAngle(maxAngle);
            if (speed != null) b.speed(speed);
            if (threads != null) b.threads(threads);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e.getMessage().replace("states must", "--states must").replace("epochs must", "--epochs must")
                    .replace("batchSize must", "--batch must").replace("learningRate must", "--lr must")
                    .replace("hiddenSize must", "--hidden must").replace("duration must", "--duration must").replace("maxAngle must", "--max-angle must").replace("speed must", "--speed must")
                    .replace("threads must", "--threads must"));
        }
    }

    private void checkFile(String option, Path path) { Failure.checkOutput(option, path, force); }

    private int report(LagrangianDynamics.Outcome o, Path trajectories, Path energy, Path accelerations, PrintWriter out,
                       PrintWriter err) {
        var s = o.settings();
        MechanicalSystem system = s.truth();
        out.printf(Locale.ROOT, "lnn: %s; %d training states; networks %d x %d softplus%s; %d rollouts of %s time units (dt %s)%n",
                s.system().label(), o.lnn().rows(), s.layers(), s.hidden(), s.separable() ? " (lnn separable: L = T(q̇) + U(q))" : "",
                s.rollouts(), fmt(s.duration()), fmt(s.dt()));
        for (TrainingReport r : new TrainingReport[] {o.lnn(), o.baseline()})
            out.printf(Locale.ROOT, "  %-8s trained %d steps in %.1f s%s, final loss %.4g%n", r.model(), r.steps(),
                    r.wallTime().toNanos() / 1e9, r.stopped() ? " (stopped early)" : "", r.finalLoss());
        out.printf(Locale.ROOT, "test loss (mean |q̈ error| summed over coordinates): lnn %.4g, baseline %.4g%n",
                o.testLossModel(), o.testLossBaseline());
        out.printf(Locale.ROOT, "energy drift |E(end) - E(0)|/|E(0)|, mean over rollouts: lnn %s, baseline %s "
                + "(true system, same RK4 step: %s)%n", drift(o.driftModel()), drift(o.driftBaseline()), drift(o.driftTruth()));
        out.printf(Locale.ROOT, "  (lnn rolled out with its training ridge %s instead of the exact solve: %s)%n",
                fmt(s.network().ridge()), drift(o.driftModelRidge()));
        double[] times = checkpoints(s.duration());
        double[] overModel = driftAt(o.modelRollout(), system, times, s.dt()), overBase = driftAt(o.baselineRollout(), system, times, s.dt());
        StringBuilder over = new StringBuilder("  over time (lnn / baseline):");
        for (int i = 0; i < times.length; i++)
            over.append(String.format(Locale.ROOT, "  t=%s: %.3g / %.3g", fmt(times[i]), overModel[i], overBase[i]));
        out.println(over);
        double ratio = o.driftBaseline().mean() / o.driftModel().mean();
        if (Double.isFinite(ratio)) out.printf(Locale.ROOT, "  the baseline drifts %.3gx as much as the lnn%n", ratio);
        LagrangianDistillation.Result d = o.distillation();
        if (s.system() == LnnSystem.RELATIVISTIC) {
            out.println("accelerations, mean |â - a|/|a| by speed band (trained on |v| <= " + fmt(s.trainSpeed()) + "):");
            boolean formula = o.accelFormula().length > 0;
            for (double[] band : bands(s.trainSpeed()))
                out.printf(Locale.ROOT, "  |v| in (%s, %s]: lnn %.3g, baseline %.3g%s%n", fmt(Math.max(0, band[0])), fmt(band[1]),
                        o.accelError(o.accelModel(), band[0], band[1]), o.accelError(o.accelBaseline(), band[0], band[1]),
                        formula ? String.format(Locale.ROOT, ", distilled formula %.3g", o.accelError(o.accelFormula(), band[0], band[1])) : "");
            out.printf(Locale.ROOT, "learned Lagrangian ≈ %s   (R² = %.5f on 1000 training states; without the total "
                    + "derivative c·q̇: R² = %.5f)%n", gauge(d.gaugeFit()), d.gaugeFit().r2(), d.truthFit().r2());
            if (d.equation() != null) {
                out.printf(Locale.ROOT, "formula for the learned Lagrangian (complexity %d): L = %s%n", d.equation().complexity(), d.formula());
                out.println("  LaTeX: " + d.latex());
                out.printf(Locale.ROOT, "  formula ≈ %s   (R² = %.5f)%n", gauge(d.formGaugeFit()), d.formGaugeFit().r2());
                out.printf(Locale.ROOT, "  its Euler–Lagrange accelerations, mean |â - a|/|a|: |v| <= %s: %.3g; |v| in (%s, 0.99]: %.3g%n",
                        fmt(s.trainSpeed()), o.accelError(o.accelFormula(), true), fmt(s.trainSpeed()), o.accelError(o.accelFormula(), false));
                out.printf(Locale.ROOT, "  its rollouts: energy drift %s%n", drift(o.driftFormula()));
            }
        }
        int status = 0;
        try {
            plots(o, system, trajectories, energy, accelerations);
            out.println("plots: " + trajectories + ", " + energy + (s.system() == LnnSystem.RELATIVISTIC ? ", " + accelerations : ""));
        } catch (IOException | RuntimeException x) {
            err.println(DistillCommand.ERROR + "cannot write the plots: " + x.getMessage());
            status = 1;
        }
        if (json != null) {
            try {
                FrontFile.writeAtomically(json, Json.write(json(o)) + "\n");
                out.println("json: " + json);
            } catch (IOException x) {
                err.println(DistillCommand.ERROR + "cannot write " + json + ": " + x.getMessage());
                status = 1;
            }
        }
        return status;
    }

    private static void plots(LagrangianDynamics.Outcome o, MechanicalSystem system, Path trajectories, Path energy,
                              Path accelerations) throws IOException {
        var s = o.settings();
        Rollout truth = o.truth(), model = o.modelRollout(), base = o.baselineRollout();
        int frames = truth.frames();
        double[] t = new double[frames];
        for (int f = 0; f < frames; f++) t[f] = f * s.dt();
        boolean rel = s.system() == LnnSystem.RELATIVISTIC;
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (int r = 0; r < Math.min(2, s.rollouts()); r++) {
            lines.put("truth #" + (r + 1), coordinate(truth, r, rel, frames));
            lines.put("lnn #" + (r + 1), coordinate(model, r, rel, frames));
            lines.put("baseline #" + (r + 1), coordinate(base, r, rel, frames));
        }
        boolean wave = s.system() == LnnSystem.WAVE;
        LnnPlots.lines(trajectories, s.system().label() + ": " + (rel ? "speed v" : wave ? "displacement of site 0" : "angle θ1")
                + " of two held-out rollouts", "time", rel ? "v" : wave ? "q0" : "θ1 (rad)", t, lines, false);
        LnnPlots.lines(energy, s.system().label() + ": mean relative energy error over " + s.rollouts() + " rollouts", "time",
                "|E(t) - E(0)| / |E(0)|", t, LnnPlots.series("lnn", meanOverRows(model, system, frames),
                        "baseline", meanOverRows(base, system, frames), "truth (exact)", meanOverRows(truth, system, frames)), true);
        if (rel) LnnPlots.lines(accelerations, "relativistic: acceleration at q̇ (trained on |q̇| <= " + fmt(s.trainSpeed()) + ")",
                "q̇", "q̈", o.speeds(), o.accelFormula().length == 0
                        ? LnnPlots.series("truth", o.accelTruth(), "lnn", o.accelModel(), "baseline", o.accelBaseline())
                        : LnnPlots.series("truth", o.accelTruth(), "lnn", o.accelModel(), "baseline", o.accelBaseline(),
                                "distilled formula", o.accelFormula()), false);
    }

    /** Speed bands of the relativistic comparison: the training speeds, then three bands of extrapolation up to 0.99. */
    static double[][] bands(double trainSpeed) {
        double mid = Math.max(trainSpeed, 0.9), high = Math.max(mid, 0.95);
        return new double[][] {{-1, trainSpeed}, {trainSpeed, mid}, {mid, high}, {high, 0.99}};
    }

    /** A quarter, half, three quarters and all of the rollout. */
    static double[] checkpoints(double duration) {
        return new double[] {duration / 4, duration / 2, 3 * duration / 4, duration};
    }

    /** Mean over the rollouts with a finite energy of the relative energy error at each of {@code times}. */
    static double[] driftAt(Rollout r, MechanicalSystem system, double[] times, double dt) {
        double[][] e = r.relativeEnergyErrorsOverTime(system);
        double[] out = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            int f = (int) Math.round(times[i] / dt);
            double sum = 0;
            int n = 0;
            for (double[] row : e) if (f < row.length && Double.isFinite(row[f])) { sum += row[f]; n++; }
            out[i] = n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }

    private static double[] coordinate(Rollout r, int row, boolean velocity, int frames) {
        double[] y = new double[frames];
        java.util.Arrays.fill(y, Double.NaN);
        for (int f = 0; f < r.frames(); f++) y[f] = (velocity ? r.qd() : r.q())[f][row * r.dof()];
        return y;
    }

    private static double[] meanOverRows(Rollout r, MechanicalSystem system, int frames) {
        double[][] e = r.relativeEnergyErrorsOverTime(system);
        double[] mean = new double[frames];
        java.util.Arrays.fill(mean, Double.NaN);
        for (int f = 0; f < r.frames(); f++) {
            double sum = 0;
            int n = 0;
            for (double[] row : e) if (Double.isFinite(row[f])) { sum += row[f]; n++; }
            if (n > 0) mean[f] = sum / n;
        }
        return mean;
    }

    private static Map<String, Object> json(LagrangianDynamics.Outcome o) {
        var s = o.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", s.system().label());
        m.put("energy_drift_model", o.driftModel().mean());
        m.put("energy_drift_baseline", o.driftBaseline().mean());
        m.put("energy_drift_truth", o.driftTruth().mean());
        m.put("energy_drift_model_ridge", o.driftModelRidge().mean());
        m.put("broken_model", o.driftModel().broken());
        m.put("broken_baseline", o.driftBaseline().broken());
        double[] times = checkpoints(s.duration());
        m.put("energy_drift_times", times);
        m.put("energy_drift_model_over_time", driftAt(o.modelRollout(), s.truth(), times, s.dt()));
        m.put("energy_drift_baseline_over_time", driftAt(o.baselineRollout(), s.truth(), times, s.dt()));
        m.put("energy_drift_model_each", o.driftModel().each());
        m.put("energy_drift_baseline_each", o.driftBaseline().each());
        LagrangianDistillation.Result d = o.distillation();
        m.put("formula", d == null ? null : d.formula());
        m.put("latex", d == null ? null : d.latex());
        if (d != null) {
            m.put("variables", d.variables());
            m.put("lagrangian_scale", d.truthFit().a());
            m.put("lagrangian_offset", d.truthFit().b());
            m.put("lagrangian_r2", d.truthFit().r2());
            m.put("lagrangian_velocity_term", d.gaugeFit().c()[0]);
            m.put("lagrangian_gauge_r2", d.gaugeFit().r2());
            m.put("formula_r2", d.formFit() == null ? null : d.formFit().r2());
            m.put("formula_gauge_r2", d.formGaugeFit() == null ? null : d.formGaugeFit().r2());
            m.put("accel_error_inside_formula", d.equation() == null ? null : o.accelError(o.accelFormula(), true));
            m.put("accel_error_outside_formula", d.equation() == null ? null : o.accelError(o.accelFormula(), false));
            m.put("energy_drift_formula", o.driftFormula() == null ? null : o.driftFormula().mean());
            m.put("broken_formula", o.driftFormula() == null ? null : o.driftFormula().broken());
            m.put("accel_error_inside_model", o.accelError(o.accelModel(), true));
            m.put("accel_error_inside_baseline", o.accelError(o.accelBaseline(), true));
            m.put("accel_error_outside_model", o.accelError(o.accelModel(), false));
            m.put("accel_error_outside_baseline", o.accelError(o.accelBaseline(), false));
            m.put("train_speed", s.trainSpeed());
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (double[] band : bands(s.trainSpeed())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("from", Math.max(0, band[0]));
                row.put("to", band[1]);
                row.put("model", o.accelError(o.accelModel(), band[0], band[1]));
                row.put("baseline", o.accelError(o.accelBaseline(), band[0], band[1]));
                row.put("formula", o.accelFormula().length == 0 ? null : o.accelError(o.accelFormula(), band[0], band[1]));
                rows.add(row);
            }
            m.put("accel_error_bands", rows);
        }
        m.put("test_loss_model", o.testLossModel());
        m.put("test_loss_baseline", o.testLossBaseline());
        m.put("train_states", o.lnn().rows());
        m.put("epochs", s.epochs());
        m.put("hidden", s.hidden());
        m.put("layers", s.layers());
        m.put("batch", s.batch());
        m.put("learning_rate", s.learningRate());
        m.put("separable", s.separable());
        m.put("steps_model", o.lnn().steps());
        m.put("steps_baseline", o.baseline().steps());
        m.put("training_seconds_model", o.lnn().wallTime().toNanos() / 1e9);
        m.put("training_seconds_baseline", o.baseline().wallTime().toNanos() / 1e9);
        m.put("rollouts", s.rollouts());
        m.put("duration", s.duration());
        m.put("dt", s.dt());
        m.put("seed", s.seed());
        m.put("seconds", o.seconds());
        return m;
    }

    private static String drift(LagrangianDynamics.Drift d) {
        String mean = Double.isFinite(d.mean()) ? String.format(Locale.ROOT, "%.3g", d.mean()) : "-";
        return d.broken() == 0 ? mean : mean + " (" + d.broken() + " rollouts left the domain)";
    }

    private static String gauge(LagrangianDistillation.GaugeFit g) {
        return String.format(Locale.ROOT, "%.4g·L_true %s %.4g·q̇ %s %.4g", g.a(), g.c()[0] < 0 ? "-" : "+", Math.abs(g.c()[0]),
                g.b() < 0 ? "-" : "+", Math.abs(g.b()));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Progress on standard error: one line per epoch (at most every 2 s on a terminal, 10 s otherwise) and per phase. */
    private final class Progress implements LagrangianDynamics.Listener {
        private final PrintWriter err;
        private final AtomicInteger phase;
        private final boolean terminal = ProgressBar.stderrIsTerminal();
        private long lastDraw = Long.MIN_VALUE;
        private ProgressBar bar;

        Progress(PrintWriter err, AtomicInteger phase) {
            this.err = err;
            this.phase = phase;
        }

        @Override public void onTraining(String model, int states, long steps) {
            if (quiet) return;
            err.printf(Locale.ROOT, "distill: training the %s on %d states: %d steps%n", model, states, steps);
            err.flush();
        }

        @Override public void onEpoch(String model, TrainingProgress p) {
            if (quiet) return;
            long now = System.nanoTime();
            if (p.epoch() < p.epochs() && lastDraw != Long.MIN_VALUE && now - lastDraw < (terminal ? 2e9 : 1e10)) return;
            lastDraw = now;
            double elapsed = p.elapsed().toNanos() / 1e9;
            err.printf(Locale.ROOT, "distill: %s epoch %d/%d  loss %.4g  lr %.2e  %s  ETA %s%n", model, p.epoch(), p.epochs(),
                    p.loss(), p.learningRate(), ProgressBar.clock(elapsed), ProgressBar.clock(elapsed * (1 - p.fraction()) / p.fraction()));
            err.flush();
        }

        @Override public void onTrained(TrainingReport r) {
            phase.incrementAndGet();
            lastDraw = Long.MIN_VALUE;
        }

        @Override public void onRollout(String model) {
            if (quiet) return;
            err.printf(Locale.ROOT, "distill: rolling out the %s%n", model);
            err.flush();
        }

        @Override public ProgressListener search() {
            if (quiet) return ProgressListener.NONE;
            bar = new ProgressBar(err, terminal, 0);
            return bar;
        }
    }
}
