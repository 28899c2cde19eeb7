package org.distill.examples.dm2gal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CancellationException;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.sim.Simulation;
import org.distill.physics.cosmo.sim.SimulationListener;
import org.distill.physics.cosmo.sim.SimulationResult;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.physics.io.AtomicFile;

/**
 * Particle-mesh runs at z = 0, cached on disk: the final positions of a run are written once (float32, with the
 * settings in the file name's hash and in a header line) and read back by later runs with the same settings.
 */
public final class PmBoxes {
    private PmBoxes() { }

    /** Whether the run of {@code s} is in {@code cache}. */
    public static boolean cached(SimulationSettings s, Path cache) { return cache != null && Files.isRegularFile(file(s, cache)); }

    private static Path file(SimulationSettings s, Path cache) {
        return cache.resolve(String.format(Locale.ROOT, "pm-L%.0f-n%d-s%d-seed%d-%08x.f32",
                s.boxSize(), s.particles(), s.steps(), s.seed(), s.toString().hashCode()));
    }

    /** The z = 0 particles of {@code s} (velocities are not kept: zero), from {@code cache} when there, else simulated and stored. */
    public static Snapshot run(SimulationSettings s, Path cache, AtomicBoolean cancel) throws IOException {
        Path file = cache == null ? null : file(s, cache);
        float[] positions = file != null && Files.isRegularFile(file) ? read(file, s) : null;
        if (positions == null) {
            long t0 = System.nanoTime();
            SimulationResult r = Simulation.run(s, SimulationListener.NONE, cancel);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (r.cancelled()) throw new CancellationException("simulation cancelled");
            positions = r.last().positions();
            if (file != null) {
                Files.createDirectories(cache);
                float[] p = positions;
                AtomicFile.write(file, 1 << 16, out -> {
                    out.writeUTF(s.toString());
                    out.writeInt(p.length);
                    for (float v : p) out.writeFloat(v);
                });
                String text = String.format(Locale.ROOT, "%.3f%n", seconds);
                AtomicFile.write(secondsFile(file), 256, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
        }
        long[] ids = new long[positions.length / 3];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        return new Snapshot(s.boxSize(), 0, s.cosmology(), positions, new float[positions.length], ids, s.particleMass());
    }

    /**
     * The wall seconds the cached run of {@code s} took when it was made (its side file
     * {@code *.seconds}), or NaN when unknown (not cached, or cached by an older version).
     */
    public static double recordedSeconds(SimulationSettings s, Path cache) {
        if (cache == null) return Double.NaN;
        Path f = secondsFile(file(s, cache));
        try {
            return Files.isRegularFile(f) ? Double.parseDouble(Files.readString(f).strip()) : Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Path secondsFile(Path file) { return file.resolveSibling(file.getFileName() + ".seconds"); }

    private static float[] read(Path file, SimulationSettings s) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            if (!d.readUTF().equals(s.toString())) return null;      // a hash collision: simulate again
            int n = d.readInt();
            if (n != 3 * s.particleCount()) return null;
            float[] p = new float[n];
            for (int i = 0; i < n; i++) p[i] = d.readFloat();
            return p;
        }
    }
}
