package org.distill.symbolic.search;

import java.util.ArrayList;
import java.util.List;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * The linear-combination step (uDSR's linear token): an expression's top-level sum
 * {@code t1 ± t2 ± ... ± tk} is read as a list of basis terms, each stripped of its constant
 * factors ({@code 2.5·x·y → x·y}), and the target is fitted by weighted least squares as
 * {@code β0 + β1·t1 + ... + βk·tk}. The search then only has to find the terms: {@code x1·y1 +
 * x2·y2 + x3·y3} needs no constant, and a sum with unknown coefficients gets them exactly.
 * With one term this is linear scaling.
 *
 * <p>The least squares solve the centred normal equations by a Cholesky factorisation that drops
 * a term whose column is (numerically) a combination of the earlier ones (its coefficient is 0).
 *
 * <p>Not thread-safe (holds buffers); one per island.
 */
final class LinearTerms {
    /** At most this many terms are fitted; a longer sum is fitted as one term (linear scaling). */
    static final int MAX_TERMS = 12;
    /** Pivot threshold, relative to the column's own centred sum of squares. */
    private static final double DEPENDENT = 1e-10;

    private final Evaluator evaluator;
    private double[][] columns = new double[0][];
    private double[] prediction = new double[0];

    LinearTerms(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /**
     * A fitted linear combination: its terms, their coefficients (0 for a dropped term), the
     * intercept and the loss.
     */
    record Fit(List<Expr> terms, double[] coefficients, double intercept, double loss) {
        /**
         * {@code t1·β1 + ... + tk·βk + β0} with the given operators (a coefficient of 1 and an
         * intercept of 0 left out, dropped terms left out), folded by the canonicaliser.
         */
        Expr explicit(Canonicalizer canonicalizer) {
            Op add = canonicalizer.op(Op.Kind.ADD), mul = canonicalizer.op(Op.Kind.MUL);
            Expr out = null;
            for (int i = 0; i < terms.size(); i++) {
                double b = coefficients[i];
                if (b == 0) continue;
                Expr t = b == 1 ? terms.get(i) : Expr.of(mul, terms.get(i), Expr.constant(b));
                out = out == null ? t : Expr.of(add, out, t);
            }
            if (out == null) return Expr.constant(intercept);
            if (intercept != 0) out = Expr.of(add, out, Expr.constant(intercept));
            return canonicalizer.apply(out);
        }
    }

    /**
     * The distinct basis terms of {@code e}'s top-level sum (through +, −, unary minus), each
     * without constant factors or divisors; constant terms are left out (the intercept takes them).
     */
    static List<Expr> terms(Expr e) {
        List<Expr> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        if (e.isConstantTree()) return;
        Op.Kind k = e.isLeaf() || !e.op().isBuiltin() ? null : e.op().kind();
        if (k == Op.Kind.ADD || k == Op.Kind.SUB) {
            collect(e.arg(0), out);
            collect(e.arg(1), out);
            return;
        }
        if (k == Op.Kind.NEG) {
            collect(e.arg(0), out);
            return;
        }
        Expr t = stripFactors(e);
        if (!out.contains(t)) out.add(t);
    }

    /**
     * The term without its constant factors: through products, divisions by a constant and unary
     * minus ({@code 2.5·x·y → x·y}, {@code −x/3 → x}, {@code 2/y → 1/y}); a constant gives null.
     */
    static Expr stripFactors(Expr e) {
        if (e.isConstantTree()) return null;
        if (e.isLeaf() || !e.op().isBuiltin()) return e;
        switch (e.op().kind()) {
            case NEG -> {
                return stripFactors(e.arg(0));
            }
            case MUL -> {
                Expr a = stripFactors(e.arg(0)), b = stripFactors(e.arg(1));
                if (a == null) return b;
                if (b == null) return a;
                return a == e.arg(0) && b == e.arg(1) ? e : Expr.of(e.op(), a, b);
            }
            case DIV -> {
                if (e.arg(1).isConstantTree()) return stripFactors(e.arg(0));
                Expr a = stripFactors(e.arg(0));
                if (a == null) a = Expr.constant(1);
                return a == e.arg(0) ? e : Expr.of(e.op(), a, e.arg(1));
            }
            default -> {
                return e;
            }
        }
    }

    /**
     * The least-squares combination of {@code terms} on {@code rows}, or null when a term is not
     * finite on every row. The loss is the given one, of the least-squares prediction.
     */
    Fit fit(List<Expr> terms, Columns rows, Loss loss) {
        int k = terms.size(), n = rows.rows();
        if (columns.length < k) columns = java.util.Arrays.copyOf(columns, k);
        for (int i = 0; i < k; i++) {
            if (columns[i] == null || columns[i].length < n) columns[i] = new double[n];
            evaluator.predict(Program.compile(terms.get(i)), rows, columns[i]);
        }
        double[] y = rows.y(), w = rows.w();
        double sw = 0, my = 0;
        double[] mean = new double[k];
        for (int r = 0; r < n; r++) {
            double wr = w == null ? 1 : w[r];
            sw += wr;
            my += wr * y[r];
            for (int i = 0; i < k; i++) mean[i] += wr * columns[i][r];
        }
        my /= sw;
        for (int i = 0; i < k; i++) {
            mean[i] /= sw;
            if (!Double.isFinite(mean[i])) return null;
        }
        // Centred normal equations G β = b.
        double[][] g = new double[k][k];
        double[] b = new double[k];
        for (int r = 0; r < n; r++) {
            double wr = w == null ? 1 : w[r];
            double dy = y[r] - my;
            for (int i = 0; i < k; i++) {
                double di = columns[i][r] - mean[i];
                b[i] += wr * di * dy;
                for (int j = 0; j <= i; j++) g[i][j] += wr * di * (columns[j][r] - mean[j]);
            }
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(b[i])) return null;
            for (int j = 0; j <= i; j++) if (!Double.isFinite(g[i][j])) return null;
        }
        double[] beta = solve(g, b);
        double intercept = my;
        for (int i = 0; i < k; i++) intercept -= beta[i] * mean[i];
        if (prediction.length < n) prediction = new double[n];
        for (int r = 0; r < n; r++) {
            double p = intercept;
            for (int i = 0; i < k; i++) if (beta[i] != 0) p += beta[i] * columns[i][r];
            prediction[r] = p;
        }
        double l = loss.value(prediction, y, w, n);
        if (!Double.isFinite(intercept)) return null;
        return new Fit(List.copyOf(terms), beta, intercept, l);
    }

    /**
     * Solves the symmetric positive semi-definite system (lower triangle of {@code g} given) by
     * Cholesky, scaled to a unit diagonal; a pivot below {@value #DEPENDENT} of its diagonal
     * marks a dependent term, whose coefficient is 0.
     */
    static double[] solve(double[][] g, double[] b) {
        int k = b.length;
        double[] s = new double[k];
        for (int i = 0; i < k; i++) s[i] = g[i][i] > 0 ? 1 / Math.sqrt(g[i][i]) : 0;
        double[][] l = new double[k][k];
        boolean[] dropped = new boolean[k];
        for (int i = 0; i < k; i++) {
            if (s[i] == 0) {
                dropped[i] = true;
                continue;
            }
            for (int j = 0; j <= i; j++) {
                if (dropped[j]) continue;
                double v = g[i][j] * s[i] * s[j];
                for (int m = 0; m < j; m++) v -= l[i][m] * l[j][m];
                if (j < i) {
                    l[i][j] = v / l[j][j];
                } else if (v > DEPENDENT) {
                    l[i][i] = Math.sqrt(v);
                } else {
                    dropped[i] = true;
                    java.util.Arrays.fill(l[i], 0);
                }
            }
        }
        // Forward and back substitution on the kept terms (scaled: z = β / s).
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
            if (dropped[i]) continue;
            double v = b[i] * s[i];
            for (int m = 0; m < i; m++) v -= l[i][m] * z[m];
            z[i] = v / l[i][i];
        }
        double[] beta = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            if (dropped[i]) continue;
            double v = z[i];
            for (int m = i + 1; m < k; m++) v -= l[m][i] * beta[m];
            beta[i] = v / l[i][i];
        }
        for (int i = 0; i < k; i++) beta[i] = dropped[i] ? 0 : beta[i] * s[i];
        return beta;
    }
}
