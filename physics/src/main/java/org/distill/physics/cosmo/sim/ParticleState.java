package org.distill.physics.cosmo.sim;

import java.util.Objects;

/**
 * The mutable state of a particle-mesh run: positions in [0, L) (Mpc/h) and FastPM momenta
 * p = a³ E dx/da (comoving Mpc/h in units of H0 = 100 km/s/(Mpc/h); the peculiar velocity is
 * v = 100 p/a km/s), interleaved x, y, z per particle, float32, at scale factor {@link #a()}.
 * Not thread-safe; the arrays are the live ones.
 */
public final class ParticleState {
    private final double boxSize;
    private double a;
    private final float[] positions;
    private final float[] momenta;

    public ParticleState(double boxSize, double a, float[] positions, float[] momenta) {
        if (!(boxSize > 0)) throw new IllegalArgumentException("boxSize must be positive: " + boxSize);
        if (!(a > 0)) throw new IllegalArgumentException("a must be positive: " + a);
        this.positions = Objects.requireNonNull(positions, "positions");
        this.momenta = Objects.requireNonNull(momenta, "momenta");
        if (positions.length % 3 != 0 || positions.length != momenta.length) {
            throw new IllegalArgumentException("positions (" + positions.length + ") and momenta (" + momenta.length
                    + ") must both hold x, y, z per particle");
        }
        this.boxSize = boxSize;
        this.a = a;
    }

    public double boxSize() { return boxSize; }

    public double a() { return a; }

    void a(double value) { a = value; }

    public float[] positions() { return positions; }

    public float[] momenta() { return momenta; }

    public int count() { return positions.length / 3; }

    /** Peculiar velocities v = 100 p/a in km/s (a new array). */
    public float[] velocities() {
        float[] v = new float[momenta.length];
        double s = 100 / a;
        for (int i = 0; i < v.length; i++) v[i] = (float) (momenta[i] * s);
        return v;
    }

    /** x wrapped into [0, L) as a float (never L itself). */
    static float wrap(double x, double box) {
        double y = x - box * Math.floor(x / box);
        float f = (float) y;
        if (f >= box || f < 0) f = 0;
        return f;
    }
}
