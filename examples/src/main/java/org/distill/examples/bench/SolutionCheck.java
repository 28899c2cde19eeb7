package org.distill.examples.bench;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import org.distill.symbolic.algebra.ClosedForms;
import org.distill.symbolic.algebra.Relation;
import org.distill.symbolic.algebra.SymbolicEquality;
import org.distill.symbolic.expr.Expr;

/**
 * Decides SRBench's "symbolic solution": a model is exact when it equals the true formula up to an
 * additive or a multiplicative constant, decided by Symja ({@link SymbolicEquality#relation}), after its
 * constants are snapped to short closed forms (rationals, multiples of π, ...) where that keeps its
 * fit. A cheap numeric screen on the test points comes first, so that Symja only sees models whose
 * difference or ratio to the truth is already nearly constant; the screen can only say no. Then the
 * model and the truth are compared in 50-digit arithmetic on up to 16 test points
 * ({@link SymbolicEquality#numericRelation}): a model that this refutes is not exact, and Symja is not
 * asked (an identity holds at every point; Symja's polynomial GCD can run for hours on near-identities).
 * When Symja cannot show the relation of a model that the numbers do not refute (half-angle identities
 * such as I.30.3's), a difference or ratio constant to 1e-12 at those points counts as exact.
 */
public final class SolutionCheck {
    /** Relative tolerances tried when snapping constants, tightest first. */
    private static final double[] SNAP_TOLERANCES = {1e-6, 1e-4, 1e-3};
    /** The numeric screen's tolerance: relative spread of the difference or ratio. */
    private static final double SCREEN = 1e-3;
    /** Constants smaller than this in magnitude are tried as zero (the fit check still decides). */
    private static final double TINY = 1e-9;

    private final Expr truth;
    private final int variables;
    private final boolean nonNegative;
    private final double[][] rows;
    private final double[] truthValues;
    private final Duration timeout;

    /**
     * @param truth       the true formula
     * @param variables   number of variables
     * @param nonNegative whether every variable is {@code >= 0} (lets Symja expand {@code Sqrt(x^2)})
     * @param testRows    points {@code [row][variable]} for the numeric screen and the fit check
     * @param timeout     Symja's budget per model
     */
    public SolutionCheck(Expr truth, int variables, boolean nonNegative, double[][] testRows, Duration timeout) {
        this.truth = Objects.requireNonNull(truth, "truth");
        this.variables = variables;
        this.nonNegative = nonNegative;
        this.rows = testRows.clone();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.truthValues = new double[rows.length];
        for (int i = 0; i < rows.length; i++) truthValues[i] = truth.evaluate(rows[i]);
    }

    /** The check for one Feynman problem on its test points. */
    public static SolutionCheck of(FeynmanProblem p, FeynmanProblem.Samples s, Duration timeout) {
        return new SolutionCheck(p.truth(), p.variables().size(), p.nonNegative(), s.testRows(), timeout);
    }

    /**
     * The verdict on one model.
     *
     * @param relation how the (snapped) model relates to the truth; {@link Relation#NONE} if not exact
     * @param model    the model as checked (constants snapped where that kept the fit)
     */
    public record Verdict(Relation relation, Expr model) {
        public boolean exact() { return relation != Relation.NONE; }
    }

