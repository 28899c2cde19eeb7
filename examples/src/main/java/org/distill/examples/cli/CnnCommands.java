package org.distill.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the two 3-D CNN commands ({@code dm2gal}, {@code unet-nu}) share: file names and the memory line. */
final class CnnCommands {
    private CnnCommands() { }

    /** The slices plot beside the P(k) plot: {@code NAME.png} → {@code NAME-slices.png}. */
    static Path slicesBeside(Path png) { return beside(png, "-slices"); }

    /** {@code png} with {@code suffix} inserted before its {@code .png} (appended with {@code .png} if it has none). */
    static Path beside(Path png, String suffix) {
        return png.resolveSibling(png.getFileName().toString().replaceFirst("(\\.png)?$", suffix + ".png"));
    }

    /** The PM cache folder: the one given, else {@code distill-pm-cache} in the temporary folder. */
    static Path cacheOrDefault(Path cache) {
        return cache != null ? cache : Path.of(System.getProperty("java.io.tmpdir"), "distill-pm-cache");
    }

    /** Prints the resident memory after the first and the last epoch (nothing when none was measured). */
    static void printMemory(PrintWriter out, List<Double> rssMb) {
        if (rssMb.isEmpty()) return;
        out.printf(Locale.ROOT, "resident memory after each epoch: %.0f MB first, %.0f MB last%n", rssMb.get(0),
                rssMb.get(rssMb.size() - 1));
    }
}
