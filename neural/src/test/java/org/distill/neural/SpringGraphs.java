package org.distill.neural;

import java.util.SplittableRandom;
import org.distill.physics.nbody.GraphDataset;
import org.distill.neural.gn.EdgeMessages;

/**
 * Test data: fully connected graphs of bodies joined by springs of rest length 1,
 * {@code a_i = Σ_j −2(r'−1)·(x_i − x_j)/r' / m_i} with {@code r' = r + 0.01}; positions, velocities
 * and charges standard normal, masses log-uniform in [e^−½, e^½].
 */
public final class SpringGraphs {
    private SpringGraphs() { }

    public static GraphDataset generate(int graphs, int bodies, int dim, long seed) {
        var random = new SplittableRandom(seed);
        int f = 2 * dim + 2;
        float[] nodes = new float[graphs * bodies * f], acc = new float[graphs * bodies * dim];
        for (int g = 0; g < graphs; g++) {
            int base = g * bodies * f;
            for (int i = 0; i < bodies; i++) {
                for (int k = 0; k < 2 * dim + 1; k++) nodes[base + i * f + k] = (float) random.nextGaussian();
                nodes[base + i * f + 2 * dim + 1] = (float) Math.exp(random.nextDouble(-0.5, 0.5));
            }
            for (int i = 0; i < bodies; i++) {
                double m = nodes[base + i * f + 2 * dim + 1];
                double[] dx = new double[dim];
                for (int j = 0; j < bodies; j++) {
                    if (j == i) continue;
                    for (int d = 0; d < dim; d++) dx[d] = (double) nodes[base + i * f + d] - nodes[base + j * f + d];
                    double[] force = force(dx);
                    for (int d = 0; d < dim; d++) acc[(g * bodies + i) * dim + d] += (float) (force[d] / m);
                }
            }
        }
        return new GraphDataset(dim, bodies, nodes, acc);
    }

    /** Spring force on a body at separation {@code dx = x_self − x_other}. */
    public static double[] force(double[] dx) {
        double r = 0;
        for (double v : dx) r += v * v;
        double rp = Math.sqrt(r) + 0.01, s = -2 * (rp - 1) / rp;
        double[] f = new double[dx.length];
        for (int d = 0; d < dx.length; d++) f[d] = s * dx[d];
        return f;
    }

    /** The true force on the receiver of every edge, {@code [d][e]}. */
    public static double[][] forces(EdgeMessages messages) {
        double[][] dx = messages.dx(), out = new double[messages.dim()][messages.edges()];
        double[] v = new double[messages.dim()];
        for (int e = 0; e < messages.edges(); e++) {
            for (int d = 0; d < v.length; d++) v[d] = dx[d][e];
            double[] f = force(v);
            for (int d = 0; d < v.length; d++) out[d][e] = f[d];
        }
        return out;
    }

    /** Mean over nodes of |a|₁: the loss of predicting zero. */
    public static double zeroLoss(GraphDataset data) {
        double s = 0;
        for (float a : data.accelerations()) s += Math.abs(a);
        return s / ((double) data.graphs() * data.bodies());
    }
}
