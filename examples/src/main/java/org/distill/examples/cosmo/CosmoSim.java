package org.distill.examples.cosmo;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.halos.FriendsOfFriends;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.sim.Simulation;
import org.distill.physics.cosmo.sim.SimulationListener;
import org.distill.physics.cosmo.sim.SimulationResult;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;

/**
 * A small Quijote, end to end: a particle-mesh simulation from 2LPT initial conditions to z = 0
 * ({@link Simulation}), friends-of-friends halos in the last snapshot, and its matter power spectrum
 * next to linear theory.
 *
 * <pre>{@code
 * CosmoSim.Outcome o = CosmoSim.run(CosmoSim.Settings.builder()
 *         .simulation(SimulationSettings.builder().boxSize(256).particles(128).steps(20).seed(1).build())
 *         .build(), CosmoSim.Listener.NONE, new AtomicBoolean());
 * System.out.println(o.halos().size() + " halos; P(k) at k = " + o.power().k()[10] + ": " + o.power().p0()[10]);
 * }</pre>
 *
 * What a {@code distill cosmo sim} command needs is in the outcome: every snapshot (to write in
 * Gadget's layout), the halo catalogue of the last one (x, y, z, vx, vy, vz, mass, n), its P(k)
 * with shot noise reported separately, and linear theory at the same k for the ratio plot.
 */
public final class CosmoSim {
    private CosmoSim() { }

    /**
     * Everything a run depends on.
     *
     * @param simulation      the particle-mesh run (box, particles, mesh, steps, redshifts, seed, cosmology, …)
     * @param linkingFraction FoF linking length b in units of the mean interparticle distance, in (0, 1); default 0.2
     * @param minMembers      smallest FoF halo kept, at least 2; default 20
     * @param powerMesh       mesh of the power spectrum, even, in [2, 1290]; 0 (default) for the simulation's PM mesh
     * @param assignment      mass assignment of the power spectrum; default CIC (deconvolved, shot noise subtracted)
     * @param findHalos       run FoF (default true)
     */
    public record Settings(SimulationSettings simulation, double linkingFraction, int minMembers, int powerMesh,
                           MassAssignment assignment, boolean findHalos) {
        public Settings {
            Objects.requireNonNull(simulation, "simulation");
            Objects.requireNonNull(assignment, "assignment");
            if (!(linkingFraction > 0 && linkingFraction < 1)) {
                throw new IllegalArgumentException("linkingFraction must be in (0, 1): " + linkingFraction);
            }
            if (minMembers < 2) throw new IllegalArgumentException("minMembers must be at least 2: " + minMembers);
            if (powerMesh != 0 && (powerMesh < 2 || powerMesh > 1290 || powerMesh % 2 != 0)) {
                throw new IllegalArgumentException("powerMesh must be 0 or even in [2, 1290]: " + powerMesh);
            }
        }

        /** The mesh the power spectrum is measured on. */
        public int effectivePowerMesh() { return powerMesh == 0 ? simulation.mesh() : powerMesh; }

        public static Builder builder() { return new Builder(); }

        /** Builder with the defaults of {@code distill cosmo sim}. */
        public static final class Builder {
            private SimulationSettings simulation = SimulationSettings.builder().build();
            private double linkingFraction = 0.2;
            private int minMembers = 20;
            private int powerMesh;
            private MassAssignment assignment = MassAssignment.CIC;
            private boolean findHalos = true;

            private Builder() { }

            public Builder simulation(SimulationSettings s) { simulation = s; return this; }
            public Builder linkingFraction(double b) { linkingFraction = b; return this; }
            public Builder minMembers(int n) { minMembers = n; return this; }
            public Builder powerMesh(int n) { powerMesh = n; return this; }
            public Builder assignment(MassAssignment m) { assignment = m; return this; }
            public Builder findHalos(boolean on) { findHalos = on; return this; }

            public Settings build() { return new Settings(simulation, linkingFraction, minMembers, powerMesh, assignment, findHalos); }
        }
    }

