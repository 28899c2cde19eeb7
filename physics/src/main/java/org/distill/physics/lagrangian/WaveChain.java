package org.distill.physics.lagrangian;

import java.util.SplittableRandom;

/**
 * The 1-D wave equation discretised on a periodic chain of {@code sites} with spacing {@code dx} (unit speed):
 * <pre>
 *   L = Σ_i ½q̇_i² − ½((q_{i+1} − q_i)/dx)²,    q̈_i = (q_{i+1} − 2q_i + q_{i−1})/dx²,
 *   E = Σ_i ½q̇_i² + ½((q_{i+1} − q_i)/dx)²,
 * </pre>
 * indices modulo {@code sites}. The default states: a sum of three seeded Gaussian bumps of width 5·dx to 10·dx and
 * height in [−1, 1], at rest.
 */
public record WaveChain(int sites, double dx) implements MechanicalSystem {
    public WaveChain {
        if (sites < 3 || sites > 100_000) throw new IllegalArgumentException("sites must be in [3, 100000]: " + sites);
        if (!(dx > 0) || Double.isInfinite(dx)) throw new IllegalArgumentException("dx must be finite and > 0: " + dx);
    }

    /** 50 sites, dx = 1/50 (a unit ring). */
    public static WaveChain of() { return new WaveChain(50, 1.0 / 50); }

    @Override public String name() { return "wave"; }
    @Override public int dof() { return sites; }

    @Override public double value(double[] q, double[] qd) {
        EulerLagrange.check(sites, q, qd);
        double sum = 0;
        for (int i = 0; i < sites; i++) {
            double grad = (q[(i + 1) % sites] - q[i]) / dx;
            sum += 0.5 * qd[i] * qd[i] - 0.5 * grad * grad;
        }
        return sum;
    }

    @Override public Derivatives derivatives(double[] q, double[] qd) {
        EulerLagrange.check(sites, q, qd);
        double[] gradQ = new double[sites];
        double[][] hvv = new double[sites][sites], mixed = new double[sites][sites];
        double k = 1 / (dx * dx);
        for (int i = 0; i < sites; i++) {
            gradQ[i] = k * (q[(i + 1) % sites] - 2 * q[i] + q[(i - 1 + sites) % sites]);
            hvv[i][i] = 1;
        }
        return new Derivatives(value(q, qd), gradQ, hvv, mixed);
    }

    @Override public void acceleration(double[] q, double[] qd, double[] out) {
        double k = 1 / (dx * dx);
        for (int i = 0; i < sites; i++) out[i] = k * (q[(i + 1) % sites] - 2 * q[i] + q[(i - 1 + sites) % sites]);
    }

    @Override public double energy(double[] q, double[] qd) {
        double sum = 0;
        for (int i = 0; i < sites; i++) {
            double grad = (q[(i + 1) % sites] - q[i]) / dx;
            sum += 0.5 * qd[i] * qd[i] + 0.5 * grad * grad;
        }
        return sum;
    }

    @Override public void sample(SplittableRandom random, double[] q, double[] qd) {
        java.util.Arrays.fill(q, 0);
        java.util.Arrays.fill(qd, 0);
        for (int b = 0; b < 3; b++) {
            double centre = random.nextDouble(sites), width = random.nextDouble(5, 10), height = random.nextDouble(-1, 1);
            for (int i = 0; i < sites; i++) {
                double d = Math.abs(i - centre);
                d = Math.min(d, sites - d);
                q[i] += height * Math.exp(-0.5 * d * d / (width * width));
            }
        }
    }
}
