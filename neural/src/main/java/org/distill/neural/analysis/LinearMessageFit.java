package org.distill.neural.analysis;

import java.util.ArrayList;
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
            double[] coefficients = new double[forces.length];
            System.arraycopy(beta, 1, coefficients, 0, forces.length);
            fits.add(new ComponentFit(c, std[c], beta[0], coefficients, r2(messages[c], design.operate(beta))));
        }
        return List.copyOf(fits);
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
