package org.distill.symbolic.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Smooths a noisy target with a Gaussian process, as PySR's {@code denoise=True} does: the
 * posterior mean of a GP with a squared-exponential (RBF) kernel with one length scale per input
 * plus white noise, {@code k(x, x') = s² exp(−½ Σ_d (x_d − x'_d)² / l_d²) + σ² δ(x, x')}, whose
 * hyper-parameters {@code l_d, s, σ} maximise the log marginal likelihood.
 *
 * <p>Inputs are standardised (mean 0, standard deviation 1); a positive input that spans more than
 * a factor {@value #LOG_SPAN} is used as its logarithm first (a power law is smooth in log x). The
 * target is standardised; a target of one sign that spans more than a factor {@value #LOG_SPAN}
 * is smoothed as {@code log|y|} (its noise is then relative, as in measurements over many decades)
 * and mapped back with {@code exp}. The hyper-parameters are found by BOBYQA (Commons Math,
 * derivative-free, in log space within bounds: length scales 0.01 to 100, signal variance 1e-3 to
 * 1e3, noise variance 1e-6 to 2, all in standardised units) from three starting points, on at
 * most {@value #HYPER_ROWS} rows; the posterior mean uses at most {@value #TRAINING_ROWS} rows
 * (a Cholesky factorisation of their kernel matrix), chosen at random from the seed when there
 * are more (the "subset of data" approximation: the other rows get the GP's prediction from
 * these). Deterministic for a given seed.
 */
public final class GaussianProcessSmoother {
    /** Rows the posterior mean is computed from; more rows are subsampled at random. */
    public static final int TRAINING_ROWS = 1000;
    /** Rows the hyper-parameters are fitted on (a random subset of the training rows). */
    public static final int HYPER_ROWS = 200;
    /** A positive column spanning more than this factor is used in log space. */
    public static final double LOG_SPAN = 100;

    private static final double[] LOWER = {Math.log(0.01), Math.log(1e-3), Math.log(1e-6)};
    private static final double[] UPPER = {Math.log(100), Math.log(1e3), Math.log(2)};
    private static final double JITTER = 1e-10;

    private GaussianProcessSmoother() {}

    /**
     * A smoothed target with the fitted hyper-parameters.
     *
     * @param smoothed     the posterior mean at every row, in the target's units
     * @param lengthScales per input, in standardised units (of the log for a column used in log space)
     * @param signalSd     the kernel's signal standard deviation {@code s}, standardised
     * @param noiseSd      the white-noise standard deviation {@code σ} in the target's units, or, with
     *                     {@code logTarget}, of {@code ln|y|} (a relative noise level)
     * @param logTarget    whether the target was smoothed as {@code log|y|}
     * @param trainingRows rows the posterior mean was computed from
     * @param logLikelihood the log marginal likelihood at the optimum, of the standardised hyper-parameter rows
     */
    public record Fit(double[] smoothed, double[] lengthScales, double signalSd, double noiseSd, boolean logTarget,
                      int trainingRows, double logLikelihood) {
        public Fit {
            smoothed = smoothed.clone();
            lengthScales = lengthScales.clone();
        }

        @Override public double[] smoothed() { return smoothed.clone(); }

        @Override public double[] lengthScales() { return lengthScales.clone(); }
    }

    /**
     * Smooths {@code y} as a function of the columns {@code x[feature][row]}.
     *
     * @throws IllegalArgumentException with fewer than 3 rows, no column, columns of another length
     *     than {@code y}, or a value that is not finite
     */
    public static Fit smooth(double[][] x, double[] y, long seed) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = y.length;
        if (n < 3) throw new IllegalArgumentException("denoising needs at least 3 rows, got " + n);
        if (x.length < 1) throw new IllegalArgumentException("denoising needs at least 1 input column, got 0");
        for (int j = 0; j < x.length; j++) {
            Objects.requireNonNull(x[j], "x column " + j);
            if (x[j].length < n) {
                throw new IllegalArgumentException("input column " + j + " has " + x[j].length + " rows, the target " + n);
            }
            checkFinite(x[j], n, "input column " + j);
        }
        checkFinite(y, n, "target");
        int p = x.length;

        // Inputs: log for positive columns over many decades, then standardised.
        double[][] z = new double[p][];
        for (int j = 0; j < p; j++) z[j] = standardise(logIfWide(Arrays.copyOf(x[j], n)));
        // Target: log|y| for one-signed targets over many decades, then standardised.
        boolean logTarget = wide(y, n);
        double sign = y[0] < 0 ? -1 : 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = logTarget ? Math.log(Math.abs(y[i])) : y[i];
        double mean = 0;
        for (double v : t) mean += v;
        mean /= n;
        double var = 0;
        for (double v : t) var += (v - mean) * (v - mean);
        double sd = Math.sqrt(var / n);
        if (!(sd > 0)) { // a constant target: nothing to smooth
            double[] l = new double[p];
            Arrays.fill(l, Double.NaN);
            return new Fit(Arrays.copyOf(y, n), l, 0, 0, logTarget, n, Double.NaN);
        }
        for (int i = 0; i < n; i++) t[i] = (t[i] - mean) / sd;

        // Training rows (all up to TRAINING_ROWS) and hyper-parameter rows (a prefix of a random order).
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (n > HYPER_ROWS) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
            for (int i = n - 1; i > 0; i--) {
                int k = r.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[k];
                order[k] = tmp;
            }
        }
        int m = Math.min(n, TRAINING_ROWS);
        double[][] train = rowsOf(z, order, m);
        double[] trainY = pick(t, order, m);
        int h = Math.min(m, HYPER_ROWS);
        double[][] hyper = rowsOf(z, order, h);
        double[] hyperY = pick(t, order, h);

        double[] theta = optimise(hyper, hyperY, p);
        double[] len = new double[p];
        for (int d = 0; d < p; d++) len[d] = Math.exp(theta[d]);
        double s2 = Math.exp(theta[p]), n2 = Math.exp(theta[p + 1]);

        double[][] chol = cholesky(kernel(train, len, s2, n2));
        if (chol == null) throw new IllegalStateException("the GP kernel matrix is not positive definite");
        double[] alpha = solve(chol, trainY);
        double[] out = new double[n];
        double[] row = new double[p];
        double[] inv = new double[p];
        for (int d = 0; d < p; d++) inv[d] = 1 / (len[d] * len[d]);
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < p; d++) row[d] = z[d][i];
            double f = 0;
            for (int k = 0; k < m; k++) f += s2 * Math.exp(-0.5 * dist2(row, train[k], inv)) * alpha[k];
            double v = f * sd + mean;
            out[i] = logTarget ? sign * Math.exp(v) : v;
        }
        double ll = logLikelihood(hyper, hyperY, theta, p);
        return new Fit(out, len, Math.sqrt(s2), Math.sqrt(n2) * sd, logTarget, m, ll);
    }

    private static void checkFinite(double[] v, int n, String name) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(name + " row " + i + ": value must be finite: " + v[i]);
        }
    }

    /** Whether every value has one sign (none zero) and |max| / |min| exceeds {@link #LOG_SPAN}. */
    private static boolean wide(double[] v, int n) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        boolean pos = v[0] > 0;
        for (int i = 0; i < n; i++) {
            if (v[i] == 0 || (v[i] > 0) != pos) return false;
            double a = Math.abs(v[i]);
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return hi > LOG_SPAN * lo;
    }

    private static double[] logIfWide(double[] v) {
        if (v[0] <= 0 || !wide(v, v.length)) return v;
        for (int i = 0; i < v.length; i++) v[i] = Math.log(v[i]);
        return v;
    }

    private static double[] standardise(double[] v) {
        int n = v.length;
        double mean = 0;
        for (double a : v) mean += a;
        mean /= n;
        double var = 0;
        for (double a : v) var += (a - mean) * (a - mean);
        double sd = Math.sqrt(var / n);
        for (int i = 0; i < n; i++) v[i] = sd > 0 ? (v[i] - mean) / sd : 0;
        return v;
    }

    private static double[][] rowsOf(double[][] z, int[] order, int m) {
        double[][] out = new double[m][z.length];
        for (int k = 0; k < m; k++) for (int d = 0; d < z.length; d++) out[k][d] = z[d][order[k]];
        return out;
    }

    private static double[] pick(double[] t, int[] order, int m) {
        double[] out = new double[m];
        for (int k = 0; k < m; k++) out[k] = t[order[k]];
        return out;
    }

    /** The best of three BOBYQA runs (different starting noise and length scales). */
    private static double[] optimise(double[][] rows, double[] y, int p) {
        int dim = p + 2;
        double[] lo = new double[dim], hi = new double[dim];
        for (int d = 0; d < dim; d++) {
            int b = d < p ? 0 : d - p + 1; // 0 for length scales, 1 signal, 2 noise
            lo[d] = LOWER[b];
            hi[d] = UPPER[b];
        }
        MultivariateFunction f = theta -> logLikelihood(rows, y, theta, p);
        double[][] starts = {{1, 1, 0.1}, {0.3, 1, 0.01}, {3, 1, 0.5}};
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double[] s : starts) {
            double[] start = new double[dim];
            for (int d = 0; d < p; d++) start[d] = Math.log(s[0]);
            start[p] = Math.log(s[1]);
            start[p + 1] = Math.log(s[2]);
            double[] point = start;
            double value = f.value(start);
            try {
                PointValuePair r = new BOBYQAOptimizer(2 * dim + 1, 1.0, 1e-3).optimize(new MaxEval(150 * dim),
                        new ObjectiveFunction(f), GoalType.MAXIMIZE, new InitialGuess(start), new SimpleBounds(lo, hi));
                if (r.getValue() > value) {
                    point = r.getPoint();
                    value = r.getValue();
                }
            } catch (MathIllegalStateException e) {
                // evaluation budget spent: keep the starting point (or an earlier start)
            }
            if (best == null || value > bestValue) {
                best = point;
                bestValue = value;
            }
        }
        return best;
    }

    /** The log marginal likelihood of standardised {@code y} under the kernel with log hyper-parameters {@code theta}. */
    static double logLikelihood(double[][] rows, double[] y, double[] theta, int p) {
        double[] len = new double[p];
        for (int d = 0; d < p; d++) len[d] = Math.exp(theta[d]);
        double s2 = Math.exp(theta[p]), n2 = Math.exp(theta[p + 1]);
        double[][] l = cholesky(kernel(rows, len, s2, n2));
        if (l == null) return -1e300;
        double[] alpha = solve(l, y);
        double fit = 0;
        for (int i = 0; i < y.length; i++) fit += y[i] * alpha[i];
        double logDet = 0;
        for (int i = 0; i < y.length; i++) logDet += Math.log(l[i][i]);
        return -0.5 * fit - logDet - 0.5 * y.length * Math.log(2 * Math.PI);
    }

    private static double dist2(double[] a, double[] b, double[] inv) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double u = a[d] - b[d];
            s += u * u * inv[d];
        }
        return s;
    }

    private static double[][] kernel(double[][] rows, double[] len, double s2, double n2) {
        int m = rows.length;
        double[] inv = new double[len.length];
        for (int d = 0; d < len.length; d++) inv[d] = 1 / (len[d] * len[d]);
        double[][] k = new double[m][m];
        for (int i = 0; i < m; i++) {
            k[i][i] = s2 + n2 + JITTER * s2;
            for (int j = 0; j < i; j++) {
                double v = s2 * Math.exp(-0.5 * dist2(rows[i], rows[j], inv));
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        return k;
    }

    /** The lower Cholesky factor (in place, lower triangle), or null when not positive definite. */
    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        for (int j = 0; j < n; j++) {
            double[] aj = a[j];
            double d = aj[j];
            for (int k = 0; k < j; k++) d -= aj[k] * aj[k];
            if (!(d > 0)) return null;
            double ljj = Math.sqrt(d);
            aj[j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double[] ai = a[i];
                double s = ai[j];
                for (int k = 0; k < j; k++) s -= ai[k] * aj[k];
                ai[j] = s / ljj;
            }
        }
        return a;
    }

    /** Solves (L Lᵀ) x = b. */
    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] v = b.clone();
        for (int i = 0; i < n; i++) {
            double s = v[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * v[k];
            v[i] = s / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = v[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * v[k];
            v[i] = s / l[i][i];
        }
        return v;
    }
}
