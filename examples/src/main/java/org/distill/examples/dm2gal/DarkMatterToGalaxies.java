package org.distill.examples.dm2gal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Trained;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingReport;
import org.distill.neural.cnn.Architecture;
import org.distill.neural.cnn.Objective;
import org.distill.neural.cnn.VoxelConfig;
import org.distill.neural.cnn.VoxelData;
import org.distill.neural.cnn.VoxelNetwork;
import org.distill.neural.cnn.VoxelTrainer;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.halos.FriendsOfFriends;
import org.distill.physics.cosmo.mesh.DensityField;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.physics.cosmo.stats.CrossPowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;

/**
 * Dark matter to galaxies with 3-D convolutional networks (Zhang et al. 2019), on our own particle-mesh boxes.
 *
 * <p><b>Truth.</b> No hydrodynamic run here: galaxies come from a <i>decorated</i> HOD (Hearin et al. 2016) in the FoF
 * halos of each box. Mean occupations follow Zheng et al. (2007) in mass, but at fixed mass they depend on the halo's
 * environment: halos are sorted by mass into groups of 50; within a group, those whose surrounding dark-matter
 * overdensity (the density on the voxel mesh averaged over the 5³ voxels around the halo) is above the group's median
 * get ⟨N_cen⟩ + A·min(⟨N_cen⟩, 1 − ⟨N_cen⟩) and ⟨N_sat⟩(1 + A), the others ⟨N_cen⟩ − A·min(…) and ⟨N_sat⟩(1 − A). The
 * mean occupation at fixed mass is unchanged, so a mass-only HOD fits it, but the galaxies sit preferentially in dense
 * surroundings (assembly bias), which a mass-only HOD cannot represent. Centrals sit at the halo centre, satellites
 * on random member particles.
 *
 * <p><b>Models</b> on the dark-matter density (log, standardised) on the voxel mesh: the cascade (a weighted
 * classifier, then a regressor trained on occupied voxels), a one-stage regressor of the same size, and the
 * mass-only Zheng07 HOD fitted by maximum likelihood to the training boxes' halos and populated in the test box's halos.
 * Metrics on the test box: precision, recall and F1 of occupied voxels, the galaxy count error, the count field's P(k)
 * over the truth's and the cross-correlation r(k).
 */
public final class DarkMatterToGalaxies {
    private DarkMatterToGalaxies() { }

    /**
     * What a run depends on.
     *
     * @param boxSize       side of each PM box, Mpc/h
     * @param particles     particles per side
     * @param pmSteps       PM steps
     * @param voxels        voxel mesh per side (counts and network input)
     * @param trainBoxes    boxes to train on (the test box is one more, seeds differ)
     * @param assemblyBias  A in [0, 1]: strength of the environment dependence of the truth
     * @param truth         the Zheng07 mean occupations of the truth
     * @param network       the voxel networks' shared settings (objective and weight are set per network)
     * @param positiveWeight the classifier's weight on occupied voxels
     * @param seed          seeds the simulations (seed + 1 … for training, seed + 101 for the test box), galaxies and training
     * @param cache         folder of cached PM runs, or null
     * @param threads       threads of the simulations (PyTorch keeps one: with two, every loss came out NaN)
     */
    public record Settings(double boxSize, int particles, int pmSteps, int voxels, int trainBoxes, double assemblyBias,
                           Zheng07 truth, VoxelConfig network, double positiveWeight, long seed, Path cache, int threads) {
        public Settings {
            Objects.requireNonNull(truth, "truth");
            Objects.requireNonNull(network, "network");
            if (trainBoxes < 1 || trainBoxes > 64) throw new IllegalArgumentException("trainBoxes must be in [1, 64]: " + trainBoxes);
            if (voxels < 8 || voxels > 512 || voxels % 2 != 0) throw new IllegalArgumentException("voxels must be even and in [8, 512]: " + voxels);
            if (!(assemblyBias >= 0 && assemblyBias <= 1)) throw new IllegalArgumentException("assemblyBias must be in [0, 1]: " + assemblyBias);
            if (!(positiveWeight > 0)) throw new IllegalArgumentException("positiveWeight must be > 0: " + positiveWeight);
            if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }

        /** The PM run of box {@code b} (0 … trainBoxes − 1 for training, −1 for the test box). */
        public SimulationSettings simulation(int b) {
            return SimulationSettings.builder().boxSize(boxSize).particles(particles).steps(pmSteps)
                    .seed(b < 0 ? seed + 101 : seed + 1 + b).threads(threads).build();
        }

        public static Builder builder() { return new Builder(); }

        /**
         * Defaults: two 96 Mpc/h boxes of 96³ particles (20 PM steps) to train on, one to test, 48³ voxels of 2 Mpc/h;
         * plain networks of 3 conv blocks of 8 channels, 10³ cubes with a margin of 3, 20 epochs of 60 steps of 4 cubes.
         */
        public static final class Builder {
            private double boxSize = 96, assemblyBias = 1, positiveWeight = 8;
            private int particles = 96, pmSteps = 20, voxels = 48, trainBoxes = 2, threads = Runtime.getRuntime().availableProcessors();
            private Zheng07 truth = new Zheng07(12.6, 0.3, 12.8, 13.8, 1.0);
            private VoxelConfig network = VoxelConfig.builder().architecture(Architecture.PLAIN).channels(8).depth(3)
                    .subVolume(10).margin(3).batchSize(4).epochs(20).stepsPerEpoch(60).learningRate(3e-3).build();
            private long seed;
            private Path cache;

            public Builder boxSize(double l) { boxSize = l; return this; }
            public Builder particles(int n) { particles = n; return this; }
            public Builder pmSteps(int n) { pmSteps = n; return this; }
            public Builder voxels(int n) { voxels = n; return this; }
            public Builder trainBoxes(int n) { trainBoxes = n; return this; }
            public Builder assemblyBias(double a) { assemblyBias = a; return this; }
            public Builder truth(Zheng07 h) { truth = h; return this; }
            public Builder network(VoxelConfig c) { network = c; return this; }
            public Builder positiveWeight(double w) { positiveWeight = w; return this; }
            public Builder seed(long s) { seed = s; return this; }
            public Builder cache(Path p) { cache = p; return this; }
            public Builder threads(int t) { threads = t; return this; }

            public Settings build() {
                return new Settings(boxSize, particles, pmSteps, voxels, trainBoxes, assemblyBias, truth, network, positiveWeight,
                        seed, cache, threads);
            }
        }
    }

