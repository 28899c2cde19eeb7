package org.distill.examples.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.io.GadgetHdf5;

/** What the {@code distill cosmo} commands share about files. */
final class CosmoFiles {
    private CosmoFiles() { }

    /** Reads a snapshot (file or multi-file prefix), saying so unless quiet; a data failure naming the file otherwise. */
    static Snapshot read(Path snapshot, Cosmology base, SharedOptions.Quiet quiet) {
        long start = System.nanoTime();
        quiet.say("reading %s", snapshot);
        Snapshot s;
        try {
            s = GadgetHdf5.read(snapshot, base);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw Failure.data(e.getMessage());
        } catch (OutOfMemoryError e) {
            throw Failure.data(snapshot + ": the snapshot does not fit the memory of the JVM ("
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB); set DISTILL_JAVA_OPTS=-Xmx... to give it more");
        }
        quiet.say("%d particles, box %s Mpc/h, z = %s (%.1f s)", s.count(), s.boxSize(), s.redshift(),
                (System.nanoTime() - start) / 1e9);
        return s;
    }

    /** Whether {@code file} names an HDF5 file (.hdf5 or .h5). */
    static boolean isHdf5(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".hdf5") || name.endsWith(".h5");
    }

    /**
     * A usage error when a mesh of {@code n}³ cells, {@code grids} float grids of it at once, cannot fit the JVM's
     * memory, naming the option and what it needs.
     */
    static void checkMesh(String option, int n, int grids) {
        if (n < 8 || n > 4096 || n % 2 != 0) throw Failure.usage(option + " must be an even number in [8, 4096]: " + n);
        long need = (long) grids * n * n * (n + 2L) * Float.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (need > 0.8 * max) {
            throw Failure.usage(String.format(Locale.ROOT, "%s %d needs about %.1f GiB, the JVM has %.1f GiB; use a smaller mesh "
                    + "or set DISTILL_JAVA_OPTS=-Xmx...", option, n, need / 1073741824.0, max / 1073741824.0));
        }
    }

    /** Checks {@code --out} and, when given, {@code --plot}: writable, not existing without --force, not the same file. */
    static void checkOutputs(SharedOptions.Force force, Path out, Path plot) {
        force.check("--out", out);
        if (plot == null) return;
        if (DiscoverCommand.same(out, plot)) throw Failure.usage("--out and --plot name the same file: " + out);
        force.check("--plot", plot);
    }
}
