package org.distill.physics.cosmo;

import java.util.Objects;

/**
 * Dark-matter particles in a periodic box at one redshift: what a simulation writes and what the
 * estimators (density fields, power spectra, friends-of-friends) read. Units are the ones the
 * formulas use, not Gadget's: positions in Mpc/h in [0, boxSize), peculiar velocities in km/s
 * (physical, {@code a·dx/dt}), the particle mass in M☉/h. Arrays are interleaved x, y, z per
 * particle ({@code 3·count} floats), float32 as in Quijote; they are not copied (a 256³ snapshot is
 * 400 MB): treat them as read-only.
 *
 * @param boxSize      side of the periodic box, Mpc/h
 * @param redshift     redshift of the snapshot
 * @param cosmology    the cosmology it was run with
 * @param positions    x, y, z per particle, Mpc/h
 * @param velocities   vx, vy, vz per particle, km/s (peculiar)
 * @param ids          particle identifiers (one per particle)
 * @param particleMass mass of one particle, M☉/h
 */
public record Snapshot(double boxSize, double redshift, Cosmology cosmology, float[] positions, float[] velocities,
                       long[] ids, double particleMass) {
    public Snapshot {
        if (!(boxSize > 0 && boxSize < 1e6)) throw new IllegalArgumentException("boxSize must be in (0, 1e6) Mpc/h: " + boxSize);
        if (!(redshift > -1 && redshift < 1e4)) throw new IllegalArgumentException("redshift must be in (-1, 1e4): " + redshift);
        Objects.requireNonNull(cosmology, "cosmology");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(velocities, "velocities");
        Objects.requireNonNull(ids, "ids");
        if (positions.length % 3 != 0) throw new IllegalArgumentException("positions must hold x, y, z per particle: length " + positions.length);
        if (velocities.length != positions.length) {
            throw new IllegalArgumentException("velocities has " + velocities.length + " values, positions " + positions.length);
        }
        if (ids.length * 3L != positions.length) {
            throw new IllegalArgumentException("ids has " + ids.length + " values for " + positions.length / 3 + " particles");
        }
        if (!(particleMass > 0)) throw new IllegalArgumentException("particleMass must be positive: " + particleMass);
    }

    /** Number of particles. */
    public int count() { return ids.length; }

    /** Scale factor a = 1/(1 + z). */
    public double scaleFactor() { return 1 / (1 + redshift); }

    /** Mean number density of particles, (h/Mpc)³. */
    public double numberDensity() { return count() / (boxSize * boxSize * boxSize); }
}
