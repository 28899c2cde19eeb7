package org.distill.symbolic.search;

import java.util.SplittableRandom;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.optimize.ConstantFitter;

/**
 * How well a finished equation predicts rows its constants were not fitted on. Up to
 * {@value #KFOLD_ROWS} rows: k-fold cross-validation with {@code k = min(rows, }{@value #FOLDS}{@code )}
 * (leave-one-out up to 10 rows); above, one held-out part of {@value #HOLDOUT_PERCENT} % of the
 * rows (at most {@value #MAX_ROWS} rows to fit and as many to validate). For each fold the
 * equation's constants are refitted (Levenberg–Marquardt from the values found on all rows) on
 * the other rows and the loss is taken on the fold's rows; the validation loss is the mean over all
 * held-out rows, with its standard error. The rows of each fold come from a permutation drawn
 * from the search's seed: the result is deterministic.
 *
 * <p>The structure of the equation was chosen on all rows: only the constants are refitted, so
 * the validation loss is optimistic for structures that fit the noise of the held-out rows too.
 * High-frequency and interpolating terms still show: refitted on the other rows they predict the
 * held-out ones badly.
 */
final class Validation {
    static final int KFOLD_ROWS = 1000;
    static final int FOLDS = 10;
    static final int HOLDOUT_PERCENT = 20;
    static final int MAX_ROWS = 5000;

    /**
     * A validation loss and the loss of each held-out row (null when a prediction was not finite).
     */
    record Score(double loss, double[] rows) {
        /** The standard error of the mean of {@code rows} (NaN with a single row, +∞ when not finite). */
        double standardError() {
            if (rows == null) return Double.POSITIVE_INFINITY;
            int m = rows.length;
            if (m < 2) return Double.NaN;
            double mean = 0, var = 0;
            for (double r : rows) mean += r;
            mean /= m;
            for (double r : rows) var += (r - mean) * (r - mean);
            return Math.sqrt(var / (m - 1) / m);
        }
    }

    private final Loss loss;
    private final Columns[] fit;
    private final Columns[] test;
    private final Evaluator evaluator = new Evaluator();
    /** The rows on which sines and cosines must be sampled often enough, or null for no bound. */
    private final Columns oscillationRows;
    /** The mean weight of the held-out rows (1 without weights), so that weighted row losses average to the loss. */
    private final double wsum0;
    private final ConstantFitter fitter = new ConstantFitter(evaluator, 100);

