package org.distill.physics.cosmo.stats;

import java.util.Objects;
import org.distill.physics.cosmo.Snapshot;

/**
 * Moves particles to redshift space along one axis (the distant-observer approximation):
 * s = x + v_axis/(a H(a)) with H(a) = 100 E(a) km/s/(Mpc/h) from the snapshot's cosmology, v the
 * peculiar velocity in km/s, the result wrapped into [0, L). The other coordinates are unchanged.
 */
public final class RedshiftSpace {
    private RedshiftSpace() {}

    /** New positions (3·N floats) with the axis coordinate displaced; the snapshot is not changed. */
    public static float[] positions(Snapshot s, int axis) {
        Objects.requireNonNull(s, "snapshot");
        if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0, 1 or 2: " + axis);
        double a = s.scaleFactor();
        double factor = 1 / (a * 100 * s.cosmology().e(a));
        double box = s.boxSize();
        float[] x = s.positions().clone();
        float[] v = s.velocities();
        for (int p = axis; p < x.length; p += 3) {
            double y = x[p] + v[p] * factor;
            y -= box * Math.floor(y / box);
            float f = (float) y;
            x[p] = f >= box ? 0f : f;
        }
        return x;
    }

    /** The snapshot with redshift-space positions along the axis (velocities, ids, mass unchanged). */
    public static Snapshot of(Snapshot s, int axis) {
        return new Snapshot(s.boxSize(), s.redshift(), s.cosmology(), positions(s, axis), s.velocities(), s.ids(), s.particleMass());
    }
}
