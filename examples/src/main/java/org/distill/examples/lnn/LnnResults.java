package org.distill.examples.lnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.distill.physics.lagrangian.MechanicalSystem;
import org.distill.physics.lagrangian.Rollout;

/**
 * What {@code distill example lnn} reports of a {@link LagrangianDynamics.Outcome} beyond its fields: the energy
 * drift along the rollouts, the speed bands of the relativistic comparison, and the plots.
 */
public final class LnnResults {
    private LnnResults() { }

    /** Speed bands of the relativistic comparison: the training speeds, then three bands of extrapolation up to 0.99. */
    public static double[][] bands(double trainSpeed) {
        double mid = Math.max(trainSpeed, 0.9), high = Math.max(mid, 0.95);
        return new double[][] {{-1, trainSpeed}, {trainSpeed, mid}, {mid, high}, {high, 0.99}};
    }

    /** A quarter, half, three quarters and all of the rollout. */
    public static double[] checkpoints(double duration) {
        return new double[] {duration / 4, duration / 2, 3 * duration / 4, duration};
    }

    /** Mean over the rollouts with a finite energy of the relative energy error at each of {@code times}. */
    public static double[] driftAt(Rollout r, MechanicalSystem system, double[] times, double dt) {
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

    /**
     * Writes the plots of a run: a coordinate of two held-out rollouts against time, the mean relative energy error
     * over time, and for the relativistic particle the accelerations against the speed.
     */
    public static void plots(LagrangianDynamics.Outcome o, Path trajectories, Path energy, Path accelerations) throws IOException {
        var s = o.settings();
        MechanicalSystem system = s.truth();
        Rollout truth = o.truth().rollout(), model = o.lnn().rollout(), base = o.baseline().rollout();
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
                "q̇", "q̈", o.speeds(), o.formula() == null
                        ? LnnPlots.series("truth", o.truth().accelerations(), "lnn", o.lnn().accelerations(), "baseline", o.baseline().accelerations())
                        : LnnPlots.series("truth", o.truth().accelerations(), "lnn", o.lnn().accelerations(), "baseline", o.baseline().accelerations(),
                                "distilled formula", o.formula().accelerations()), false);
    }

    private static double[] coordinate(Rollout r, int row, boolean velocity, int frames) {
        double[] y = new double[frames];
        Arrays.fill(y, Double.NaN);
        for (int f = 0; f < r.frames(); f++) y[f] = (velocity ? r.qd() : r.q())[f][row * r.dof()];
        return y;
    }

    private static double[] meanOverRows(Rollout r, MechanicalSystem system, int frames) {
        double[][] e = r.relativeEnergyErrorsOverTime(system);
        double[] mean = new double[frames];
        Arrays.fill(mean, Double.NaN);
        for (int f = 0; f < r.frames(); f++) {
            double sum = 0;
            int n = 0;
            for (double[] row : e) if (Double.isFinite(row[f])) { sum += row[f]; n++; }
            if (n > 0) mean[f] = sum / n;
        }
        return mean;
    }

    /** A whole number without decimals, else three significant digits. */
    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
