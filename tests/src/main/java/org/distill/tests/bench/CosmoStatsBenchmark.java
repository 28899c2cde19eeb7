package org.distill.tests.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.halos.FriendsOfFriends;
import org.distill.physics.cosmo.mesh.DensityField;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;

/**
 * Speed of the cosmology statistics: the power spectrum of 256³ particles on a 256³ mesh (CIC,
 * window deconvolved, shot noise subtracted, k_F bins up to Nyquist), split into painting, FFT and
 * binning, and friends-of-friends on 128³ particles (a clustered synthetic set: 60 % of the
 * particles in Gaussian blobs of 20–2000 members, the rest uniform; b = 0.2). Each is timed
 * {@code repeats} times after a warm-up; the median is printed. With {@code --numpy PYTHON} the same
 * power spectrum is computed by tests/scripts/pk_numpy.py (numpy.fft.rfftn, CIC by bincount) as
 * the peer, in the same run. Smaller sizes with {@code --particles N --mesh M --fof N}.
 *
 * <pre>
 * mvn -q -o -pl tests -am package -DskipTests
 * java -Xmx6g -cp "tests/target/classes:$(cat tests/target/classpath.txt)" org.distill.tests.bench.CosmoStatsBenchmark \
 *      [--repeats 3] [--numpy /usr/bin/python3]
 * </pre>
 */
public final class CosmoStatsBenchmark {
    private CosmoStatsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repeats = 3, particles = 256, mesh = 256, fofSide = 128;
        String python = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--particles" -> particles = Integer.parseInt(args[++i]);
                case "--mesh" -> mesh = Integer.parseInt(args[++i]);
                case "--fof" -> fofSide = Integer.parseInt(args[++i]);
                case "--numpy" -> python = args[++i];
                default -> throw new IllegalArgumentException("unknown option: " + args[i]
                        + " (expected --repeats N, --particles N, --mesh N, --fof N, --numpy PYTHON)");
            }
        }
        System.out.println("# cosmology statistics benchmark: " + BenchMachine.describe() + ", load " + BenchMachine.loadAverage());
        double box = 1000;
        int np = particles * particles * particles;
        float[] x = uniform(np, box, 1);
        PowerSpectrumEstimator est = PowerSpectrumEstimator.builder().mesh(mesh).assignment(MassAssignment.CIC).build();
        est.measure(x, null, box); // warm-up
        double[] paint = new double[repeats], fft = new double[repeats], bin = new double[repeats], total = new double[repeats];
        PowerSpectrum ps = null;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            RealGrid g = DensityField.contrast(x, null, mesh, box, MassAssignment.CIC);
            long t1 = System.nanoTime();
            FourierGrid f = Fft.forward(g);
            long t2 = System.nanoTime();
            MassAssignment.CIC.deconvolve(f);
            ps = est.measure(f, PowerSpectrumEstimator.shotNoise(x, null, box));
            long t3 = System.nanoTime();
            paint[r] = (t1 - t0) / 1e9;
            fft[r] = (t2 - t1) / 1e9;
            bin[r] = (t3 - t2) / 1e9;
            total[r] = (t3 - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "| Java power spectrum %d³ particles, %d³ mesh, CIC | total %.2f s | paint %.2f s | FFT %.2f s | deconvolve+bin %.2f s | %d bins |%n",
                particles, mesh, BenchMachine.median(total), BenchMachine.median(paint), BenchMachine.median(fft),
                BenchMachine.median(bin), ps.size());
        if (python != null) runNumpy(python, particles, mesh, box, repeats);
        x = null;

        int nf = fofSide * fofSide * fofSide;
        Snapshot s = clustered(nf, 500, 2);
        FriendsOfFriends fof = FriendsOfFriends.standard();
        HaloCatalog cat = fof.find(s); // warm-up
        double[] fofTimes = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            cat = fof.find(s);
            fofTimes[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "| Java FoF %d³ particles (clustered), b = 0.2 | %.2f s | %d halos ≥ 20, largest %d |%n",
                fofSide, BenchMachine.median(fofTimes), cat.size(), cat.size() > 0 ? cat.counts()[0] : 0);
    }

    private static void runNumpy(String python, int particles, int mesh, double box, int repeats) throws Exception {
        Path script = Path.of("tests/scripts/pk_numpy.py");
        if (!Files.exists(script)) {
            System.out.println("| numpy | skipped: run from the repository root (tests/scripts/pk_numpy.py not found) |");
            return;
        }
        List<String> cmd = List.of(python, script.toString(), String.valueOf(particles), String.valueOf(mesh),
                String.valueOf(box), String.valueOf(repeats));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) out.add(line);
        }
        int rc = p.waitFor();
        for (String line : out) System.out.println(line);
        if (rc != 0) System.out.println("| numpy | failed with exit code " + rc + " |");
    }

    static float[] uniform(int count, double box, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[3 * count];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * box);
        return x;
    }

    /** 60 % of the particles in Gaussian blobs (20–2000 members, σ ∝ members^(1/3)), the rest uniform. */
    static Snapshot clustered(int count, double box, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[3 * count];
        double spacing = box / Math.cbrt(count);
        int p = 0, inBlobs = (int) (0.6 * count);
        while (p < inBlobs) {
            int size = (int) Math.min(inBlobs - p, Math.round(20 * Math.pow(100, r.nextDouble())));
            double sigma = 0.04 * spacing * Math.cbrt(size); // central density ~1000× the mean, like a halo
            double cx = r.nextDouble() * box, cy = r.nextDouble() * box, cz = r.nextDouble() * box;
            for (int m = 0; m < size; m++, p++) {
                x[3 * p] = wrap(cx + sigma * gaussian(r), box);
                x[3 * p + 1] = wrap(cy + sigma * gaussian(r), box);
                x[3 * p + 2] = wrap(cz + sigma * gaussian(r), box);
            }
        }
        for (; p < count; p++) for (int d = 0; d < 3; d++) x[3 * p + d] = (float) (r.nextDouble() * box);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) ids[i] = i;
        return new Snapshot(box, 0, Cosmology.QUIJOTE, x, new float[3 * count], ids, 1e11);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static float wrap(double v, double box) {
        float f = (float) (v - box * Math.floor(v / box));
        return f >= box ? 0f : f;
    }
}
