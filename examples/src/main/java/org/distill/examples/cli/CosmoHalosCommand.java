package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.cosmo.CosmoPlots;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.halos.FriendsOfFriends;
import org.distill.physics.cosmo.io.HaloCsv;
import org.distill.physics.cosmo.io.HaloHdf5;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code distill cosmo halos SNAPSHOT --out halos.csv}: friends-of-friends halos of any snapshot, ours or Quijote's. */
@Command(name = "halos",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Finds friends-of-friends halos in a snapshot (periodic box, linking length b times the mean "
                + "interparticle distance) and writes the catalogue: x,y,z (Mpc/h), vx,vy,vz (km/s), mass (M_sun/h), n.",
        footer = {"",
                "SNAPSHOT is a Gadget HDF5 file in Quijote's layout, or the prefix of a multi-file snapshot (DIR/snap_004 for "
                        + "DIR/snap_004.0.hdf5, DIR/snap_004.1.hdf5, ...). The header gives the box, redshift, Omega_m and h; "
                        + "the cosmology options give the rest (for the --plot's mass functions).",
                "",
                "Examples:",
                "  distill cosmo halos DIR/snap_004 --out halos.csv",
                "  distill cosmo halos snap_004.hdf5 --out halos.hdf5 --plot mass-function.png",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class CosmoHalosCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The snapshot file or multi-file prefix.")
    Path snapshot;

    @Option(names = "--out", required = true, paramLabel = "HALOS.csv",
            description = "The catalogue: CSV, or HDF5 when the name ends in .hdf5 or .h5.")
    Path out;

    @Option(names = "--linking", paramLabel = "B", defaultValue = "0.2",
            description = "Linking length in units of the mean interparticle distance (default: ${DEFAULT-VALUE}).")
    double linking;

    @Option(names = "--min-members", paramLabel = "N", defaultValue = "20",
            description = "Fewest particles of a halo (default: ${DEFAULT-VALUE}).")
    int minMembers;

    @Mixin CosmologyOptions cosmology;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        FriendsOfFriends fof;
        try {
            fof = FriendsOfFriends.of(linking, minMembers);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "linkingFraction", "--linking", "minMembers", "--min-members");
        }
        CosmoFiles.checkOutputs(force, out, plot.path);
        Snapshot s = CosmoFiles.read(snapshot, cosmology.cosmology(), quiet);
        long start = System.nanoTime();
        HaloCatalog halos = fof.find(s);
        quiet.say("friends-of-friends: %d halos in %.1f s", halos.size(), (System.nanoTime() - start) / 1e9);
        try {
            if (CosmoFiles.isHdf5(out)) HaloHdf5.write(out, halos, force.value);
            else HaloCsv.write(out, halos, force.value);
        } catch (IOException e) {
            throw Failure.data("cannot write " + out + ": " + e.getMessage());
        }
        stdout.printf(Locale.ROOT, "%d halos of at least %d particles (b = %s) in %s: box %s Mpc/h, z = %s, %d particles%n",
                halos.size(), minMembers, linking, snapshot, s.boxSize(), s.redshift(), s.count());
        if (halos.size() > 0) {
            stdout.printf(Locale.ROOT, "masses %.3e to %.3e M_sun/h (particle mass %.3e)%n",
                    halos.masses()[halos.size() - 1], halos.masses()[0], s.particleMass());
        }
        stdout.println("halos: " + out);
        int status = 0;
        if (plot.path != null) {
            status = SharedOptions.Plot.write(plot.path, png -> CosmoPlots.massFunction(png, halos, s.cosmology(),
                    s.particleMass(), String.format(Locale.ROOT, "FoF halos, z = %.3g", s.redshift())), stdout, err);
        }
        stdout.flush();
        return status;
    }
}
