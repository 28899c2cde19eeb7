package org.distill.examples.unetnu;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.dm2gal.DarkMatterToGalaxies;
import org.distill.examples.dm2gal.PmBoxes;
import org.distill.neural.Trained;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingProgress;
import org.distill.neural.TrainingReport;
import org.distill.neural.cnn.Architecture;
import org.distill.neural.cnn.Objective;
import org.distill.neural.cnn.VoxelConfig;
import org.distill.neural.cnn.VoxelData;
import org.distill.neural.cnn.VoxelNetwork;
import org.distill.neural.cnn.VoxelTrainer;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.mesh.DensityField;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.physics.cosmo.stats.CrossPowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;

/**
 * ΛCDM to massive neutrinos with a 3-D U-Net (Giusarma et al. 2019), on our own particle-mesh pairs: for each seed, a
 * run with Mν = 0 and one with Mν = 0.15 eV, same seed (phases) and same A_s (Ω_m fixed, so Ω_cdm drops by Ω_ν; the
 * neutrinos act through linear response). Input: the Mν = 0 run's cold-matter density contrast δ on the mesh (CIC);
 * target: the Mν = 0.15 eV run's, both as ln(1 + δ + 0.1) for the network. Density rather than the paper's displacements because every metric here (P(k), r(k),
 * PDF) is of the density, and the CIC density of matched runs is what a user compares; the U-Net is residual (output =
 * input + correction), so it learns the few-per-cent effect rather than the field. Trained on random sub-volumes of the
 * training pairs, evaluated on a whole test pair never seen.
 */
public final class UnetNeutrinos {
    private UnetNeutrinos() { }

    /** Quijote's A_s for the massive-neutrino runs. */
    public static final double QUIJOTE_AS = 2.13e-9;

    /**
     * @param boxSize    PM box side, Mpc/h
     * @param particles  particles per side
     * @param pmSteps    PM steps
     * @param mesh       density mesh per side (network input and output)
     * @param trainPairs training pairs (the test pair is one more)
     * @param mnu        the massive run's Mν, eV
     * @param network    the U-Net's settings
     * @param seed       seeds the pairs (seed + 1 … for training, seed + 101 for the test pair) and training
     * @param cache      folder of cached PM runs, or null
     * @param threads    threads of the simulations (PyTorch keeps one: with two, every loss came out NaN)
     */
    public record Settings(double boxSize, int particles, int pmSteps, int mesh, int trainPairs, double mnu, VoxelConfig network,
                           long seed, Path cache, int threads) {
        public Settings {
            Objects.requireNonNull(network, "network");
            if (trainPairs < 1 || trainPairs > 64) throw new IllegalArgumentException("trainPairs must be in [1, 64]: " + trainPairs);
            if (mesh < 8 || mesh > 512 || mesh % 8 != 0) throw new IllegalArgumentException("mesh must be a multiple of 8 in [8, 512]: " + mesh);
            if (!(mnu > 0 && mnu < 2)) throw new IllegalArgumentException("mnu must be in (0, 2) eV: " + mnu);
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }

        /** The run of pair {@code p} (−1: the test pair), massless or massive. */
        public SimulationSettings simulation(int p, boolean massive) {
            return SimulationSettings.builder().cosmology(Cosmology.QUIJOTE.withMnu(massive ? mnu : 0)).primordialAmplitude(QUIJOTE_AS)
                    .boxSize(boxSize).particles(particles).steps(pmSteps).seed(p < 0 ? seed + 101 : seed + 1 + p).threads(threads).build();
        }

        public static Builder builder() { return new Builder(); }

        /**
         * Defaults: two training pairs and one test pair of 128 Mpc/h boxes with 64³ particles, 20 steps; 64³ mesh; a residual
         * U-Net of 2 levels and 8 channels trained 8 × 40 steps on per-cell MSE of ln(1 + δ + 0.1) plus the band-power term
         * (weight 1) on 1 + δ + 0.1 itself, which keeps the power a plain MSE fit gives away.
         */
        public static final class Builder {
            private double boxSize = 128, mnu = 0.15;
            private int particles = 64, pmSteps = 20, mesh = 64, trainPairs = 2, threads = Runtime.getRuntime().availableProcessors();
            private VoxelConfig network = VoxelConfig.builder().architecture(Architecture.UNET).channels(8).depth(2).residual(true)
                    .objective(Objective.REGRESS).batchNorm(false).subVolume(16).margin(4).batchSize(4).epochs(8).stepsPerEpoch(40)
                    .learningRate(5e-4).powerWeight(1).powerOfExp(true).build();
            private long seed;
            private Path cache;

            public Builder boxSize(double l) { boxSize = l; return this; }
            public Builder particles(int n) { particles = n; return this; }
            public Builder pmSteps(int n) { pmSteps = n; return this; }
            public Builder mesh(int n) { mesh = n; return this; }
            public Builder trainPairs(int n) { trainPairs = n; return this; }
            public Builder mnu(double m) { mnu = m; return this; }
            public Builder network(VoxelConfig c) { network = c; return this; }
            public Builder seed(long s) { seed = s; return this; }
            public Builder cache(Path p) { cache = p; return this; }
            public Builder threads(int t) { threads = t; return this; }

            public Settings build() { return new Settings(boxSize, particles, pmSteps, mesh, trainPairs, mnu, network, seed, cache, threads); }
        }
    }

