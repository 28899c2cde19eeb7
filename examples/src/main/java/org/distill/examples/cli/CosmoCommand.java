package org.distill.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code distill cosmo}: the cosmology toolkit — simulations, halos and power spectra in Quijote's file formats. */
@Command(name = "cosmo",
        mixinStandardHelpOptions = true,
        versionProvider = DistillCommand.Version.class,
        description = "Cosmology on a periodic box: particle-mesh simulations, friends-of-friends halos and power spectra, "
                + "reading and writing Quijote's file formats (Gadget HDF5 snapshots, FoF catalogues).",
        subcommands = {CosmoSimCommand.class, CosmoHalosCommand.class, CosmoPowerCommand.class},
        footer = {"", "Examples:",
                "  distill cosmo sim --box 256 --particles 128 --steps 20 --seed 1 --out DIR",
                "  distill cosmo halos DIR/snap_004 --out halos.csv",
                "  distill cosmo power DIR/snap_004 --mesh 256 --mas CIC --out pk.txt",
                "", "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class CosmoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** {@code distill cosmo} alone: the usage, on standard error, and status 2. */
    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return 2;
    }
}
