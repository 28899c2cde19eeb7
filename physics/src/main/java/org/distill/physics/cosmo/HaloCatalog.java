package org.distill.physics.cosmo;

import java.util.Objects;

/**
 * Halos in a periodic box, one row per halo, in the units of {@link Snapshot}: centre (Mpc/h, in
 * [0, boxSize)), mean peculiar velocity (km/s), mass (M☉/h) and particle count. Arrays are
 * interleaved x, y, z per halo and not copied: treat them as read-only.
 *
 * @param boxSize    side of the periodic box, Mpc/h
 * @param redshift   redshift of the snapshot the halos were found in
 * @param positions  x, y, z per halo, Mpc/h
 * @param velocities vx, vy, vz per halo, km/s
 * @param masses     mass per halo, M☉/h
 * @param counts     member particles per halo
 */
public record HaloCatalog(double boxSize, double redshift, float[] positions, float[] velocities, double[] masses,
                          int[] counts) {
    public HaloCatalog {
        if (!(boxSize > 0 && boxSize < 1e6)) throw new IllegalArgumentException("boxSize must be in (0, 1e6) Mpc/h: " + boxSize);
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(velocities, "velocities");
        Objects.requireNonNull(masses, "masses");
        Objects.requireNonNull(counts, "counts");
        int n = masses.length;
        if (positions.length != 3 * n || velocities.length != 3 * n || counts.length != n) {
            throw new IllegalArgumentException("a catalogue of " + n + " halos needs 3n positions and velocities and n counts: got "
                    + positions.length + ", " + velocities.length + ", " + counts.length);
        }
    }

    /** Number of halos. */
    public int size() { return masses.length; }
}