    Validation(Columns full, Loss loss, long seed, boolean boundOscillation) {
        this.loss = loss;
        this.oscillationRows = boundOscillation ? full.evenlySpaced(MAX_ROWS) : null;
        int n = full.rows();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5851F42D4C957F2DL);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        if (n <= KFOLD_ROWS) {
            int k = Math.min(n, FOLDS);
            fit = new Columns[k];
            test = new Columns[k];
            for (int f = 0; f < k; f++) {
                int size = (n - f + k - 1) / k;
                int[] in = new int[n - size], out = new int[size];
                int a = 0, b = 0;
                for (int i = 0; i < n; i++) {
                    if (i % k == f) out[b++] = perm[i];
                    else in[a++] = perm[i];
                }
                fit[f] = full.subset(in);
                test[f] = full.subset(out);
            }
        } else {
            int held = Math.min(MAX_ROWS, n * HOLDOUT_PERCENT / 100);
            int rest = Math.min(MAX_ROWS, n - held);
            int[] out = java.util.Arrays.copyOfRange(perm, 0, held);
            int[] in = java.util.Arrays.copyOfRange(perm, held, held + rest);
            fit = new Columns[] {full.subset(in)};
            test = new Columns[] {full.subset(out)};
        }
        double ws = 0;
        int m = 0;
        for (Columns t : test) {
            for (int i = 0; i < t.rows(); i++) ws += t.w() == null ? 1 : t.w()[i];
            m += t.rows();
        }
        wsum0 = ws / m;
    }

    /** The validation loss of {@code e} (+∞ when a prediction is not finite). */
    Score score(Expr e) {
        return score(e, true);
    }

    /**
     * The validation loss of {@code e}; without {@code refit} its constants stay as found on all
     * rows (optimistic: what a finish that ran out of time reports).
     */
    Score score(Expr e, boolean refit) {
        if (oscillationRows != null && (undersampled(e) || flatArgument(e, evaluator, oscillationRows)))
            return new Score(Double.POSITIVE_INFINITY, null);
        int total = 0;
        for (Columns t : test) total += t.rows();
        double[] rows = new double[total];
        double sum = 0, wsum = 0;
        int m = 0;
        for (int f = 0; f < fit.length; f++) {
            Expr fitted = e;
            if (refit && e.constantCount() > 0) {
                Expr refitted = e.withConstants(fitter.fit(e, fit[f], false).constants());
                Program p0 = Program.compile(e), p1 = Program.compile(refitted);
                if (evaluator.loss(p1, fit[f], loss) <= evaluator.loss(p0, fit[f], loss)) fitted = refitted;
            }
            Columns t = test[f];
            double[] pred = evaluator.predict(Program.compile(fitted), t);
            for (int i = 0; i < t.rows(); i++) {
                double l = loss.elementwise(pred[i], t.y()[i]);
                if (!Double.isFinite(l)) return new Score(Double.POSITIVE_INFINITY, null);
                double w = t.w() == null ? 1 : t.w()[i];
                sum += w * l;
                wsum += w;
                rows[m++] = w * l / wsum0;
            }
        }
        return new Score(sum / wsum, rows);
    }

    /**
     * Whether a sine or cosine of {@code e} oscillates faster than the rows can follow. Its
     * argument, sorted over the rows, is undersampled when (1) the gap between neighbours at the
     * median exceeds a quarter period (π/2): fewer than about four samples per period (Nyquist needs
     * two), so that the curve between rows is unconstrained; or (2) gaps above a quarter period
     * cover more than half of the argument's range: a chirp such as {@code sin(2e14/x²)}, slow on
     * most rows and fast on a few, which the median misses; or (3) the argument's magnitude exceeds
     * {@value #PHASE_RATIO} times its range over the rows: a phase such as
     * {@code cos(√t + 2.1e13)} fixed only by the last digits of a constant.
     */
    boolean undersampled(Expr e) {
        if (e.isLeaf()) return false;
        for (int i = 0; i < e.arity(); i++) if (undersampled(e.arg(i))) return true;
        Op.Kind k = e.op().kind();
        if ((k != Op.Kind.SIN && k != Op.Kind.COS) || oscillationRows.rows() < 4) return false;
        double[] arg = evaluator.predict(Program.compile(e.arg(0)), oscillationRows).clone();
        java.util.Arrays.sort(arg);
        double[] gaps = new double[arg.length - 1];
        double wide = 0;
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = arg[i + 1] - arg[i];
            if (gaps[i] > Math.PI / 2) wide += gaps[i];
        }
        double range = arg[arg.length - 1] - arg[0];
        double magnitude = Math.max(Math.abs(arg[0]), Math.abs(arg[arg.length - 1]));
        java.util.Arrays.sort(gaps);
        double median = gaps[gaps.length / 2];
        // NaN (a non-finite argument) counts as undersampled.
        return !(median <= Math.PI / 2) || !(wide <= range / 2) || !(magnitude <= PHASE_RATIO * range + PHASE_FLOOR);
    }

    /**
     * Whether a sine or cosine in {@code e} has an argument that moves by less than {@value #MIN_ARGUMENT_RANGE} rad
     * over {@code rows} (an argument without variables is a constant and does not count). Over so small a range the
     * function is its Taylor polynomial: {@code 9495·√(2 − cos(1.5e-4·Δx) − cos(1.5e-4·Δy))} is the distance
     * {@code √(Δx² + Δy²)} to 1e-16 (I.8.14), and the search settles on such forms instead of the law. Not finite
     * arguments are left to the loss.
     */
    static boolean flatArgument(Expr e, Evaluator evaluator, Columns rows) {
        if (e.isLeaf()) return false;
        for (int i = 0; i < e.arity(); i++) if (flatArgument(e.arg(i), evaluator, rows)) return true;
        Op.Kind k = e.op().kind();
        if ((k != Op.Kind.SIN && k != Op.Kind.COS) || e.arg(0).isConstantTree() || rows.rows() < 2) return false;
        double[] arg = evaluator.predict(Program.compile(e.arg(0)), rows);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double a : arg) {
            if (!Double.isFinite(a)) return false;
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return hi - lo < MIN_ARGUMENT_RANGE;
    }

    /**
     * Whether {@code e} has a pole between its rows: a quotient (a reciprocal, a tangent as {@code sin/cos}) whose
     * denominator changes sign between two rows, where the equation is unbounded. For the rows closest to zero on
     * either side of the denominator (up to {@value #POLE_PAIRS} each), the zero on the segment between each such pair
     * is found by bisection; it is a pole when, next to the zero, the equation is not finite or exceeds
     * {@value #POLE_RATIO} times its largest magnitude over the rows (the whole equation, not the quotient: the pole of
     * the {@code y/z} in {@code y·z/(y/z)}, that is {@code z²}, cancels). On the data's own inputs, not the search's
     * columns: between two rows a candidate feature such as {@code y/z} is no straight line
     * ({@link Search#hasPoleBetweenRows}). Such an equation is infinite between rows though finite at every row: {@code 0.00036/sin √a} fits Saturn's residual of the eight planets (a = 9.54, next to the pole
     * at a = π² ≈ 9.87) and {@code a^1.5·(a − 8.8745)/(8.875 − a)} (a zero next to the pole) Jupiter's and Saturn's;
     * each was chosen over {@code c·a^1.5} on one run of issue 13's Kepler check. A removable singularity
     * ({@code sin x/x}, {@code (x² − 1)/(x − 1)}) stays bounded and does not count; nor does a denominator without
     * variables. A law whose pole lies inside the data's range (a resonance sampled on both sides) is refused too: the
     * selection then picks among the other equations.
     */
    static boolean hiddenPole(Expr e, Evaluator evaluator, Columns rows) {
        if (rows.rows() < 2) return false;
        Program whole = Program.compile(e);
        double scale = Double.MIN_NORMAL;
        for (double v : evaluator.predict(whole, rows)) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        return hiddenPole(e, whole, scale, evaluator, rows);
    }

    /** {@link #hiddenPole(Expr, Evaluator, Columns)} at the quotients of {@code e}, a part of {@code whole}. */
    private static boolean hiddenPole(Expr e, Program whole, double scale, Evaluator evaluator, Columns rows) {
        if (e.isLeaf()) return false;
        for (int i = 0; i < e.arity(); i++) if (hiddenPole(e.arg(i), whole, scale, evaluator, rows)) return true;
        Expr denominator = switch (e.op().kind()) {
            case DIV -> e.arg(1);
            case INV -> e.arg(0);
            case TAN -> Expr.of(Op.COS, e.arg(0));
            default -> null;
        };
        if (denominator == null || denominator.isConstantTree()) return false;
        Program den = Program.compile(denominator);
        double[] d = evaluator.predict(den, rows).clone();
        int[] pos = closestToZero(d, true), neg = closestToZero(d, false);
        if (pos.length == 0 || neg.length == 0) return false;
        int m = pos.length * neg.length, p = rows.features();
        int[] from = new int[m], to = new int[m];
        for (int i = 0, k = 0; i < pos.length; i++) for (int j = 0; j < neg.length; j++, k++) { from[k] = pos[i]; to[k] = neg[j]; }
        double[] lo = new double[m], hi = new double[m];   // lo: the positive end (t = 0), hi: the negative end (t = 1)
        java.util.Arrays.fill(hi, 1);
        double[][] at = new double[p][m];
        for (int step = 0; step < BISECTIONS; step++) {
            double[] mid = new double[m];
            for (int k = 0; k < m; k++) mid[k] = 0.5 * (lo[k] + hi[k]);
            double[] dm = evaluator.predict(den, segmentPoints(rows, from, to, mid, at));
            for (int k = 0; k < m; k++) {
                if (dm[k] > 0) lo[k] = mid[k];
                else if (dm[k] < 0) hi[k] = mid[k];
                else { lo[k] = mid[k]; hi[k] = mid[k]; }   // an exact zero or NaN: look there
            }
        }
        for (double[] t : new double[][] {lo, hi}) {
            for (double q : evaluator.predict(whole, segmentPoints(rows, from, to, t, at)))
                if (Double.isInfinite(q) || Math.abs(q) > POLE_RATIO * scale) return true;   // NaN (0/0): removable
        }
        return false;
    }

    /** Rows of {@link #hiddenPole}'s search per side of the denominator's zero. */
    static final int POLE_PAIRS = 4;
    /** Bisection steps of {@link #hiddenPole}: the zero to 2⁻⁶⁰ of the segment. */
    static final int BISECTIONS = 60;
    /** An equation this many times its largest magnitude over the rows, next to a zero of a denominator, has a pole. */
    static final double POLE_RATIO = 1e6;

    /** The rows (up to {@link #POLE_PAIRS}) whose finite values are positive ({@code positive}) or negative, nearest 0 first. */
    private static int[] closestToZero(double[] d, boolean positive) {
        return java.util.stream.IntStream.range(0, d.length)
                .filter(i -> Double.isFinite(d[i]) && (positive ? d[i] > 0 : d[i] < 0))
                .boxed().sorted(java.util.Comparator.comparingDouble(i -> Math.abs(d[i])))
                .limit(POLE_PAIRS).mapToInt(Integer::intValue).toArray();
    }

    /** The points {@code x[from[k]] + t[k]·(x[to[k]] − x[from[k]])} as columns (written into {@code at}). */
    private static Columns segmentPoints(Columns rows, int[] from, int[] to, double[] t, double[][] at) {
        for (int v = 0; v < at.length; v++) {
            double[] c = rows.x()[v];
            for (int k = 0; k < t.length; k++) at[v][k] = c[from[k]] + t[k] * (c[to[k]] - c[from[k]]);
        }
        return new Columns(at, null, null, t.length);
    }

    /** The least range of a sine's or cosine's argument over the rows, in radians ({@link #flatArgument}). */
    static final double MIN_ARGUMENT_RANGE = 0.1;

    /** An argument larger than this times its range over the rows (plus {@link #PHASE_FLOOR}) is ill-conditioned. */
    static final double PHASE_RATIO = 1e6;
    /** Arguments up to this magnitude are never ill-conditioned (a constant phase such as cos(c) with c below it). */
    static final double PHASE_FLOOR = 1e3;
}
