package org.distill.physics.cosmo.sim;

import java.util.List;
import java.util.Objects;
import org.distill.physics.cosmo.Snapshot;

/**
 * What a {@link Simulation} run produced.
 *
 * @param settings  the settings it ran with
 * @param snapshots the snapshots at the output redshifts reached, in the order of decreasing redshift
 * @param last      the particles after the last completed step (the z = 0 snapshot itself when the run ended there)
 * @param stepsDone kick–drift–kick steps completed
 * @param steps     steps planned
 * @param cancelled whether the cancel flag stopped the run early
 * @param seconds   wall time
 */
public record SimulationResult(SimulationSettings settings, List<Snapshot> snapshots, Snapshot last, int stepsDone, int steps,
                               boolean cancelled, double seconds) {
    public SimulationResult {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(last, "last");
        snapshots = List.copyOf(snapshots);
        if (stepsDone < 0 || stepsDone > steps) throw new IllegalArgumentException("stepsDone must be in [0, " + steps + "]: " + stepsDone);
    }

    /** The snapshot at redshift z (to 1e-9), if it was reached. */
    public java.util.Optional<Snapshot> at(double z) {
        return snapshots.stream().filter(s -> Math.abs(s.redshift() - z) < 1e-9).findFirst();
    }
}