    /** Checks {@code model}; never throws on a bad model (NaN, wrong shape: not exact). */
    public Verdict check(Expr model) {
        Objects.requireNonNull(model, "model");
        if (model.maxVariable() >= variables) return new Verdict(Relation.NONE, model);
        Expr best = model;
        double base = misfit(model);
        // Snap constants, loosest tolerance that keeps the fit (a wrong snap makes the misfit jump).
        for (double tol : SNAP_TOLERANCES) {
            Expr snapped = snap(model, tol);
            if (snapped.equals(best)) continue;
            double m = misfit(snapped);
            if (m <= base * (1 + 1e-3) + 1e-12) best = snapped;
        }
        if (!screen(best)) return new Verdict(Relation.NONE, best);
        // 50-digit arithmetic on the test points first: a model it refutes is no identity, and Symja is
        // not asked (on near-identities its polynomial GCD can run for hours, ignoring the timeout).
        java.util.Optional<Relation> numeric = SymbolicEquality.numericVerdict(best, truth, rows);
        if (numeric.equals(java.util.Optional.of(Relation.NONE))) return new Verdict(Relation.NONE, best);
        Relation r = SymbolicEquality.relation(best, truth, variables, nonNegative, timeout);
        // Identities Symja cannot prove (I.30.3's half-angle form): the same numeric check decides.
        if (r == Relation.NONE) r = numeric.orElse(Relation.NONE);
        return new Verdict(r, best);
    }

    /** Whether {@code model − truth} or {@code model / truth} is nearly constant on the test points. */
    boolean screen(Expr model) {
        int n = rows.length;
        double[] d = new double[n], q = new double[n];
        int nd = 0, nq = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double t = truthValues[i];
            if (!Double.isFinite(t)) continue;
            double m = model.evaluate(rows[i]);
            if (!Double.isFinite(m)) return false;
            scale = Math.max(scale, Math.abs(t));
            d[nd++] = m - t;
            if (Math.abs(t) > 1e-300) q[nq++] = m / t;
        }
        if (nd == 0) return false;
        return nearlyConstant(d, nd, scale) || (nq == nd && nearlyConstant(q, nq, 0));
    }

    private static boolean nearlyConstant(double[] v, int n, double scale) {
        double mean = 0;
        for (int i = 0; i < n; i++) mean += v[i];
        mean /= n;
        double dev = 0;
        for (int i = 0; i < n; i++) dev = Math.max(dev, Math.abs(v[i] - mean));
        double ref = Math.max(Math.abs(mean), scale);
        return ref > 0 ? dev <= SCREEN * ref : dev == 0;
    }

    /**
     * Misfit of a model to the truth up to the best affine map {@code a·m + b} (so that outer
     * constants do not matter): {@code 1 − R²} of that fit, or infinity when the model is not finite.
     */
    double misfit(Expr model) {
        int n = rows.length;
        double sm = 0, st = 0, smm = 0, smt = 0, stt = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            double t = truthValues[i];
            if (!Double.isFinite(t)) continue;
            double m = model.evaluate(rows[i]);
            if (!Double.isFinite(m)) return Double.POSITIVE_INFINITY;
            sm += m; st += t; smm += m * m; smt += m * t; stt += t * t;
            k++;
        }
        if (k == 0) return Double.POSITIVE_INFINITY;
        double vm = smm - sm * sm / k, vt = stt - st * st / k, cmt = smt - sm * st / k;
        if (vt <= 0) return vm <= 0 ? 0 : Double.POSITIVE_INFINITY;
        if (vm <= 0) return 1;
        double r2 = cmt * cmt / (vm * vt);
        return Math.max(0, 1 - r2);
    }

    /** {@code e} with every constant that has a short closed form within {@code tol} replaced by it. */
    static Expr snap(Expr e, double tol) {
        if (e.isConstant()) {
            // round-off left by the search (x - 1.1e-16): a closed form of its own, zero
            if (e.value() != 0 && Math.abs(e.value()) < TINY) return Expr.constant(0);
            OptionalDouble s = ClosedForms.snap(e.value(), tol);
            return s.isPresent() && s.getAsDouble() != e.value() ? Expr.constant(s.getAsDouble()) : e;
        }
        if (e.isVariable()) return e;
        Expr a = snap(e.arg(0), tol);
        if (e.arity() == 1) return a == e.arg(0) ? e : Expr.of(e.op(), a);
        Expr b = snap(e.arg(1), tol);
        return a == e.arg(0) && b == e.arg(1) ? e : Expr.of(e.op(), a, b);
    }
}
