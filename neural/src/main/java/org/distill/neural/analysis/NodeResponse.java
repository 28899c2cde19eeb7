package org.distill.neural.analysis;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.distill.physics.nbody.PairLaw;

/**
 * Whether a graph network's node model undoes the receiver factor of its messages: the check that makes
 * "exact up to the receiver" ({@link ReceiverGauge}) a statement about the whole network.
 *
 * <p>A message formula {@code g(m1, q1)·h} whose law part {@code h} is exact carries the receiver's acceleration
 * times {@code k = g/ρ}, where {@code ρ(m1, q1)} is how the law's acceleration depends on the receiver (1 under
 * r⁻¹ and r⁻², {@code 1/m1} for the spring, {@code q1/m1} for charges; {@link #receiverScale}). The network then
 * predicts the law's accelerations only if the node model turns a unit of message into {@code 1/k} units of
 * acceleration along a fixed direction: its response {@code J_i} (the derivative of node {@code i}'s acceleration
 * with respect to the summed message, {@link org.distill.neural.gn.GraphNetwork#messageResponse}) times
 * {@code k_i} must be the same vector {@code u} on every node. {@link #spread} measures how far it is from that:
 * the median over nodes of {@code |k_i·J_i − u|/|u|}, with {@code u} the component-wise median of
 * {@code k_i·J_i}. {@link #spreadStrict} is the same for the strict reading, that the message is the law's force
 * itself ({@code k = m1}, {@link ForceBasis#FORCE}) or its acceleration ({@code k = 1}, {@link ForceBasis#ACCELERATION}):
 * a receiver factor that the node model really undoes leaves a much smaller spread with it than under the strict
 * reading (unless the factor hardly varies over the receivers' masses and charges).
 *
 * @param spread       median relative deviation of {@code k_i·J_i} from their median, {@code k = g/ρ}
 * @param spreadStrict the same with {@code k = m1} (basis {@code F}) or {@code k = 1} (basis {@code F/m1})
 * @param nodes        the nodes measured (those where both are finite)
 */
public record NodeResponse(double spread, double spreadStrict, int nodes) {
    public NodeResponse {
        if (!(spread >= 0) || !(spreadStrict >= 0))
            throw new IllegalArgumentException("spreads must be at least 0: " + spread + ", " + spreadStrict);
        if (nodes < 1) throw new IllegalArgumentException("nodes must be at least 1: " + nodes);
    }

    /**
     * The spreads for node responses {@code response[i][d]} of receivers with masses {@code m1[i]} and charges
     * {@code q1[i]}, message factor {@code factor(m1, q1)} ({@code g}) under {@code law}, the strict reading in
     * {@code basis}.
     *
     * @throws IllegalArgumentException when the arrays differ in length, or fewer than one node gives finite values
     */
    public static NodeResponse of(double[][] response, double[] m1, double[] q1, DoubleBinaryOperator factor, PairLaw law,
                                  ForceBasis basis) {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(law, "law");
        if (m1.length != response.length || q1.length != response.length)
            throw new IllegalArgumentException("response has " + response.length + " nodes, m1 " + m1.length + ", q1 "
                    + q1.length);
        int dim = response.length == 0 ? 1 : response[0].length;
        double[][] with = new double[response.length][], strict = new double[response.length][];
        int kept = 0;
        for (int i = 0; i < response.length; i++) {
            double rho = receiverScale(law, dim, m1[i], q1[i]), g = factor.applyAsDouble(m1[i], q1[i]);
            double[] a = scaled(response[i], g / rho), b = scaled(response[i], basis == ForceBasis.FORCE ? m1[i] : 1);
            if (a == null || b == null) continue;
            with[kept] = a;
            strict[kept++] = b;
        }
        if (kept == 0) throw new IllegalArgumentException("no node with a finite response and factor");
        return new NodeResponse(spread(Arrays.copyOf(with, kept)), spread(Arrays.copyOf(strict, kept)), kept);
    }

    /**
     * How the law's acceleration on a receiver of mass {@code m1} and charge {@code q1} compares with that on a
     * receiver of mass and charge 1, the rest fixed (a sender of mass and charge 1 at separation ≈ 0.8, or ≈ 2.5 where
     * the law is 0 there): 1 for r⁻¹ and r⁻², {@code 1/m1} for the spring, {@code q1/m1} for charges; NaN for a law
     * that is 0 at both.
     */
    public static double receiverScale(PairLaw law, int dim, double m1, double q1) {
        double[] f = new double[dim], unit = new double[dim], xj = new double[dim];
        for (double scale : new double[] {1, 3}) {          // 3: beyond the disc law's radius, where it acts
            double[] xi = Arrays.copyOf(new double[] {0.7 * scale, 0.4 * scale, 0.2 * scale}, dim);
            law.force(xi, xj, q1, 1, m1, 1, f);
            law.force(xi, xj, 1, 1, 1, 1, unit);
            int d = 0;
            for (int k = 1; k < dim; k++) if (Math.abs(unit[k]) > Math.abs(unit[d])) d = k;
            if (unit[d] != 0) return f[d] / m1 / unit[d];
        }
        return Double.NaN;
    }

    /** {@code v·s}, or null when a value is not finite or all are 0. */
    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        boolean nonzero = false;
        for (int d = 0; d < v.length; d++) {
            out[d] = v[d] * s;
            if (!Double.isFinite(out[d])) return null;
            nonzero |= out[d] != 0;
        }
        return nonzero ? out : null;
    }

    /** Median over rows of {@code |u_i − ū|/|ū|}, {@code ū} the component-wise median. */
    static double spread(double[][] u) {
        int dim = u[0].length;
        double[] centre = new double[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            double[] column = new double[u.length];
            for (int i = 0; i < u.length; i++) column[i] = u[i][d];
            centre[d] = new Median().evaluate(column);
            norm += centre[d] * centre[d];
        }
        norm = Math.sqrt(norm);
        double[] deviation = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            double s = 0;
            for (int d = 0; d < dim; d++) s += (u[i][d] - centre[d]) * (u[i][d] - centre[d]);
            deviation[i] = norm == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(s) / norm;
        }
        return new Median().evaluate(deviation);
    }
}
