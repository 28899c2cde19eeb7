package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.cosmo.CosmoPlots;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;
import org.distill.physics.cosmo.stats.RedshiftSpace;
import org.distill.physics.cosmo.stats.WhiteMark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code distill cosmo power SNAPSHOT --out pk.txt}: the power spectrum (or marked power spectrum) of a snapshot. */
@Command(name = "power",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Measures the power spectrum of a snapshot's particles: monopole, quadrupole and hexadecapole along "
                + "an axis, with the mass-assignment window deconvolved and the shot noise subtracted; or, with --marked, "
                + "the power spectrum of White's marked density field. Writes whitespace columns k P0 P2 P4 modes "
                + "(k in h/Mpc, P in (Mpc/h)^3) after # comment lines.",
        footer = {"",
                "The mark of a particle is m = [(1 + ds)/(1 + ds + dR)]^p, dR the density contrast smoothed with a top-hat of "
                        + "radius R (Massara et al. 2020 prefer R = 10 Mpc/h, p = 2, ds = 0.25). The --plot compares P0 with "
                        + "the linear spectrum (Eisenstein & Hu) at the snapshot's redshift, for the header's Omega_m and h and "
                        + "the cosmology options' other parameters.",
                "",
                "Examples:",
                "  distill cosmo power DIR/snap_004 --mesh 256 --mas CIC --out pk.txt",
                "  distill cosmo power snap_004.hdf5 --redshift-space z --out pk-rsd.txt",
                "  distill cosmo power snap_004.hdf5 --marked 10,2,0.25 --out mk.txt",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class CosmoPowerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The snapshot file or multi-file prefix.")
    Path snapshot;

    @Option(names = "--out", required = true, paramLabel = "PK.txt", description = "The power spectrum file.")
    Path out;

    @Option(names = "--mesh", paramLabel = "N", defaultValue = "256", description = "Mesh cells per side (default: ${DEFAULT-VALUE}).")
    int mesh;

    @Option(names = "--mas", paramLabel = "NGP|CIC|TSC|PCS", defaultValue = "CIC",
            description = "Mass assignment (default: ${DEFAULT-VALUE}).")
    String mas;

    @Option(names = "--interlacing", description = "Interlace with a grid shifted by half a cell (less aliasing).")
    boolean interlacing;

    @Option(names = "--redshift-space", paramLabel = "x|y|z",
            description = "Move the particles to redshift space along this axis first (multipoles along it).")
    String redshiftSpace;

    @Option(names = "--axis", paramLabel = "x|y|z", defaultValue = "z",
            description = "Line of sight of the multipoles without --redshift-space (default: ${DEFAULT-VALUE}).")
    String axis;

    @Option(names = "--marked", paramLabel = "R,p,ds", description = "Measure the marked power spectrum with these mark parameters.")
    String marked;

    @Mixin CosmologyOptions cosmology;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        CosmoFiles.checkMesh("--mesh", mesh, interlacing ? 4 : 3);
        int los = parseAxis(redshiftSpace != null ? "--redshift-space" : "--axis", redshiftSpace != null ? redshiftSpace : axis);
        MassAssignment assignment;
        WhiteMark mark = null;
        PowerSpectrumEstimator estimator;
        try {
            assignment = MassAssignment.parse(mas);
            if (marked != null) mark = WhiteMark.parse(marked);
            estimator = PowerSpectrumEstimator.builder().mesh(mesh).assignment(assignment).interlacing(interlacing).axis(los).build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(marked != null && e.getMessage().contains("mark") ? "--marked: " + e.getMessage() : e.getMessage());
        }
        CosmoFiles.checkOutputs(force, out, plot.path);
        Snapshot s = CosmoFiles.read(snapshot, cosmology.cosmology(), quiet);
        if (redshiftSpace != null) s = RedshiftSpace.of(s, los);
        long start = System.nanoTime();
        quiet.say("%s on a %d^3 mesh (%s%s)", mark != null ? "marked power spectrum" : "power spectrum", mesh, assignment,
                interlacing ? ", interlaced" : "");
        PowerSpectrum pk = mark != null ? mark.power(s, estimator) : estimator.measure(s);
        quiet.say("done in %.1f s", (System.nanoTime() - start) / 1e9);
        List<String> comments = new ArrayList<>(List.of(
                "distill cosmo power " + snapshot,
                String.format(Locale.ROOT, "box %s Mpc/h, z = %s, %d particles, mesh %d, %s%s", s.boxSize(), s.redshift(), s.count(),
                        mesh, assignment, interlacing ? " interlaced" : ""),
                (redshiftSpace != null ? "redshift space along " : "real space; multipoles along ") + "xyz".charAt(los)));
        if (mark != null) comments.add(1, "marked field: R = " + mark.radius() + " Mpc/h, p = " + mark.p() + ", ds = " + mark.deltaS());
        try {
            pk.write(out, comments.toArray(String[]::new));
        } catch (IOException e) {
            throw Failure.data("cannot write " + out + ": " + e.getMessage());
        }
        stdout.printf(Locale.ROOT, "%d k bins from %.4g to %.4g h/Mpc; shot noise %.4g (Mpc/h)^3%n", pk.size(),
                pk.k()[0], pk.k()[pk.size() - 1], pk.shotNoise());
        stdout.println("power spectrum: " + out);
        int status = 0;
        if (plot.path != null) {
            Snapshot snap = s;
            double a = snap.scaleFactor();
            status = SharedOptions.Plot.write(plot.path, png -> CosmoPlots.power(png, pk, EisensteinHuPower.of(snap.cosmology()).totalAt(a),
                    a, String.format(Locale.ROOT, "%s, z = %.3g", marked != null ? "marked P(k)" : "P(k)", snap.redshift())),
                    stdout, err);
        }
        stdout.flush();
        return status;
    }

    private static int parseAxis(String option, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "x", "0" -> 0;
            case "y", "1" -> 1;
            case "z", "2" -> 2;
            default -> throw Failure.usage(option + " must be x, y or z: " + v);
        };
    }
}
