package org.distill.neural.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Fits the strongest message components to linear combinations of the true force components by
 * least squares (QR). If a graph network has learned forces, its top components by standard deviation
 * are rotations of the force vector and each fit reaches R² close to 1.
 *
 * <p>Columns are column-major: {@code messages[c][e]} is component {@code c} on edge {@code e},
 * {@code forces[d][e]} force component {@code d} (for example the true pair force, or force times a
 * mass, whatever the law under test predicts) on the same edge.
 *
 * <p><b>Trimmed fits.</b> Laws with a singular force (r⁻², charge) have a heavy tail of close
 * encounters where the force is hundreds of times its typical value and no network of finite size
 * follows it; a handful of such edges then decides a plain least-squares R². With {@code trim > 0}
 * the fit ignores the fraction {@code trim} of edges with the largest squared residuals (least
 * trimmed squares by concentration steps from the plain fit: refit on the best-fitting
 * {@code 1 − trim} of the edges until that set stops changing) and R² is computed over the kept
 * edges. This is the measure of Cranmer et al.'s own analysis code, which scores the linear
 * combination by the sum of the 90 % smallest squared residuals ({@code trim = 0.1}).
 */
public final class LinearMessageFit {
    private LinearMessageFit() { }

    /**
     * The {@code top} message components with the largest standard deviation, strongest first, each
     * fitted to {@code intercept + Σ_d β_d·forces[d]}.
     *
     * @throws IllegalArgumentException on ragged or mismatched columns, non-finite values, fewer edges
     *                                  than parameters, {@code top} outside [1, components], or force
     *                                  columns that are linearly dependent (with the intercept)
     */
    public static List<ComponentFit> fit(double[][] messages, double[][] forces, int top) {
        return fit(messages, forces, top, 0);
    }

    /** Iterations of the trimmed fit at most; it usually settles within ten. */
    private static final int MAX_CONCENTRATION_STEPS = 50;

    /**
     * As {@link #fit(double[][], double[][], int)}, ignoring for each component the fraction
     * {@code trim} of edges that it fits worst (see the class comment); {@code trim = 0} is the plain fit.
     *
     * @throws IllegalArgumentException as the plain fit, or if {@code trim} is outside [0, 0.5)
     */
    public static List<ComponentFit> fit(double[][] messages, double[][] forces, int top, double trim) {
        if (!(trim >= 0 && trim < 0.5)) throw new IllegalArgumentException("trim must be in [0, 0.5): " + trim);
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(forces, "forces");
        if (messages.length == 0) throw new IllegalArgumentException("messages has no components");
        if (forces.length == 0) throw new IllegalArgumentException("forces has no components");
        if (top < 1 || top > messages.length)
            throw new IllegalArgumentException("top must be in [1, " + messages.length + "]: " + top);
        int edges = forces[0].length;
        if (edges < forces.length + 2)
            throw new IllegalArgumentException("need at least " + (forces.length + 2) + " edges, got " + edges);
        check(forces, "forces", edges);
        check(messages, "messages", edges);

        double[] std = new double[messages.length];
        for (int c = 0; c < std.length; c++) std[c] = std(messages[c]);
        List<Integer> strongest = new ArrayList<>();
        for (int c = 0; c < std.length; c++) strongest.add(c);
        strongest.sort(Comparator.comparingDouble((Integer c) -> -std[c]).thenComparingInt(c -> c));

        var design = new Array2DRowRealMatrix(edges, forces.length + 1);
        for (int e = 0; e < edges; e++) {
            design.setEntry(e, 0, 1);
            for (int d = 0; d < forces.length; d++) design.setEntry(e, d + 1, forces[d][e]);
        }
        DecompositionSolver solver = new QRDecomposition(design, 1e-12).getSolver();
        if (!solver.isNonSingular())
            throw new IllegalArgumentException("force columns are linearly dependent (or constant): cannot fit");

        var fits = new ArrayList<ComponentFit>(top);
        for (int c : strongest.subList(0, top)) {
            RealVector y = new ArrayRealVector(messages[c], false);
            double[] beta;
            try {
                beta = solver.solve(y).toArray();
            } catch (SingularMatrixException e) {
                throw new IllegalArgumentException("force columns are linearly dependent: cannot fit", e);
            }
            double[] fitted = design.operate(beta);
            double r2;
            if (trim > 0) {
                boolean[] kept = trimmed(messages[c], forces, beta, fitted, trim);
                r2 = r2(messages[c], fitted, kept);
            } else {
                r2 = r2(messages[c], fitted);
            }
            double[] coefficients = new double[forces.length];
            System.arraycopy(beta, 1, coefficients, 0, forces.length);
            fits.add(new ComponentFit(c, std[c], beta[0], coefficients, r2));
        }
        return List.copyOf(fits);
    }

