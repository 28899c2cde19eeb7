package org.distill.examples.halos;

import java.util.Objects;

/**
 * The halos of one periodic box above the mass cut, with the matter overdensity around each: what the
 * halo experiment reads from a simulation (or a Quijote realisation). Arrays are not copied: treat them
 * as read-only.
 *
 * @param label      where it came from (e.g. {@code seed 1}, {@code sigma8 0.934}, a Quijote folder)
 * @param boxSize    side of the box, Mpc/h
 * @param positions  x, y, z per halo, Mpc/h, in [0, boxSize)
 * @param velocities vx, vy, vz per halo, km/s (peculiar)
 * @param mass       per halo, 10¹² M☉/h
 * @param delta      per halo, the overdensity of the matter within the radius around its centre (its own
 *                   particles left out), ρ/ρ̄ − 1
 */
public record HaloBox(String label, double boxSize, float[] positions, float[] velocities, double[] mass, double[] delta) {
    public HaloBox {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(velocities, "velocities");
        Objects.requireNonNull(mass, "mass");
        Objects.requireNonNull(delta, "delta");
        if (!(boxSize > 0) || Double.isInfinite(boxSize)) throw new IllegalArgumentException("boxSize must be positive: " + boxSize);
        int n = mass.length;
        if (positions.length != 3 * n || velocities.length != 3 * n || delta.length != n) {
            throw new IllegalArgumentException(n + " halos need 3n positions and velocities and n overdensities: got "
                    + positions.length + ", " + velocities.length + ", " + delta.length);
        }
    }

    /** Number of halos. */
    public int size() { return mass.length; }
}
