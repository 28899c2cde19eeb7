package org.distill.physics.cosmo.sim;

import java.util.Arrays;
import java.util.Objects;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.linear.LinearPower;

/**
 * Everything a particle-mesh run depends on. Made with {@link #builder()}; the compact constructor
 * checks every value.
 *
 * @param cosmology           the cosmology (Quijote's fiducial by default)
 * @param boxSize             box side L in Mpc/h, in (0, 1e5); default 256
 * @param particles           particles per side n (n³ cold-matter particles), even, in [4, 1024]; default 128
 * @param mesh                PM mesh nodes per side, even, in [4, 1290]; default 2n
 * @param steps               kick–drift–kick steps from the start to the last output, linear in a, in [1, 10000];
 *                            default 20 (outputs between the nodes add a node each)
 * @param startRedshift       redshift of the 2LPT initial conditions, in (0, 1000); default 9
 * @param outputRedshifts     redshifts of the snapshots, each in [0, startRedshift], distinct; default {0}
 * @param seed                seed of the white noise (same seed → same phases for every cosmology and box)
 * @param fixedAmplitudes     |δ_k|² = P(k) exactly (Quijote's "fixed" initial conditions)
 * @param paired              phases shifted by π (the pair of a fixed run)
 * @param forceMethod         gradient of the potential; default the four-point finite difference (FastPM's choice)
 * @param compensation        how the CIC window is compensated in the Poisson solve; default none (FastPM's choice;
 *                            see {@link WindowCompensation} for why W² is not the default)
 * @param neutrinos           how Mν &gt; 0 enters the Poisson source; default linear response
 * @param primordialAmplitude A_s at k_p = 0.05 Mpc⁻¹ normalising the spectrum, or NaN (default) to use σ8
 * @param power               a cold-matter linear P(k) at z = 0 to start from instead of Eisenstein–Hu (moved
 *                            to the start with D1²), or null (default)
 * @param threads             threads for particles and mesh loops, in [1, 512]; default all processors
 */
