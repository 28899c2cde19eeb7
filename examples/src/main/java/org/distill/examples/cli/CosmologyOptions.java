package org.distill.examples.cli;

import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.physics.cosmo.Cosmology;
import picocli.CommandLine.Option;

/**
 * The cosmological parameters, as a picocli mixin; each defaults to Quijote's fiducial value. For a snapshot read from
 * a file, Ω_m and h come from its header and these give the rest.
 */
final class CosmologyOptions {
    @Option(names = "--omega-m", paramLabel = "X", description = "Matter density today (default: 0.3175).")
    Double omegaM;
    @Option(names = "--omega-b", paramLabel = "X", description = "Baryon density today (default: 0.049).")
    Double omegaB;
    @Option(names = "--hubble", paramLabel = "H", description = "h = H0 / (100 km/s/Mpc) (default: 0.6711).")
    Double h;
    @Option(names = "--ns", paramLabel = "X", description = "Primordial spectral index (default: 0.9624).")
    Double ns;
    @Option(names = "--sigma8", paramLabel = "X", description = "Linear rms in 8 Mpc/h spheres at z = 0 (default: 0.834).")
    Double sigma8;
    @Option(names = "--mnu", paramLabel = "EV", description = "Sum of the neutrino masses in eV (default: 0).")
    Double mnu;
    @Option(names = "--w", paramLabel = "W", description = "Dark-energy equation of state (default: -1).")
    Double w;

    /** The cosmology given (Quijote's fiducial for what is not), or a usage error naming the impossible value. */
    Cosmology cosmology() {
        Cosmology q = Cosmology.QUIJOTE;
        try {
            return new Cosmology(or(omegaM, q.omegaM()), or(omegaB, q.omegaB()), or(h, q.h()), or(ns, q.ns()),
                    or(sigma8, q.sigma8()), or(mnu, q.mnu()), or(w, q.w()));
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "omegaM", "--omega-m", "omegaB", "--omega-b", "h", "--hubble", "ns", "--ns",
                    "sigma8", "--sigma8", "mnu", "--mnu", "w", "--w");
        }
    }

    private static double or(Double v, double fallback) { return v != null ? v : fallback; }
}