    /** Progress: the simulation's steps, then the analysis. */
    public interface Listener extends SimulationListener {
        Listener NONE = new Listener() { };

        /** FoF is done. */
        default void onHalos(HaloCatalog halos, double seconds) { }

        /** The power spectrum is measured. */
        default void onPower(PowerSpectrum power, double seconds) { }
    }

    /**
     * What a run produced.
     *
     * @param settings   the settings
     * @param simulation the simulation's result: all snapshots, steps done, whether it was cancelled
     * @param halos      FoF halos of the last snapshot (empty when halo finding is off)
     * @param power      P(k) of the last snapshot (shot noise subtracted; {@link PowerSpectrum#shotNoise()})
     * @param linear     linear P_m(k) at the last snapshot's redshift, at the k of {@code power}
     * @param simulationSeconds wall time of the simulation
     * @param analysisSeconds   wall time of FoF and P(k)
     */
    public record Outcome(Settings settings, SimulationResult simulation, HaloCatalog halos, PowerSpectrum power,
                          double[] linear, double simulationSeconds, double analysisSeconds) {
        public Outcome {
            Objects.requireNonNull(simulation, "simulation");
            linear = linear.clone();
        }

        @Override public double[] linear() { return linear.clone(); }

        /** The snapshot the analysis ran on (z = 0 unless cancelled or the lowest output redshift is above 0). */
        public Snapshot last() { return simulation.last(); }

        /** All snapshots at the output redshifts. */
        public List<Snapshot> snapshots() { return simulation.snapshots(); }

        /** Whether the run was cancelled before its last step. */
        public boolean cancelled() { return simulation.cancelled(); }
    }

    /**
     * Runs the simulation and analyses its last snapshot (also when cancelled: the steps done so far).
     *
     * @param cancel set to stop the simulation after the current step
     */
    public static Outcome run(Settings settings, Listener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        long t0 = System.nanoTime();
        SimulationResult sim = Simulation.run(settings.simulation(), listener, cancel);
        double simSeconds = (System.nanoTime() - t0) / 1e9;
        Analysis an = analyse(settings, sim.last(), listener);
        return new Outcome(settings, sim, an.halos(), an.power(), an.linear(), simSeconds, an.seconds());
    }

    /**
     * The analysis of one snapshot: FoF halos (if on), P(k), and the linear P_m(k) at its redshift at the same k.
     *
     * @param halos   FoF halos (empty when halo finding is off)
     * @param power   P(k), shot noise subtracted
     * @param linear  linear P_m(k) at the snapshot's redshift, at the k of {@code power}
     * @param seconds wall time
     */
    public record Analysis(HaloCatalog halos, PowerSpectrum power, double[] linear, double seconds) {
        public Analysis {
            Objects.requireNonNull(halos, "halos");
            Objects.requireNonNull(power, "power");
            linear = linear.clone();
        }

        @Override public double[] linear() { return linear.clone(); }
    }

    /** Analyses {@code last} (e.g. a snapshot of an earlier run, read back) as {@link #run} does. */
    public static Analysis analyse(Settings settings, Snapshot last, Listener listener) {
        long t1 = System.nanoTime();
        HaloCatalog halos = settings.findHalos()
                ? FriendsOfFriends.of(settings.linkingFraction(), settings.minMembers()).find(last)
                : new HaloCatalog(last.boxSize(), last.redshift(), new float[0], new float[0], new double[0], new int[0]);
        if (settings.findHalos()) listener.onHalos(halos, (System.nanoTime() - t1) / 1e9);
        PowerSpectrum power = PowerSpectrumEstimator.builder().mesh(settings.effectivePowerMesh())
                .assignment(settings.assignment()).build().measure(last);
        listener.onPower(power, (System.nanoTime() - t1) / 1e9);
        EisensteinHuPower eh = Simulation.spectra(settings.simulation());
        double a = last.scaleFactor();
        double[] linear = new double[power.size()];
        for (int i = 0; i < linear.length; i++) linear[i] = eh.total(power.k()[i], a);
        return new Analysis(halos, power, linear, (System.nanoTime() - t1) / 1e9);
    }
}
