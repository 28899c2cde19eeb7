package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.lnn.LagrangianDynamics;
import org.distill.examples.lnn.LnnResults;
import org.distill.examples.lnn.LnnSystem;
import org.distill.neural.TrainingProgress;
import org.distill.neural.lnn.LagrangianDistillation;
import org.distill.neural.TrainingReport;
import org.distill.physics.lagrangian.MechanicalSystem;
import org.distill.physics.lagrangian.Rollout;
import org.distill.symbolic.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

    @Mixin SharedOptions.Epochs epochs;

    @Option(names = "--batch", paramLabel = "N", description = "States per optimiser step (default: 64 double-pendulum, 128 relativistic, 32 wave).")
    Integer batch;

    @Option(names = "--separable", negatable = true, paramLabel = "BOOL",
            description = "Lagrangian network as L = T(q̇) + U(q), two MLPs (default: on for relativistic, off for double-pendulum; not for wave).")
    Boolean separable;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate of both networks (default: 0.003; relativistic 0.01, wave 0.001).")
    Double learningRate;

    @Mixin SharedOptions.Hidden hidden;

    @Option(names = "--max-angle", paramLabel = "RAD", description = "double-pendulum: initial angles in [-RAD, RAD] (default: pi/4).")
    Double maxAngle;

    @Option(names = "--speed", paramLabel = "RAD/S", description = "double-pendulum: std of the initial angular velocities (default: 0.5).")
    Double speed;

    @Option(names = "--duration", paramLabel = "T", description = "Rollout length (default: 30 double-pendulum, 10 relativistic, 2 wave).")
    Double duration;

    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Time time;
    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Json json;

    @Option(names = "--plot-prefix", paramLabel = "PREFIX",
            description = "Plots go to PREFIX-trajectories.png, PREFIX-energy.png (and PREFIX-accelerations.png) "
                    + "(default: lnn-SYSTEM).")
    String prefix;

    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LagrangianDynamics.Settings settings = settings();
        String base = prefix != null ? prefix : "lnn-" + settings.system().label();
        Path trajectories = Path.of(base + "-trajectories.png"), energy = Path.of(base + "-energy.png"),
                accelerations = Path.of(base + "-accelerations.png");
        force.check("--json", json.path);
        for (Path p : new Path[] {trajectories, energy, accelerations}) force.check("plot", p);

        AtomicBoolean stopTraining = new AtomicBoolean(), stopLater = new AtomicBoolean();
        AtomicInteger phase = new AtomicInteger(); // 0, 1: training a model; 2: rollouts and search
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds(time.wholeSeconds() + 120), () -> {
            if (phase.get() < 2) {
                stopTraining.set(true);
                return "interrupted; stopping this network's training and going on with what it learned...";
            }
            stopLater.set(true);
            return "interrupted; cutting the rollouts short and keeping the best formula so far...";
        })) {
            LagrangianDynamics.Outcome o;
            try {
                o = LagrangianDynamics.run(settings, new Progress(phase), stopTraining, stopLater);
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
        Duration searchTime = time.duration();
        try {
            var b = LagrangianDynamics.Settings.defaults(s).seed(seed.value).searchTime(searchTime);
            if (states != null) b.states(states);
            if (epochs.value != null) b.epochs(epochs.value);
            if (batch != null) b.batch(batch);
            if (learningRate != null) b.learningRate(learningRate);
            if (separable != null) b.separable(separable);
            if (hidden.value != null) b.hidden(hidden.value);
            if (duration != null) b.duration(duration);
            if (maxAngle != null) b.maxAngle(maxAngle);
            if (speed != null) b.speed(speed);
            if (threads.value != null) b.threads(threads.value);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "states", "--states", "epochs", "--epochs", "batchSize", "--batch", "learningRate", "--lr",
                    "hiddenSize", "--hidden", "duration", "--duration", "maxAngle", "--max-angle", "speed", "--speed",
                    "threads", "--threads");
        }
    }

    private int report(LagrangianDynamics.Outcome o, Path trajectories, Path energy, Path accelerations, PrintWriter out,
                       PrintWriter err) {
        var s = o.settings();
        MechanicalSystem system = s.truth();
        out.printf(Locale.ROOT, "lnn: %s; %d training states; networks %d x %d softplus%s; %d rollouts of %s time units (dt %s)%n",
                s.system().label(), o.lnn().training().rows(), s.layers(), s.hidden(), s.separable() ? " (lnn separable: L = T(q̇) + U(q))" : "",
                s.rollouts(), fmt(s.duration()), fmt(s.dt()));
        for (TrainingReport r : new TrainingReport[] {o.lnn().training(), o.baseline().training()})
            out.printf(Locale.ROOT, "  %-8s trained %d steps in %.1f s%s, final loss %.4g%n", r.model(), r.steps(),
                    r.wallTime().toNanos() / 1e9, r.stopped() ? " (stopped early)" : "", r.finalLoss());
        out.printf(Locale.ROOT, "test loss (mean |q̈ error| summed over coordinates): lnn %.4g, baseline %.4g%n",
                o.lnn().testLoss(), o.baseline().testLoss());
        out.printf(Locale.ROOT, "energy drift |E(end) - E(0)|/|E(0)|, mean over rollouts: lnn %s, baseline %s "
                + "(true system, same RK4 step: %s)%n", drift(o.lnn().drift()), drift(o.baseline().drift()), drift(o.truth().drift()));
        out.printf(Locale.ROOT, "  (lnn rolled out with its training ridge %s instead of the exact solve: %s)%n",
                fmt(s.network().ridge()), drift(o.lnnRidgeDrift()));
        double[] times = LnnResults.checkpoints(s.duration());
        double[] overModel = LnnResults.driftAt(o.lnn().rollout(), system, times, s.dt());
        double[] overBase = LnnResults.driftAt(o.baseline().rollout(), system, times, s.dt());
        StringBuilder over = new StringBuilder("  over time (lnn / baseline):");
        for (int i = 0; i < times.length; i++)
            over.append(String.format(Locale.ROOT, "  t=%s: %.3g / %.3g", fmt(times[i]), overModel[i], overBase[i]));
        out.println(over);
        double ratio = o.baseline().drift().mean() / o.lnn().drift().mean();
        if (Double.isFinite(ratio)) out.printf(Locale.ROOT, "  the baseline drifts %.3gx as much as the lnn%n", ratio);
        LagrangianDistillation.Result d = o.distillation();
        if (s.system() == LnnSystem.RELATIVISTIC) {
            out.println("accelerations, mean |â - a|/|a| by speed band (trained on |v| <= " + fmt(s.trainSpeed()) + "):");
            boolean formula = o.formula() != null;
            for (double[] band : LnnResults.bands(s.trainSpeed()))
                out.printf(Locale.ROOT, "  |v| in (%s, %s]: lnn %.3g, baseline %.3g%s%n", fmt(Math.max(0, band[0])), fmt(band[1]),
                        o.accelError(o.lnn().accelerations(), band[0], band[1]), o.accelError(o.baseline().accelerations(), band[0], band[1]),
                        formula ? String.format(Locale.ROOT, ", distilled formula %.3g", o.accelError(o.formula().accelerations(), band[0], band[1])) : "");
            out.printf(Locale.ROOT, "learned Lagrangian ≈ %s   (R² = %.5f on 1000 training states; without the total "
                    + "derivative c·q̇: R² = %.5f)%n", gauge(d.gaugeFit()), d.gaugeFit().r2(), d.truthFit().r2());
            if (d.equation() != null) {
                out.printf(Locale.ROOT, "formula for the learned Lagrangian (complexity %d): L = %s%n", d.equation().complexity(), d.formula());
                out.println("  LaTeX: " + d.latex());
                out.printf(Locale.ROOT, "  formula ≈ %s   (R² = %.5f)%n", gauge(d.formGaugeFit()), d.formGaugeFit().r2());
                out.printf(Locale.ROOT, "  its Euler–Lagrange accelerations, mean |â - a|/|a|: |v| <= %s: %.3g; |v| in (%s, 0.99]: %.3g%n",
                        fmt(s.trainSpeed()), o.accelError(o.formula().accelerations(), true), fmt(s.trainSpeed()), o.accelError(o.formula().accelerations(), false));
                out.printf(Locale.ROOT, "  its rollouts: energy drift %s%n", drift(o.formula().drift()));
            }
        }
        int status = 0;
        try {
            LnnResults.plots(o, trajectories, energy, accelerations);
            out.println("plots: " + trajectories + ", " + energy + (s.system() == LnnSystem.RELATIVISTIC ? ", " + accelerations : ""));
        } catch (IOException | RuntimeException x) {
            err.println(DistillCommand.ERROR + "cannot write the plots: " + x.getMessage());
            status = 1;
        }
        return status | json.write(JsonReports.LnnReport.of(o), out, err);
    }

    private static String drift(LagrangianDynamics.Drift d) {
        String mean = Double.isFinite(d.mean()) ? String.format(Locale.ROOT, "%.3g", d.mean()) : "-";
        return d.broken() == 0 ? mean : mean + " (" + d.broken() + " rollouts left the domain)";
    }

    private static String gauge(LagrangianDistillation.GaugeFit g) {
        return String.format(Locale.ROOT, "%.4g·L_true %s %.4g·q̇ %s %.4g", g.a(), g.c()[0] < 0 ? "-" : "+", Math.abs(g.c()[0]),
                g.b() < 0 ? "-" : "+", Math.abs(g.b()));
    }

    private static String fmt(double v) { return ProgressBar.fmt(v); }

    /** Progress on standard error: one line per epoch (at most every 2 s on a terminal, 10 s otherwise) and per phase. */
    private final class Progress implements LagrangianDynamics.Listener {
        private final AtomicInteger phase;
        private final boolean terminal = ProgressBar.stderrIsTerminal();
        private long lastDraw = Long.MIN_VALUE;

        Progress(AtomicInteger phase) { this.phase = phase; }

        @Override public void onTraining(String model, int states, long steps) {
            quiet.say("training the %s on %d states: %d steps", model, states, steps);
        }

        @Override public void onEpoch(String model, TrainingProgress p) {
            long now = System.nanoTime();
            if (p.epoch() < p.epochs() && lastDraw != Long.MIN_VALUE && now - lastDraw < (terminal ? 2e9 : 1e10)) return;
            lastDraw = now;
            quiet.epoch(model, p, 4, true);
        }

        @Override public void onTrained(TrainingReport r) {
            phase.incrementAndGet();
            lastDraw = Long.MIN_VALUE;
        }

        @Override public void onRollout(String model) { quiet.say("rolling out the %s", model); }

        @Override public ProgressListener search() { return quiet.searchBar(new ProgressBar[1]); }
    }
}