    /**
     * Concentration steps of least trimmed squares, from the plain fit {@code beta} (updated in place)
     * and its values {@code fitted}: the edges kept by the final fit.
     */
    private static boolean[] trimmed(double[] y, double[][] forces, double[] beta, double[] fitted, double trim) {
        int edges = y.length, keep = (int) Math.ceil((1 - trim) * edges);
        boolean[] kept = null;
        double[] residual = new double[edges];
        for (int step = 0; step < MAX_CONCENTRATION_STEPS; step++) {
            for (int e = 0; e < edges; e++) residual[e] = Math.abs(y[e] - fitted[e]);
            double[] sorted = residual.clone();
            Arrays.sort(sorted);
            double cut = sorted[keep - 1];
            boolean[] next = new boolean[edges];
            int count = 0;
            for (int e = 0; e < edges && count < keep; e++)
                if (residual[e] <= cut) { next[e] = true; count++; }
            if (Arrays.equals(next, kept)) break;
            kept = next;
            var design = new Array2DRowRealMatrix(keep, forces.length + 1);
            double[] target = new double[keep];
            for (int e = 0, row = 0; e < edges; e++) {
                if (!kept[e]) continue;
                design.setEntry(row, 0, 1);
                for (int d = 0; d < forces.length; d++) design.setEntry(row, d + 1, forces[d][e]);
                target[row++] = y[e];
            }
            DecompositionSolver solver = new QRDecomposition(design, 1e-12).getSolver();
            if (!solver.isNonSingular()) break;            // the kept edges cannot tell the forces apart: stop here
            double[] b = solver.solve(new ArrayRealVector(target, false)).toArray();
            System.arraycopy(b, 0, beta, 0, b.length);
            for (int e = 0; e < edges; e++) {
                double v = beta[0];
                for (int d = 0; d < forces.length; d++) v += beta[d + 1] * forces[d][e];
                fitted[e] = v;
            }
        }
        return kept;
    }

    /** R² over the edges marked in {@code kept}. */
    private static double r2(double[] y, double[] fitted, boolean[] kept) {
        int n = 0;
        for (boolean k : kept) if (k) n++;
        double[] a = new double[n], b = new double[n];
        for (int e = 0, i = 0; e < y.length; e++)
            if (kept[e]) { a[i] = y[e]; b[i++] = fitted[e]; }
        return r2(a, b);
    }

    /** {@code 1 − SS_res/SS_tot}; NaN when {@code y} is constant. */
    static double r2(double[] y, double[] fitted) {
        double mean = 0;
        for (double v : y) mean += v;
        mean /= y.length;
        double res = 0, tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += (y[i] - fitted[i]) * (y[i] - fitted[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return tot == 0 ? Double.NaN : 1 - res / tot;
    }

    private static double std(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double s = 0;
        for (double v : x) s += (v - mean) * (v - mean);
        return Math.sqrt(s / x.length);
    }

    private static void check(double[][] columns, String name, int edges) {
        for (int c = 0; c < columns.length; c++) {
            Objects.requireNonNull(columns[c], name + " column " + c);
            if (columns[c].length != edges)
                throw new IllegalArgumentException(name + " column " + c + " has " + columns[c].length
                        + " values, forces column 0 has " + edges);
            for (int e = 0; e < edges; e++)
                if (!Double.isFinite(columns[c][e]))
                    throw new IllegalArgumentException(name + " column " + c + ", edge " + e + ": not finite: " + columns[c][e]);
        }
    }
}