    /** Progress. */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void stage(String what) { }

        default void epoch(TrainingProgress p) { }
    }

    /**
     * What a run produced (on the test pair).
     *
     * @param k              P(k) bins below kMax, h/Mpc
     * @param pkRatioPred    P_pred/P_target
     * @param pkRatioInput   P_input/P_target
     * @param r              cross-correlation of prediction and target
     * @param rInput         cross-correlation of input and target
     * @param predError      mean |P_pred/P_target − 1| over the bins
     * @param inputError     mean |P_input/P_target − 1| over the bins
     * @param rawError       mean |P/P_target − 1| of the prediction mapped back without the retransformation correction
     * @param pdfBins        centres of the log10(1 + δ) histogram bins
     * @param pdfTarget      its density for the target (and below for prediction and input)
     * @param speedup        seconds of the massive PM run of the test pair over seconds of the U-Net's prediction
     * @param pmSeconds      the massive test run's PM seconds (read from the cache, the time recorded when it was made)
     * @param unetSeconds    the U-Net's seconds for the whole test box
     * @param rssMb          resident memory after each epoch, MB
     */
    public record Outcome(Settings settings, double[] k, double[] pkRatioPred, double[] pkRatioInput, double[] r, double[] rInput,
                          double predError, double inputError, double rawError, double[] pdfBins, double[] pdfTarget, double[] pdfPred,
                          double[] pdfInput, double speedup, double pmSeconds, double unetSeconds, TrainingReport training,
                          List<Double> rssMb, float[][] slices, double seconds) { }

    /** k below which the P(k) ratios are scored. */
    public static final double K_MAX = 0.7;

    public static Outcome run(Settings s, Listener listener, AtomicBoolean cancel) throws IOException {
        long t0 = System.nanoTime();
        int n = s.mesh();
        List<float[][]> inputs = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        double pmSeconds = 0;
        int pmRuns = 0;
        for (int p = 0; p < s.trainPairs(); p++) {
            listener.stage("PM pair " + (p + 1) + "/" + (s.trainPairs() + 1) + " (training)");
            inputs.add(new float[][] {compress(delta(PmBoxes.run(s.simulation(p, false), s.cache(), cancel), n))});
            long t = System.nanoTime();
            boolean cached = PmBoxes.cached(s.simulation(p, true), s.cache());
            targets.add(compress(delta(PmBoxes.run(s.simulation(p, true), s.cache(), cancel), n)));
            if (!cached) { pmSeconds += (System.nanoTime() - t) / 1e9; pmRuns++; }
        }
        listener.stage("PM pair " + (s.trainPairs() + 1) + "/" + (s.trainPairs() + 1) + " (test)");
        float[] testInput = delta(PmBoxes.run(s.simulation(-1, false), s.cache(), cancel), n);
        long t = System.nanoTime();
        boolean cached = PmBoxes.cached(s.simulation(-1, true), s.cache());
        float[] testTarget = delta(PmBoxes.run(s.simulation(-1, true), s.cache(), cancel), n);
        double testPm = cached ? PmBoxes.recordedSeconds(s.simulation(-1, true), s.cache()) : (System.nanoTime() - t) / 1e9;
        if (!cached) { pmSeconds += testPm; pmRuns++; }
        double pmTime = Double.isNaN(testPm) ? (pmRuns > 0 ? pmSeconds / pmRuns : Double.NaN) : testPm;

        List<Double> rss = new ArrayList<>();
        listener.stage("training the U-Net (" + s.network().epochs() + " epochs of " + s.network().stepsPerEpoch() + " steps)");
        TrainingListener l = p -> {
            rss.add(DarkMatterToGalaxies.residentBytes() / 1048576.0);
            listener.epoch(p);
        };
        float[] pred, rawPred;
        TrainingReport report;
        double unetSeconds;
        try (Trained<VoxelNetwork> unet = VoxelTrainer.of(s.network()).train(new VoxelData(n, inputs, targets), l, cancel)) {
            report = unet.report();
            listener.stage("retransformation correction from the training pairs");
            List<float[]> fitted = new ArrayList<>();
            for (float[][] in : inputs) fitted.add(unet.model().predict(in, n));
            Smearing smearing = Smearing.fit(fitted, targets, SMEARING_BINS);
            listener.stage("predicting the test box");
            long tp = System.nanoTime();
            float[] sPred = unet.model().predict(new float[][] {compress(testInput)}, n);
            pred = smearing.expand(sPred);
            unetSeconds = (System.nanoTime() - tp) / 1e9;
            rawPred = expand(sPred);
        }
        listener.stage("power spectra");
        var est = PowerSpectrumEstimator.builder().mesh(n).build();
        RealGrid target = new RealGrid(n, s.boxSize(), testTarget), in = new RealGrid(n, s.boxSize(), testInput),
                pr = new RealGrid(n, s.boxSize(), pred);
        PowerSpectrum pt = est.measure(target), pi = est.measure(in), pp = est.measure(pr),
                praw = est.measure(new RealGrid(n, s.boxSize(), rawPred));
        CrossPowerSpectrum cp = est.cross(pr, target), ci = est.cross(in, target);
        int bins = 0;
        while (bins < pt.size() && pt.k()[bins] < K_MAX) bins++;
        double[] k = new double[bins], rp = new double[bins], ri = new double[bins], r = new double[bins], rin = new double[bins];
        double ep = 0, ei = 0, eraw = 0;
        for (int i = 0; i < bins; i++) {
            eraw += Math.abs(praw.p0()[i] / pt.p0()[i] - 1) / bins;
            k[i] = pt.k()[i];
            rp[i] = pp.p0()[i] / pt.p0()[i];
            ri[i] = pi.p0()[i] / pt.p0()[i];
            r[i] = cp.r()[i];
            rin[i] = ci.r()[i];
            ep += Math.abs(rp[i] - 1) / bins;
            ei += Math.abs(ri[i] - 1) / bins;
        }
        double[][] pdf = pdf(new float[][] {testTarget, pred, testInput}, 40, -1.5, 2.0);
        float[][] slices = {slab(testInput, n), slab(testTarget, n), slab(pred, n), diff(slab(testTarget, n), slab(testInput, n)),
                diff(slab(pred, n), slab(testInput, n))};
        return new Outcome(s, k, rp, ri, r, rin, ep, ei, eraw, pdf[0], pdf[1], pdf[2], pdf[3], pmTime / unetSeconds, pmTime, unetSeconds,
                report, rss, slices, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * What the network sees and predicts: s = ln(1 + δ + 0.1). δ reaches hundreds in the densest cells of a 64³ mesh,
     * and the MSE on δ itself diverged to NaN within 200 steps; {@link #expand} inverts it.
     */
    static float[] compress(float[] delta) {
        float[] s = new float[delta.length];
        for (int i = 0; i < s.length; i++) s[i] = (float) Math.log(Math.max(0, 1 + delta[i]) + OFFSET);
        return s;
    }

    /** The offset a of s = ln(1 + δ + a). */
    static final double OFFSET = 0.1;

    /** Bins of the predicted s for the retransformation correction ({@link Smearing}). */
    static final int SMEARING_BINS = 32;

    /**
     * The retransformation correction (Duan's smearing estimate, per bin of the prediction): the network predicts the
     * conditional mean of s = ln(1 + δ + 0.1), and e^E[s] underestimates E[e^s] by the spread of s around its mean
     * (Jensen), most in the dense cells that dominate P(k) — mapped back by {@link #expand} alone, the prediction lost
     * 2–3 % of the target's power. The factor for a cell is the mean of e^(s_target − s_predicted) over the training
     * cells whose prediction fell in the same quantile bin, so that the mapped-back prediction keeps the conditional
     * mean of 1 + δ, measured on the training pairs only.
     *
     * @param edges   upper edges of the bins of predicted s (the last is +∞)
     * @param factors mean e^(residual) per bin
     */
    record Smearing(float[] edges, double[] factors) {
        static Smearing fit(List<float[]> predicted, List<float[]> targets, int bins) {
            int total = 0;
            for (float[] p : predicted) total += p.length;
            float[] sorted = new float[total];
            int o = 0;
            for (float[] p : predicted) { System.arraycopy(p, 0, sorted, o, p.length); o += p.length; }
            java.util.Arrays.sort(sorted);
            float[] edges = new float[bins];
            for (int b = 0; b < bins - 1; b++) edges[b] = sorted[(int) ((long) total * (b + 1) / bins)];
            edges[bins - 1] = Float.POSITIVE_INFINITY;
            double[] sum = new double[bins];
            long[] count = new long[bins];
            for (int i = 0; i < predicted.size(); i++) {
                float[] p = predicted.get(i), t = targets.get(i);
                for (int c = 0; c < p.length; c++) {
                    int b = bin(edges, p[c]);
                    sum[b] += Math.exp(t[c] - p[c]);
                    count[b]++;
                }
            }
            double[] factors = new double[bins];
            for (int b = 0; b < bins; b++) factors[b] = count[b] > 0 ? sum[b] / count[b] : 1;
            return new Smearing(edges, factors);
        }

        static int bin(float[] edges, float v) {
            int lo = 0, hi = edges.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (v < edges[mid]) hi = mid; else lo = mid + 1;
            }
            return lo;
        }

        /** δ = e^s · factor(s) − 1.1. */
        float[] expand(float[] s) {
            float[] d = new float[s.length];
            for (int i = 0; i < d.length; i++) d[i] = (float) (Math.exp(s[i]) * factors[bin(edges, s[i])] - 1 - OFFSET);
            return d;
        }
    }

    /** δ = e^s − 1.1, the inverse of {@link #compress}. */
    static float[] expand(float[] s) {
        float[] d = new float[s.length];
        for (int i = 0; i < d.length; i++) d[i] = (float) (Math.exp(s[i]) - 1 - OFFSET);
        return d;
    }

    /** δ of the cold matter on the n³ mesh (CIC). */
    static float[] delta(Snapshot s, int n) {
        return DensityField.contrast(s.positions(), null, n, s.boxSize(), MassAssignment.CIC).values();
    }

    /** Histograms of log10(1 + δ) (δ clipped at −0.99) over [lo, hi): row 0 the bin centres, then one density per field. */
    static double[][] pdf(float[][] fields, int bins, double lo, double hi) {
        double[][] out = new double[fields.length + 1][bins];
        double w = (hi - lo) / bins;
        for (int b = 0; b < bins; b++) out[0][b] = lo + (b + 0.5) * w;
        for (int f = 0; f < fields.length; f++) {
            for (float v : fields[f]) {
                int b = (int) Math.floor((Math.log10(Math.max(0.01, 1 + v)) - lo) / w);
                if (b >= 0 && b < bins) out[f + 1][b]++;
            }
            for (int b = 0; b < bins; b++) out[f + 1][b] /= fields[f].length * w;
        }
        return out;
    }

    private static float[] slab(float[] f, int n) {
        float[] out = new float[n * n];
        for (int i = n / 2 - 1; i < n / 2 + 1; i++)
            for (int j = 0; j < n * n; j++) out[j] += (float) Math.log10(Math.max(0.01, 1 + f[i * n * n + j])) / 2;
        return out;
    }

    private static float[] diff(float[] a, float[] b) {
        float[] o = new float[a.length];
        for (int i = 0; i < a.length; i++) o[i] = a[i] - b[i];
        return o;
    }
}
