package org.distill.symbolic.optimize;

import org.apache.commons.math3.fitting.leastsquares.EvaluationRmsChecker;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;

/**
 * Fits the constants of an expression by Levenberg–Marquardt (Commons Math) with exact
 * forward-mode derivatives from the {@link Evaluator}. With linear scaling, fits
 * {@code a + b·f(x; c)} jointly and reports only {@code c} (the search applies the scaling itself).
 *
 * <p>Not thread-safe (holds an evaluator and buffers); use one per thread.
 */
public final class ConstantFitter {
    /** Result of a fit: the new constants, and the number of model evaluations it took. */
    public record Fit(double[] constants, int evaluations, boolean converged) {}

    private final Evaluator evaluator;
    private final int maxIterations;

    public ConstantFitter(Evaluator evaluator, int maxIterations) {
        this.evaluator = evaluator;
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
        this.maxIterations = maxIterations;
    }

    /**
     * Least-squares constants of {@code e} on {@code data} (weighted when the data has weights),
     * starting from its current constants. Returns the start when there is nothing to fit or the
     * optimiser fails.
     */
    public Fit fit(Expr e, Columns data, boolean linearScaling) {
        return fit(e, data, linearScaling, (int[]) null);
    }

    /**
     * Like {@link #fit(Expr, Columns, boolean)}, fitting only the constants marked in {@code free}
     * (pre-order, one flag per constant; null: all); the others keep their values.
     *
     * @throws IllegalArgumentException when {@code free} has not one flag per constant
     */
    public Fit fit(Expr e, Columns data, boolean linearScaling, boolean[] free) {
        if (free == null) return fit(e, data, linearScaling, (int[]) null);
        int[] parameterOf = new int[free.length];
        int k = 0;
        for (int i = 0; i < free.length; i++) parameterOf[i] = free[i] ? k++ : -1;
        return fit(e, data, linearScaling, parameterOf);
    }

    /**
     * Like {@link #fit(Expr, Columns, boolean)} with tied constants: constant {@code i}
     * (pre-order) is parameter {@code parameterOf[i]}, or fixed when that is negative; constants
     * of one parameter share its value (the one of the first of them at the start), e.g. the
     * constants of one function called at two places of a template. Null: each constant its own
     * parameter.
     *
     * @throws IllegalArgumentException when {@code parameterOf} has not one entry per constant or
     *     its parameters are not numbered 0, 1, ... in order of first use
     */
    public Fit fit(Expr e, Columns data, boolean linearScaling, int[] parameterOf) {
        double[] all = e.constants();
        int[] param = parameterOf;
        if (param == null) {
            param = new int[all.length];
            for (int i = 0; i < param.length; i++) param[i] = i;
        }
        if (param.length != all.length) {
            throw new IllegalArgumentException("expression has " + all.length + " constants, got " + param.length + " parameter indices");
        }
        int count = 0;
        for (int q : param) {
            if (q > count) throw new IllegalArgumentException("parameters must be numbered in order of first use: " + java.util.Arrays.toString(param));
            if (q == count) count++;
        }
        final int k = count;
        double[] start = new double[k];
        for (int i = all.length - 1; i >= 0; i--) if (param[i] >= 0) start[param[i]] = all[i];
        final int[] index = param;
        if (k == 0) return new Fit(all, 0, true);
        Program program = Program.compile(e);
        int n = data.rows();
        int extra = linearScaling ? 2 : 0;
        double[] value = new double[n];
        double[][] jac = new double[n][all.length];
        int[] evals = {0};
        boolean[] bad = {false};
        double[] bestCost = {Double.POSITIVE_INFINITY};
        double[][] bestPoint = {start};
        double[] w = data.w();
        final double[] target = data.y().length == n ? data.y() : java.util.Arrays.copyOf(data.y(), n);
        MultivariateJacobianFunction model = point -> {
            evals[0]++;
            bad[0] = false;
            double[] p = point.toArray();
            double[] c = java.util.Arrays.copyOf(p, k);
            evaluator.gradient(program.withConstants(merge(all, index, c)), data, value, jac);
            double a = linearScaling ? p[k] : 0, b = linearScaling ? p[k + 1] : 1;
            double[] out = new double[n];
            double[][] j = new double[n][k + extra];
            for (int r = 0; r < n; r++) {
                double f = value[r];
                out[r] = a + b * f;
                for (int q = 0; q < k; q++) j[r][q] = 0;
                for (int i = 0; i < index.length; i++) if (index[i] >= 0) j[r][index[i]] += b * jac[r][i];
                if (linearScaling) {
                    j[r][k] = 1;
                    j[r][k + 1] = f;
                }
                if (!Double.isFinite(out[r])) {
                    // A huge but finite residual makes LM reject the step instead of failing.
                    out[r] = target[r] + 1e100;
                    bad[0] = true;
                }
                for (int q = 0; q < k + extra; q++) if (!Double.isFinite(j[r][q])) j[r][q] = 0;
            }
            if (!bad[0]) {
                double cost = 0;
                for (int r = 0; r < n; r++) {
                    double d = out[r] - target[r];
                    cost += (w == null ? 1 : w[r]) * d * d;
                }
                if (cost < bestCost[0]) {
                    bestCost[0] = cost;
                    bestPoint[0] = c;
                }
            }
            return new Pair<>(new ArrayRealVector(out, false), new Array2DRowRealMatrix(j, false));
        };
        double[] p0 = java.util.Arrays.copyOf(start, k + extra);
        if (linearScaling) {
            p0[k] = 0;
            p0[k + 1] = 1;
        }
        EvaluationRmsChecker rms = new EvaluationRmsChecker(1e-12, 1e-150);
        boolean[] capped = {false};
        LeastSquaresBuilder builder = new LeastSquaresBuilder()
                .start(p0)
                .model(model)
                .target(target)
                // The checker ends the fit at maxIterations; the hard limits above it only guard
                // against a checker bug (reaching them throws, which is slow).
                .maxEvaluations(maxIterations * 4 + 10)
                .maxIterations(maxIterations + 10)
                .lazyEvaluation(false)
                .checker((iteration, previous, current) -> {
                    if (rms.converged(iteration, previous, current)) return true;
                    if (iteration >= maxIterations) capped[0] = true;
                    return capped[0];
                });
        if (data.w() != null) builder.weight(new DiagonalMatrix(java.util.Arrays.copyOf(data.w(), n)));
        LeastSquaresProblem problem = builder.build();
        try {
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(problem);
            RealVector p = opt.getPoint();
            double[] c = java.util.Arrays.copyOf(p.toArray(), k);
            for (double v : c) if (!Double.isFinite(v)) return new Fit(all, evals[0], false);
            if (bad[0] && opt.getCost() > 1e90) return new Fit(all, evals[0], false);
            return new Fit(merge(all, index, c), evals[0], !capped[0]);
        } catch (org.apache.commons.math3.exception.MathIllegalStateException
                 | org.apache.commons.math3.exception.MathIllegalArgumentException ex) {
            // Ran out of iterations or hit a numerical wall: keep the best point evaluated.
            return new Fit(merge(all, index, bestPoint[0]), evals[0], false);
        }
    }

    /** All constants, with those of a parameter ({@code index[i] >= 0}) set to its value. */
    private static double[] merge(double[] all, int[] index, double[] values) {
        double[] out = all.clone();
        for (int i = 0; i < index.length; i++) if (index[i] >= 0) out[i] = values[index[i]];
        return out;
    }


}