    /** Progress. */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void stage(String what) { }

        default void epoch(String network, org.distill.neural.TrainingProgress p) { }
    }

    /**
     * Metrics of one model's galaxy counts against the truth on the test box.
     *
     * @param precision  occupied voxels predicted that are occupied
     * @param recall     occupied voxels found
     * @param f1         harmonic mean of the two
     * @param galaxies   galaxies predicted
     * @param countError (predicted − true galaxies) / true galaxies
     * @param pkRatio    P(k) of the count field over the truth's, at {@link Outcome#k()}
     * @param r          cross-correlation coefficient with the truth, at {@link Outcome#k()}
     * @param pkError    mean |P/P_truth − 1| over k &lt; 0.5 h/Mpc
     */
    public record Metrics(double precision, double recall, double f1, long galaxies, double countError, double[] pkRatio,
                          double[] r, double pkError) { }

    /**
     * What a run produced.
     *
     * @param k              wavenumbers of the P(k) bins, h/Mpc
     * @param truthGalaxies  galaxies in the test box
     * @param occupiedFraction fraction of the test box's voxels holding a galaxy
     * @param fitted         the Zheng07 HOD fitted to the training halos
     * @param thresholds     classifier and one-stage thresholds chosen on the training boxes
     * @param reports        training reports: classifier, regressor, one-stage
     * @param trainMinutes   training time of the three networks
     * @param rssMb          resident memory after each epoch of each network, MB, in training order
     * @param slices         test-box slices (x-slab of 4 voxels summed): input, truth, cascade, one-stage, HOD
     */
    public record Outcome(Settings settings, double[] k, long truthGalaxies, double occupiedFraction, int testHalos,
                          Metrics cascade, Metrics oneStage, Metrics hod, Zheng07 fitted, double[] thresholds,
                          List<TrainingReport> reports, double trainMinutes, List<Double> rssMb, float[][] slices,
                          double simulationSeconds, double seconds) { }

    /** One box: particles, halos with their members, density input, truth galaxies. */
    record Box(Snapshot snapshot, HaloCatalog halos, int[][] members, float[] logDensity, float[] environment) { }

    public static Outcome run(Settings s, Listener listener, AtomicBoolean cancel) throws IOException {
        long t0 = System.nanoTime();
        int n = s.voxels();
        List<Box> train = new ArrayList<>();
        for (int b = 0; b < s.trainBoxes(); b++) {
            listener.stage("PM box " + (b + 1) + "/" + (s.trainBoxes() + 1) + " (training)");
            train.add(box(s, b, cancel));
        }
        listener.stage("PM box " + (s.trainBoxes() + 1) + "/" + (s.trainBoxes() + 1) + " (test)");
        Box test = box(s, -1, cancel);
        double simSeconds = (System.nanoTime() - t0) / 1e9;

        // truth galaxies
        var rng = new SplittableRandom(s.seed() * 31 + 7);
        List<float[]> trainCounts = new ArrayList<>();
        List<int[][]> trainOcc = new ArrayList<>();
        for (Box b : train) {
            int[][] occ = decorated(s, b, rng);
            trainOcc.add(occ);
            trainCounts.add(counts(b, occ, n, rng));
        }
        int[][] testOcc = decorated(s, test, rng);
        float[] truth = counts(test, testOcc, n, rng);

        // standardise the input with the training boxes' statistics
        double mean = 0, sq = 0;
        long cells = (long) n * n * n;
        for (Box b : train) for (float v : b.logDensity()) { mean += v; sq += (double) v * v; }
        mean /= cells * train.size();
        double sd = Math.sqrt(Math.max(1e-12, sq / (cells * train.size()) - mean * mean));
        List<float[][]> inputs = new ArrayList<>();
        for (Box b : train) inputs.add(new float[][] {standardise(b.logDensity(), mean, sd)});
        float[][] testInput = {standardise(test.logDensity(), mean, sd)};
        var data = new VoxelData(n, inputs, trainCounts);

        // networks
        List<TrainingReport> reports = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        long tTrain = System.nanoTime();
        VoxelConfig base = s.network();
        float[] cascade, oneStage;
        double[] thresholds = new double[2];
        try (Trained<VoxelNetwork> cls = train("classifier", base.toBuilder().objective(Objective.CLASSIFY)
                     .positiveWeight(s.positiveWeight()).build(), data, listener, rss, cancel);
             Trained<VoxelNetwork> reg = train("regressor", base.toBuilder().objective(Objective.REGRESS_OCCUPIED)
                     .seed(base.seed() + 1).build(), data, listener, rss, cancel);
             Trained<VoxelNetwork> one = train("one-stage", base.toBuilder().objective(Objective.REGRESS)
                     .seed(base.seed() + 2).build(), data, listener, rss, cancel)) {
            reports.add(cls.report());
            reports.add(reg.report());
            reports.add(one.report());
            listener.stage("predicting");
            // thresholds: the best F1 on the training boxes
            thresholds[0] = bestThreshold(cls.model(), data);
            thresholds[1] = bestThreshold(one.model(), data);
            float[] p = cls.model().predict(testInput, n), r = reg.model().predict(testInput, n), o = one.model().predict(testInput, n);
            cascade = new float[p.length];
            oneStage = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                cascade[i] = p[i] > thresholds[0] ? Math.max(1, Math.round(r[i])) : 0;
                oneStage[i] = o[i] > thresholds[1] ? Math.max(1, Math.round(o[i])) : 0;
            }
        }
        double trainMinutes = (System.nanoTime() - tTrain) / 6e10;

        // mass-only HOD fitted to the training halos, populated in the test halos
        listener.stage("fitting the Zheng07 HOD");
        int halos = 0;
        for (Box b : train) halos += b.halos().size();
        double[] mass = new double[halos];
        int[] cen = new int[halos], sat = new int[halos];
        int at = 0;
        for (int t = 0; t < train.size(); t++) {
            Box b = train.get(t);
            for (int h = 0; h < b.halos().size(); h++, at++) {
                mass[at] = b.halos().masses()[h];
                cen[at] = trainOcc.get(t)[0][h];
                sat[at] = trainOcc.get(t)[1][h];
            }
        }
        Zheng07 fitted = Zheng07.fit(mass, cen, sat, s.truth());
        var hodRng = new SplittableRandom(s.seed() * 31 + 11);
        int th = test.halos().size();
        int[][] hodOcc = new int[2][th];
        for (int h = 0; h < th; h++) {
            double m = test.halos().masses()[h];
            hodOcc[0][h] = hodRng.nextDouble() < fitted.centrals(m) ? 1 : 0;
            hodOcc[1][h] = Zheng07.poisson(fitted.satellites(m), hodRng);
        }
        float[] hod = counts(test, hodOcc, n, hodRng);

        listener.stage("power spectra");
        var estimator = PowerSpectrumEstimator.builder().mesh(n).build();
        PowerSpectrum truthPk = estimator.measure(contrast(truth, n, s.boxSize()));
        double[] k = truthPk.k();
        Metrics mc = metrics(cascade, truth, n, s.boxSize(), estimator, truthPk);
        Metrics mo = metrics(oneStage, truth, n, s.boxSize(), estimator, truthPk);
        Metrics mh = metrics(hod, truth, n, s.boxSize(), estimator, truthPk);
        long truthGalaxies = Math.round(sum(truth));
        int occupied = 0;
        for (float v : truth) if (v > 0) occupied++;
        float[][] slices = {slab(test.logDensity(), n), slab(truth, n), slab(cascade, n), slab(oneStage, n), slab(hod, n)};
        return new Outcome(s, k, truthGalaxies, (double) occupied / cells, th, mc, mo, mh, fitted, thresholds, reports,
                trainMinutes, rss, slices, simSeconds, (System.nanoTime() - t0) / 1e9);
    }

    private static Trained<VoxelNetwork> train(String name, VoxelConfig c, VoxelData data, Listener listener, List<Double> rss,
                                               AtomicBoolean cancel) {
        listener.stage("training the " + name + " (" + c.epochs() + " epochs of " + c.stepsPerEpoch() + " steps)");
        TrainingListener l = p -> {
            rss.add(residentBytes() / 1048576.0);
            listener.epoch(name, p);
        };
        return VoxelTrainer.of(c).train(data, l, cancel);
    }

    /** Resident set size of this process, bytes, or −1 where /proc is missing. */
    public static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double bestThreshold(VoxelNetwork net, VoxelData data) {
        int boxes = data.boxes();
        float[][] preds = new float[boxes][];
        for (int b = 0; b < boxes; b++) preds[b] = net.predict(data.inputs().get(b), data.n());
        double best = 0.5, bestF1 = -1;
        for (int t = 1; t < 40; t++) {
            double thr = t / 40.0;
            if (net.config().objective() != Objective.CLASSIFY) thr = 0.05 + t * 0.05;   // counts: 0.1 … 2
            long tp = 0, fp = 0, fn = 0;
            for (int b = 0; b < boxes; b++) {
                float[] y = data.targets().get(b);
                for (int i = 0; i < y.length; i++) {
                    boolean p = preds[b][i] > thr, o = y[i] > 0;
                    if (p && o) tp++; else if (p) fp++; else if (o) fn++;
                }
            }
            double f1 = 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
            if (f1 > bestF1) { bestF1 = f1; best = thr; }
        }
        return best;
    }

    private static Box box(Settings s, int b, AtomicBoolean cancel) throws IOException {
        Snapshot snap = PmBoxes.run(s.simulation(b), s.cache(), cancel);
        FriendsOfFriends.Result fof = FriendsOfFriends.standard().run(snap);
        HaloCatalog halos = fof.catalog();
        int[] count = new int[halos.size()];
        for (int h : fof.haloOf()) if (h >= 0) count[h]++;
        int[][] members = new int[halos.size()][];
        for (int h = 0; h < members.length; h++) members[h] = new int[count[h]];
        int[] fill = new int[halos.size()];
        int[] haloOf = fof.haloOf();
        for (int p = 0; p < haloOf.length; p++) if (haloOf[p] >= 0) members[haloOf[p]][fill[haloOf[p]]++] = p;
        int n = s.voxels();
        RealGrid delta = DensityField.contrast(snap.positions(), null, n, s.boxSize(), MassAssignment.CIC);
        float[] log = new float[delta.size()];
        for (int i = 0; i < log.length; i++) log[i] = (float) Math.log10(Math.max(0, 1 + delta.values()[i]) + 0.05);
        float[] env = boxAverage(delta.values(), n, 2);
        return new Box(snap, halos, members, log, env);
    }

    /** The decorated HOD's centrals (row 0) and satellites (row 1) per halo. */
    static int[][] decorated(Settings s, Box b, SplittableRandom rng) {
        HaloCatalog h = b.halos();
        int count = h.size(), n = s.voxels();
        double[] env = new double[count];
        for (int i = 0; i < count; i++) env[i] = b.environment()[voxel(h.positions(), i, n, s.boxSize())];
        Integer[] byMass = new Integer[count];
        for (int i = 0; i < count; i++) byMass[i] = i;
        Arrays.sort(byMass, (x, y) -> Double.compare(h.masses()[x], h.masses()[y]));
        double[] sign = new double[count];
        for (int from = 0; from < count; from += 50) {
            int to = Math.min(count, from + 50);
            Integer[] group = Arrays.copyOfRange(byMass, from, to);
            Arrays.sort(group, (x, y) -> Double.compare(env[x], env[y]));
            for (int g = 0; g < group.length; g++) sign[group[g]] = 2 * g < group.length ? -1 : (2 * g == group.length - 1 ? 0 : 1);
        }
        int[][] occ = new int[2][count];
        double a = s.assemblyBias();
        for (int i = 0; i < count; i++) {
            double m = h.masses()[i], nc = s.truth().centrals(m);
            double pc = nc + a * sign[i] * Math.min(nc, 1 - nc);
            occ[0][i] = rng.nextDouble() < pc ? 1 : 0;
            occ[1][i] = Zheng07.poisson(s.truth().satellites(m) * (1 + a * sign[i]), rng);
        }
        return occ;
    }

    /** Galaxy counts per voxel (nearest node): centrals at the halo centres, satellites on random members. */
    static float[] counts(Box b, int[][] occ, int n, SplittableRandom rng) {
        float[] c = new float[n * n * n];
        HaloCatalog h = b.halos();
        float[] pos = b.snapshot().positions();
        for (int i = 0; i < h.size(); i++) {
            if (occ[0][i] > 0) c[voxel(h.positions(), i, n, h.boxSize())]++;
            int[] m = b.members()[i];
            for (int j = 0; j < occ[1][i]; j++) c[voxel(pos, m[rng.nextInt(m.length)], n, h.boxSize())]++;
        }
        return c;
    }

    private static int voxel(float[] xyz, int i, int n, double box) {
        double inv = n / box;
        int a = Math.floorMod((int) Math.floor(xyz[3 * i] * inv + 0.5), n), b = Math.floorMod((int) Math.floor(xyz[3 * i + 1] * inv + 0.5), n),
                c = Math.floorMod((int) Math.floor(xyz[3 * i + 2] * inv + 0.5), n);
        return (a * n + b) * n + c;
    }

    /** The periodic mean over the (2r + 1)³ cells around each cell (separable). */
    static float[] boxAverage(float[] f, int n, int r) {
        float[] cur = f.clone(), next = new float[f.length];
        int[] stride = {n * n, n, 1};
        for (int axis = 0; axis < 3; axis++) {
            for (int idx = 0; idx < f.length; idx++) {
                int coord = idx / stride[axis] % n, base = idx - coord * stride[axis];
                double sum = 0;
                for (int d = -r; d <= r; d++) sum += cur[base + Math.floorMod(coord + d, n) * stride[axis]];
                next[idx] = (float) (sum / (2 * r + 1));
            }
            float[] t = cur; cur = next; next = t;
        }
        return cur;
    }

    private static float[] standardise(float[] f, double mean, double sd) {
        float[] o = new float[f.length];
        for (int i = 0; i < f.length; i++) o[i] = (float) ((f[i] - mean) / sd);
        return o;
    }

    private static double sum(float[] f) {
        double s = 0;
        for (float v : f) s += v;
        return s;
    }

    static RealGrid contrast(float[] counts, int n, double box) {
        return new RealGrid(n, box, counts.clone()).toContrast();
    }

    private static Metrics metrics(float[] pred, float[] truth, int n, double box, PowerSpectrumEstimator est, PowerSpectrum truthPk) {
        long tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < pred.length; i++) {
            boolean p = pred[i] > 0, o = truth[i] > 0;
            if (p && o) tp++; else if (p) fp++; else if (o) fn++;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp), recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double galaxies = sum(pred), truthGalaxies = sum(truth);
        double[] ratio = new double[truthPk.size()], r = new double[truthPk.size()];
        if (galaxies > 0) {
            RealGrid d = contrast(pred, n, box);
            PowerSpectrum pk = est.measure(d);
            CrossPowerSpectrum cross = est.cross(d, contrast(truth, n, box));
            for (int i = 0; i < ratio.length; i++) ratio[i] = pk.p0()[i] / truthPk.p0()[i];
            r = cross.r();
        } else {
            Arrays.fill(ratio, Double.NaN);
            Arrays.fill(r, Double.NaN);
        }
        double err = 0;
        int bins = 0;
        for (int i = 0; i < ratio.length; i++) if (truthPk.k()[i] < 0.5) { err += Math.abs(ratio[i] - 1); bins++; }
        return new Metrics(precision, recall, f1, Math.round(galaxies), (galaxies - truthGalaxies) / truthGalaxies, ratio, r,
                err / Math.max(1, bins));
    }

    /** The sum over x-planes n/2 − 2 … n/2 + 1 (a slab of 4 voxels), n² values. */
    static float[] slab(float[] f, int n) {
        float[] out = new float[n * n];
        for (int i = n / 2 - 2; i < n / 2 + 2; i++)
            for (int j = 0; j < n * n; j++) out[j] += f[i * n * n + j];
        return out;
    }

    /** Seconds of a duration. */
    static double seconds(Duration d) { return d.toNanos() / 1e9; }
}
