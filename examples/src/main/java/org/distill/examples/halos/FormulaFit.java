package org.distill.examples.halos;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits a {@link HaloFormula}'s constants to halos by least absolute deviations, the error the
 * comparison reports: iteratively reweighted least squares (weights 1/max(|residual|, 1e-3)), each
 * round a Commons Math Levenberg–Marquardt fit with a forward-difference Jacobian, from every start of
 * the formula; the constants with the lowest mean |y − ŷ| seen win. A residual that is not finite
 * counts as 1e6, so LM steps away from it.
 *
 * @param formula the formula
 * @param p       the fitted constants
 * @param error   mean |y − ŷ| on the fitting halos
 */
public record FormulaFit(HaloFormula formula, double[] p, double error) {
    private static final int ROUNDS = 8, EVALUATIONS = 400;

    public FormulaFit {
        Objects.requireNonNull(formula, "formula");
        p = p.clone();
    }

    @Override public double[] p() { return p.clone(); }

    /** Fits {@code formula} to the halos of {@code table}: 8 reweighting rounds of at most 400 LM evaluations each. */
    public static FormulaFit of(HaloFormula formula, HaloTable table) { return of(formula, table, ROUNDS, EVALUATIONS); }

    /**
     * Fits {@code formula} to the halos of {@code table} with {@code rounds} reweighting rounds of at most
     * {@code evaluations} LM evaluations each (a cheaper fit to compare candidates).
     */
    public static FormulaFit of(HaloFormula formula, HaloTable table, int rounds, int evaluations) {
        if (rounds < 1 || evaluations < 1) throw new IllegalArgumentException("rounds and evaluations must be positive: " + rounds + ", " + evaluations);
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(table, "table");
        if (table.size() == 0) throw new IllegalArgumentException("no halos to fit " + formula.name() + " to");
        double[] best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double[] start : formula.starts()) {
            double[] p = start.clone();
            if (formula.name().equals("constant")) p[0] = median(table.y()); // L1's exact answer
            double err = error(formula, table, p);
            if (err < bestError) {
                bestError = err;
                best = p.clone();
            }
            if (p.length == 1 && formula.name().equals("constant")) continue;
            for (int round = 0; round < rounds; round++) {
                double[] w = weights(formula, table, p);
                double[] fitted = leastSquares(formula, table, p, w, evaluations);
                if (fitted == null) break;
                p = fitted;
                double e = error(formula, table, p);
                if (e < bestError) {
                    bestError = e;
                    best = p.clone();
                }
            }
        }
        return new FormulaFit(formula, best, bestError);
    }

    /** Predictions with the fitted constants. */
    public double[] predict(HaloTable t) { return formula.predict(t, p); }

    /** Mean |y − ŷ| on {@code t}. */
    public double error(HaloTable t) { return t.error(sanitise(predict(t))); }

    public String text() { return formula.text(p); }

    public String latex() { return formula.latex(p); }

    private static double error(HaloFormula f, HaloTable t, double[] p) {
        double[] y = f.predict(t, p);
        for (double v : y) if (!Double.isFinite(v)) return Double.POSITIVE_INFINITY;
        return t.error(y);
    }

    private static double[] sanitise(double[] y) {
        for (int i = 0; i < y.length; i++) if (!Double.isFinite(y[i])) y[i] = 1e6;
        return y;
    }

    private static double[] weights(HaloFormula f, HaloTable t, double[] p) {
        double[] y = f.predict(t, p), w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double r = Double.isFinite(y[i]) ? Math.abs(t.y()[i] - y[i]) : 1e6;
            w[i] = Math.sqrt(1 / Math.max(r, 1e-3));
        }
        return w;
    }

    private static double[] leastSquares(HaloFormula f, HaloTable t, double[] start, double[] sw, int evaluations) {
        int n = t.size(), k = start.length;
        double[] target = new double[n];
        for (int i = 0; i < n; i++) target[i] = t.y()[i] * sw[i];
        MultivariateJacobianFunction model = point -> {
            double[] p = point.toArray();
            double[] v = values(f, t, p, sw);
            double[][] jac = new double[n][k];
            for (int j = 0; j < k; j++) {
                double h = 1e-6 * Math.max(1, Math.abs(p[j]));
                double[] q = p.clone();
                q[j] += h;
                double[] v2 = values(f, t, q, sw);
                for (int i = 0; i < n; i++) jac[i][j] = (v2[i] - v[i]) / h;
            }
            return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(new ArrayRealVector(v, false),
                    new Array2DRowRealMatrix(jac, false));
        };
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(start).model(model).target(target).maxEvaluations(evaluations).maxIterations(evaluations).lazyEvaluation(false).build());
            double[] p = o.getPoint().toArray();
            for (double v : p) if (!Double.isFinite(v)) return null;
            return p;
        } catch (RuntimeException e) { // too many evaluations or a singular step: keep what we had
            return null;
        }
    }

    private static double[] values(HaloFormula f, HaloTable t, double[] p, double[] sw) {
        double[] y = f.predict(t, p);
        for (int i = 0; i < y.length; i++) y[i] = (Double.isFinite(y[i]) ? y[i] : 1e6) * sw[i];
        return y;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