public record SimulationSettings(Cosmology cosmology, double boxSize, int particles, int mesh, int steps,
                                 double startRedshift, double[] outputRedshifts, long seed, boolean fixedAmplitudes,
                                 boolean paired, ForceMethod forceMethod, WindowCompensation compensation, NeutrinoTreatment neutrinos,
                                 double primordialAmplitude, LinearPower power, int threads) {
    public SimulationSettings {
        Objects.requireNonNull(cosmology, "cosmology");
        Objects.requireNonNull(forceMethod, "forceMethod");
        Objects.requireNonNull(compensation, "compensation");
        Objects.requireNonNull(neutrinos, "neutrinos");
        Objects.requireNonNull(outputRedshifts, "outputRedshifts");
        if (!(boxSize > 0 && boxSize < 1e5)) throw new IllegalArgumentException("boxSize must be in (0, 1e5) Mpc/h: " + boxSize);
        if (particles < 4 || particles > 1024 || particles % 2 != 0) {
            throw new IllegalArgumentException("particles per side must be even and in [4, 1024]: " + particles);
        }
        if (mesh < 4 || mesh > 1290 || mesh % 2 != 0) throw new IllegalArgumentException("mesh must be even and in [4, 1290]: " + mesh);
        if (steps < 1 || steps > 10_000) throw new IllegalArgumentException("steps must be in [1, 10000]: " + steps);
        if (!(startRedshift > 0 && startRedshift < 1000)) {
            throw new IllegalArgumentException("startRedshift must be in (0, 1000): " + startRedshift);
        }
        if (outputRedshifts.length == 0) throw new IllegalArgumentException("outputRedshifts must not be empty");
        outputRedshifts = outputRedshifts.clone();
        Arrays.sort(outputRedshifts);
        for (int i = 0; i < outputRedshifts.length; i++) {
            double z = outputRedshifts[i];
            if (!(z >= 0 && z <= startRedshift)) {
                throw new IllegalArgumentException("output redshift must be in [0, startRedshift = " + startRedshift + "]: " + z);
            }
            if (i > 0 && z == outputRedshifts[i - 1]) throw new IllegalArgumentException("output redshift given twice: " + z);
        }
        if (!Double.isNaN(primordialAmplitude) && !(primordialAmplitude > 0 && primordialAmplitude < 1e-6)) {
            throw new IllegalArgumentException("primordialAmplitude must be in (0, 1e-6) or NaN: " + primordialAmplitude);
        }
        if (threads < 1 || threads > 512) throw new IllegalArgumentException("threads must be in [1, 512]: " + threads);
    }

    /** The output redshifts, ascending (a copy). */
    @Override public double[] outputRedshifts() { return outputRedshifts.clone(); }

    /** Total number of particles n³. */
    public long particleCount() { return (long) particles * particles * particles; }

    /** Cell size of the PM mesh, Mpc/h. */
    public double cellSize() { return boxSize / mesh; }

    /** Mass of one particle, Ω_cb ρ_crit L³/n³ in M☉/h, Ω_cb = Ω_m − Ω_ν, ρ_crit = 2.775e11 (M☉/h)/(Mpc/h)³. */
    public double particleMass() {
        return (cosmology.omegaM() - cosmology.omegaNu()) * LinearPower.RHO_CRIT * boxSize * boxSize * boxSize / particleCount();
    }

    /**
     * Peak heap this run needs, bytes (estimate): particles 36 B each (positions, momenta, forces, float32)
     * plus 32 B per particle per snapshot kept (positions, velocities, ids), and the larger of the
     * initial conditions (24 B per particle of displacements and ~6 lattice grids, 4 B per node) and the
     * PM force (~20 B per mesh node). For 256³ particles on a 512³ mesh with one output: about 3.8 GB.
     */
    public long memoryBytes() {
        long np = particleCount();
        long m3 = (long) mesh * mesh * mesh;
        long ics = 24 * np + 6 * 4 * np;
        long pm = 20 * m3;
        return 36 * np + 32 * np * outputRedshifts.length + Math.max(ics, pm);
    }

    public static Builder builder() { return new Builder(); }

    /** A builder with the defaults of {@code distill cosmo sim}. */
    public Builder toBuilder() {
        return new Builder().cosmology(cosmology).boxSize(boxSize).particles(particles).mesh(mesh).steps(steps)
                .startRedshift(startRedshift).outputRedshifts(outputRedshifts).seed(seed).fixedAmplitudes(fixedAmplitudes)
                .paired(paired).forceMethod(forceMethod).compensation(compensation).neutrinos(neutrinos).primordialAmplitude(primordialAmplitude)
                .power(power).threads(threads);
    }

    @Override public boolean equals(Object o) {
        return o instanceof SimulationSettings s && s.toString().equals(toString());
    }

    @Override public int hashCode() { return toString().hashCode(); }

    @Override public String toString() {
        return "SimulationSettings[cosmology=" + cosmology + ", boxSize=" + boxSize + ", particles=" + particles + ", mesh=" + mesh
                + ", steps=" + steps + ", startRedshift=" + startRedshift + ", outputRedshifts=" + Arrays.toString(outputRedshifts)
                + ", seed=" + seed + ", fixedAmplitudes=" + fixedAmplitudes + ", paired=" + paired + ", forceMethod=" + forceMethod + ", compensation=" + compensation
                + ", neutrinos=" + neutrinos + ", primordialAmplitude=" + primordialAmplitude + ", power=" + power
                + ", threads=" + threads + "]";
    }

    /** Builder; {@code mesh} defaults to twice the particles per side unless set. */
    public static final class Builder {
        private Cosmology cosmology = Cosmology.QUIJOTE;
        private double boxSize = 256;
        private int particles = 128;
        private int mesh = 0;
        private int steps = 20;
        private double startRedshift = 9;
        private double[] outputRedshifts = {0};
        private long seed = 1;
        private boolean fixedAmplitudes;
        private boolean paired;
        private ForceMethod forceMethod = ForceMethod.FINITE_DIFFERENCE;
        private WindowCompensation compensation = WindowCompensation.NONE;
        private NeutrinoTreatment neutrinos = NeutrinoTreatment.LINEAR_RESPONSE;
        private double primordialAmplitude = Double.NaN;
        private LinearPower power;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() { }

        public Builder cosmology(Cosmology c) { cosmology = c; return this; }
        public Builder boxSize(double l) { boxSize = l; return this; }
        public Builder particles(int n) { particles = n; return this; }
        /** Mesh nodes per side; 0 means twice the particles per side. */
        public Builder mesh(int m) { mesh = m; return this; }
        public Builder steps(int s) { steps = s; return this; }
        public Builder startRedshift(double z) { startRedshift = z; return this; }
        public Builder outputRedshifts(double... z) { outputRedshifts = Objects.requireNonNull(z, "outputRedshifts").clone(); return this; }
        public Builder seed(long s) { seed = s; return this; }
        public Builder fixedAmplitudes(boolean on) { fixedAmplitudes = on; return this; }
        public Builder paired(boolean on) { paired = on; return this; }
        public Builder forceMethod(ForceMethod m) { forceMethod = m; return this; }
        public Builder compensation(WindowCompensation c) { compensation = c; return this; }
        public Builder neutrinos(NeutrinoTreatment t) { neutrinos = t; return this; }
        public Builder primordialAmplitude(double as) { primordialAmplitude = as; return this; }
        public Builder power(LinearPower p) { power = p; return this; }
        public Builder threads(int t) { threads = t; return this; }

        public SimulationSettings build() {
            int m = mesh == 0 ? 2 * particles : mesh;
            return new SimulationSettings(cosmology, boxSize, particles, m, steps, startRedshift, outputRedshifts, seed,
                    fixedAmplitudes, paired, forceMethod, compensation, neutrinos, primordialAmplitude, power, threads);
        }
    }
}
