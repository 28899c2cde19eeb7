package org.distill.neural.lnn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.lagrangian.Lagrangian;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Expr;

/**
 * Compares a learned Lagrangian with the true one and distils it into a formula.
 *
 * <p>Lagrangians are not unique: {@code a·L + b} gives the same equations of motion, and so does adding a total time
 * derivative {@code dF(q)/dt = ∇F·q̇}. The comparison is therefore a least-squares fit
 * {@code L_θ ≈ a·L_true + Σ c_i q̇_i + b} on sample states ({@link GaugeFit}: scale, the total derivative of a
 * linear {@code F = Σ c_i q_i}, and a constant); its R² says how much of L_θ the true form explains. For one
 * degree of freedom, or a separable network, the search sees L_θ in the gauge where the momentum at rest is zero
 * ({@link #restGauge}); a separable network {@code L = T(q̇) + U(q)} is distilled part by part, each search in its
 * own variables (a search over q and q̇ together found power series of the kinetic term where the search over
 * q̇ alone finds −a·√(1 − q̇²) exactly: docs/LAGRANGIAN-NETWORKS.md), and the formula is their sum. (The plain
 * {@code a·L_true + b} fit is kept beside it: a network is free to learn any {@code c}, and one that does scores near
 * zero there while being the true Lagrangian.) The symbolic regression runs on samples of {@code L_θ} itself, with
 * linear scaling; the formula's values are fitted to the true Lagrangian the same two ways, and its own
 * Euler–Lagrange accelerations ({@link #accelerations}) can be compared with the true ones anywhere, beyond the
 * training states included.
 *
 * <p>The problem and the solver apart: {@link #run} says what data to fit and takes a configured
 * {@link SymbolicRegressor} ({@link #regressor()} gives the default settings to start from); a separable network's
 * two searches each get half of its time limit ({@code regressor.toBuilder().timeLimit(half)}). The sum
 * {@code T + U} has its constant terms folded into one ({@link #sum}).
 */
public final class LagrangianDistillation {
    /** Operators of the search: arithmetic, square and square root (enough for −√(1 − q̇²) + g·q). */
    public static final List<Op> OPERATORS = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQUARE, Op.SQRT);

    private LagrangianDistillation() { }

    /**
     * The fit of {@code y ≈ a·x + b}.
     *
     * @param a  scale
     * @param b  offset
     * @param r2 coefficient of determination of the fit (1 − residual/total sum of squares); NaN if y is constant
     */
    public record ScaleFit(double a, double b, double r2) {
        /** Least squares over the finite pairs of {@code x} and {@code y}. */
        public static ScaleFit of(double[] x, double[] y) {
            if (x.length != y.length) throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
            double sx = 0, sy = 0;
            int n = 0;
            for (int i = 0; i < x.length; i++)
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) { sx += x[i]; sy += y[i]; n++; }
            if (n < 2) return new ScaleFit(Double.NaN, Double.NaN, Double.NaN);
            double mx = sx / n, my = sy / n, sxx = 0, sxy = 0, syy = 0;
            for (int i = 0; i < x.length; i++) {
                if (!(Double.isFinite(x[i]) && Double.isFinite(y[i]))) continue;
                sxx += (x[i] - mx) * (x[i] - mx);
                sxy += (x[i] - mx) * (y[i] - my);
                syy += (y[i] - my) * (y[i] - my);
            }
            double a = sxx > 0 ? sxy / sxx : 0, b = my - a * mx;
            double rss = 0;
            for (int i = 0; i < x.length; i++)
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) rss += Math.pow(y[i] - a * x[i] - b, 2);
            return new ScaleFit(a, b, syy > 0 ? 1 - rss / syy : Double.NaN);
        }
    }

    /**
     * The fit of {@code y ≈ a·x + Σ c_i v_i + b} by least squares (Commons Math's QR-based OLS).
     *
     * @param a  scale of x
     * @param c  coefficients of the velocities (a total time derivative of {@code Σ c_i q_i})
     * @param b  offset
     * @param r2 coefficient of determination; NaN if the fit is not determined (fewer finite rows than unknowns, a
     *           constant y, or collinear columns)
     */
    public record GaugeFit(double a, double[] c, double b, double r2) {
        public GaugeFit { c = c.clone(); }

        @Override public double[] c() { return c.clone(); }

        /** Least squares over the rows where x, y and every velocity are finite; {@code qd} is row-major, rows × n. */
        public static GaugeFit of(double[] x, double[] qd, int n, double[] y) {
            if (x.length != y.length || qd.length != (long) x.length * n)
                throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length + ", qd " + qd.length
                        + " (expected " + x.length + " × " + n + ")");
            java.util.List<Integer> rows = new java.util.ArrayList<>();
            for (int r = 0; r < x.length; r++) {
                boolean finite = Double.isFinite(x[r]) && Double.isFinite(y[r]);
                for (int i = 0; i < n; i++) finite &= Double.isFinite(qd[r * n + i]);
                if (finite) rows.add(r);
            }
            double[] nan = new double[n];
            java.util.Arrays.fill(nan, Double.NaN);
            if (rows.size() < n + 3) return new GaugeFit(Double.NaN, nan, Double.NaN, Double.NaN);
            double[] yy = new double[rows.size()];
            double[][] design = new double[rows.size()][n + 1];
            for (int k = 0; k < rows.size(); k++) {
                int r = rows.get(k);
                yy[k] = y[r];
                design[k][0] = x[r];
                for (int i = 0; i < n; i++) design[k][1 + i] = qd[r * n + i];
            }
            try {
                var ols = new org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression();
                ols.newSampleData(yy, design);
                double[] beta = ols.estimateRegressionParameters();
                return new GaugeFit(beta[1], java.util.Arrays.copyOfRange(beta, 2, 2 + n), beta[0], ols.calculateRSquared());
            } catch (org.apache.commons.math3.linear.SingularMatrixException e) {
                return new GaugeFit(Double.NaN, nan, Double.NaN, Double.NaN);
            }
        }
    }

    /**
     * What the distillation found.
     *
     * @param truthFit  {@code L_θ ≈ a·L_true + b} on the sample states
     * @param gaugeFit  {@code L_θ ≈ a·L_true + Σ c_i q̇_i + b} on them (the comparison that respects the freedom)
     * @param equation  the chosen formula for L_θ (best of the front), or null if none had a finite loss
     * @param variables the formula's variables, {@code q, v} for one degree of freedom ({@code q1.., v1..} otherwise)
     * @param formFit   the formula's values ≈ a·L_true + b; null without a formula
     * @param formGaugeFit the formula's values ≈ a·L_true + Σ c_i q̇_i + b; null without a formula
     * @param front     the whole Pareto front (for a separable network, of its kinetic part T(q̇))
     */
    public record Result(ScaleFit truthFit, GaugeFit gaugeFit, Equation equation, List<String> variables, ScaleFit formFit,
                         GaugeFit formGaugeFit, ParetoFront front) {
        public Result {
            Objects.requireNonNull(truthFit, "truthFit");
            Objects.requireNonNull(gaugeFit, "gaugeFit");
            variables = List.copyOf(variables);
        }

        public String formula() { return equation == null ? null : equation.toString(); }

        public String latex() { return equation == null ? null : equation.latex(); }
    }

    /**
     * The search settings to start from: arithmetic, square and square root ({@link #OPERATORS}), complexity ≤ 20,
     * no candidate features, no linear step (the documented runs were made without either), 60 s, seed 0, all cores;
     * everything else the regressor's defaults.
     */
    public static SymbolicRegressor.Builder regressor() {
        return SymbolicRegressor.builder().operators(OPERATORS).features(false).linear(false).maxComplexity(20)
                .timeLimit(Duration.ofSeconds(60));
    }

    /**
     * Samples {@code net}'s Lagrangian at the flat states {@code (q, q̇)} ({@code rows × dof}), compares it with
     * {@code truth} and runs {@code regressor} on it (a separable network: on each part, with half the time limit each);
     * the search stops early, keeping its front, when {@code cancel} becomes true.
     */
    public static Result run(LagrangianNetwork net, Lagrangian truth, double[] q, double[] qd, SymbolicRegressor regressor,
                             AtomicBoolean cancel) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(regressor, "regressor");
        Objects.requireNonNull(cancel, "cancel");
        int n = net.dof(), rows = q.length / n;
        if (truth.dof() != n) throw new IllegalArgumentException("truth has " + truth.dof() + " degrees of freedom, the network " + n);
        double[] learned = net.lagrangian(q, qd, rows), exact = new double[rows];
        double[][] columns = new double[2 * n][rows];
        for (int r = 0; r < rows; r++) {
            double[] qi = java.util.Arrays.copyOfRange(q, r * n, r * n + n), vi = java.util.Arrays.copyOfRange(qd, r * n, r * n + n);
            exact[r] = truth.value(qi, vi);
            for (int i = 0; i < n; i++) {
                columns[i][r] = qi[i];
                columns[n + i][r] = vi[i];
            }
        }
        ScaleFit truthFit = ScaleFit.of(exact, learned);
        GaugeFit gaugeFit = GaugeFit.of(exact, qd, n, learned);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) names.add(n == 1 ? "q" : "q" + (i + 1));
        for (int i = 0; i < n; i++) names.add(n == 1 ? "v" : "v" + (i + 1));
        Dataset data = Dataset.ofColumns(columns, restGauge(net, q, qd, learned)).withVariables(names).withTarget("L");
        ParetoFront front;
        Equation best;
        if (net.separable()) {
            // L = T(q̇) + U(q): distil each part in its own variables, half the time each, and add the formulas
            double[] zeros = new double[q.length];
            double[] kinetic = restGauge(net, zeros, qd, net.lagrangian(zeros, qd, rows));
            double[] potential = net.lagrangian(q, zeros, rows);
            Duration time = regressor.options().timeLimit();
            SymbolicRegressor half = time == null ? regressor : regressor.toBuilder().timeLimit(time.dividedBy(2)).build();
            ParetoFront t = search(part(columns, n, n), kinetic, names.subList(n, 2 * n), "T", half, cancel);
            if (cancel.get()) half = regressor.toBuilder().timeLimit(Duration.ofMillis(1)).build();
            ParetoFront u = search(part(columns, 0, n), potential, names.subList(0, n), "U", half, cancel);
            front = t;
            best = t.isEmpty() || u.isEmpty() ? null : sum(t.best(), u.best(), n, names, data);
        } else {
            front = search(columns, data.y(), names, "L", regressor, cancel);
            best = front.isEmpty() ? null : front.best();
        }
        double[] formula = best == null ? null : best.predict(data);
        ScaleFit formFit = best == null ? null : ScaleFit.of(exact, formula);
        GaugeFit formGaugeFit = best == null ? null : GaugeFit.of(exact, qd, n, formula);
        return new Result(truthFit, gaugeFit, best, names, formFit, formGaugeFit, front);
    }

    private static ParetoFront search(double[][] columns, double[] y, List<String> names, String target,
                                      SymbolicRegressor regressor, AtomicBoolean cancel) {
        return regressor.fit(Dataset.ofColumns(columns, y).withVariables(names).withTarget(target), cancel);
    }

    private static double[][] part(double[][] columns, int from, int n) {
        return java.util.Arrays.copyOfRange(columns, from, from + n);
    }

    /**
     * {@code T(q̇) + U(q)} as one formula in {@code (q, q̇)}, the constant terms of the sum folded into one
     * ({@link #foldConstants}), its loss the mean squared error against {@code data}.
     */
    static Equation sum(Equation kinetic, Equation potential, int n, List<String> names, Dataset data) {
        int[] toVelocity = new int[n], toPosition = new int[n];
        for (int i = 0; i < n; i++) { toVelocity[i] = n + i; toPosition[i] = i; }
        Expr e = foldConstants(Expr.of(Op.ADD, renumber(kinetic.expression(), toVelocity),
                renumber(potential.expression(), toPosition)));
        Equation joined = new Equation(e, names, 0, 0);
        double[] p = joined.predict(data), y = data.y();
        double sse = 0;
        for (int r = 0; r < y.length; r++) sse += (p[r] - y[r]) * (p[r] - y[r]);
        double mse = sse / y.length;
        return new Equation(e, names, Double.isFinite(mse) ? mse : Double.MAX_VALUE, 0);
    }

    /**
     * {@code e} with the constant terms of its top-level sum added into one: {@code e} read as {@code ±t₁ ± t₂ ± …}
     * through its {@code +} and {@code −} nodes, the terms that are constants (or constant subtrees) are summed and
     * the sum is written once, last ({@code … + 1978.61 + 134.64·q + 1843.90} becomes {@code … + 134.64·q + 3822.51}).
     * The other terms keep their order and form; with fewer than two constant terms {@code e} is returned as it is.
     */
    static Expr foldConstants(Expr e) {
        List<Expr> terms = new java.util.ArrayList<>();
        List<Boolean> negative = new java.util.ArrayList<>();
        flatten(e, false, terms, negative);
        double constant = 0;
        int constants = 0;
        List<Expr> kept = new java.util.ArrayList<>();
        List<Boolean> keptNegative = new java.util.ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            Expr t = terms.get(k);
            if (t.isConstantTree()) {
                double v = t.evaluate(new double[Math.max(0, t.maxVariable() + 1)]);
                constant += negative.get(k) ? -v : v;
                constants++;
            } else {
                kept.add(t);
                keptNegative.add(negative.get(k));
            }
        }
        if (constants < 2 || !Double.isFinite(constant)) return e;
        Expr out = null;
        int first = keptNegative.indexOf(false);
        if (first >= 0) {                                    // start from the first added term, then the rest in order
            out = kept.get(first);
            for (int k = 0; k < kept.size(); k++)
                if (k != first) out = Expr.of(keptNegative.get(k) ? Op.SUB : Op.ADD, out, kept.get(k));
            if (constant != 0) out = Expr.of(constant < 0 ? Op.SUB : Op.ADD, out, Expr.constant(Math.abs(constant)));
            return out;
        }
        out = Expr.constant(constant);                        // every term subtracted: c − t₁ − t₂ …
        for (Expr t : kept) out = Expr.of(Op.SUB, out, t);
        return out;
    }

    private static void flatten(Expr e, boolean negative, List<Expr> terms, List<Boolean> signs) {
        if (Op.ADD.equals(e.op()) || Op.SUB.equals(e.op())) {
            flatten(e.arg(0), negative, terms, signs);
            flatten(e.arg(1), Op.SUB.equals(e.op()) ? !negative : negative, terms, signs);
        } else {
            terms.add(e);
            signs.add(negative);
        }
    }

    private static Expr renumber(Expr e, int[] map) {
        if (e.isVariable()) return Expr.variable(map[e.variable()]);
        if (e.isLeaf()) return e;
        Expr[] args = new Expr[e.arity()];
        for (int i = 0; i < args.length; i++) args[i] = renumber(e.arg(i), map);
        return Expr.of(e.op(), args);
    }

    /**
     * {@code L_θ} in the gauge where the momentum at rest vanishes, {@code L_θ(q, q̇) − Σ_i q̇_i·∂L_θ/∂q̇_i(q, 0)}, with
     * the derivative by central differences (step 1e-4). For one degree of freedom the subtracted term is the total
     * derivative of {@code F(q) = ∫ ∂L_θ/∂q̇(q, 0) dq}, so the equations of motion are unchanged and no knowledge of
     * the true Lagrangian is used; the search then need not spend complexity on a term linear in q̇. For more degrees
     * of freedom it is a total derivative only when that field is a gradient — true of a separable network, whose
     * momentum at rest is a constant vector — so other networks' values are left as they are.
     */
    static double[] restGauge(LagrangianNetwork net, double[] q, double[] qd, double[] learned) {
        int n = net.dof(), rows = learned.length;
        if (n != 1 && !net.separable()) return learned;
        double h = 1e-4;
        double[] out = learned.clone();
        for (int i = 0; i < n; i++) {
            double[] plus = new double[rows * n], minus = new double[rows * n];
            for (int r = 0; r < rows; r++) { plus[r * n + i] = h; minus[r * n + i] = -h; }
            double[] up = net.lagrangian(q, plus, rows), down = net.lagrangian(q, minus, rows);
            for (int r = 0; r < rows; r++) out[r] -= qd[r * n + i] * (up[r] - down[r]) / (2 * h);
        }
        return out;
    }

    /**
     * The Euler–Lagrange accelerations of {@code formula} read as a Lagrangian in {@code (q, q̇)} (variables
     * {@code q1..qn, v1..vn} in that order), at the flat states {@code (q, q̇)} ({@code rows × n}), with its
     * derivatives by central differences (step 1e-4; four-point for the second derivatives): NaN where the formula
     * is not finite nearby or its velocity Hessian is singular.
     */
    public static double[] accelerations(Equation formula, int n, double[] q, double[] qd) {
        Objects.requireNonNull(formula, "formula");
        if (formula.variables().size() != 2 * n)
            throw new IllegalArgumentException("formula has " + formula.variables().size() + " variables, expected " + 2 * n);
        if (q.length != qd.length || q.length % n != 0)
            throw new IllegalArgumentException("q has " + q.length + " values, qd " + qd.length + "; expected equal multiples of " + n);
        Lagrangian l = new Lagrangian() {
            @Override public int dof() { return n; }
            @Override public double value(double[] qi, double[] vi) {   // one point: no batch evaluator to compile
                double[] x = new double[2 * n];
                System.arraycopy(qi, 0, x, 0, n);
                System.arraycopy(vi, 0, x, n, n);
                return formula.expression().evaluate(x);
            }
            @Override public org.distill.physics.lagrangian.Derivatives derivatives(double[] qi, double[] vi) {
                return org.distill.physics.lagrangian.FiniteDifferences.derivatives(this, qi, vi, 1e-4);
            }
        };
        int rows = q.length / n;
        double[] out = new double[q.length];
        for (int r = 0; r < rows; r++) {
            double[] qi = java.util.Arrays.copyOfRange(q, r * n, r * n + n), vi = java.util.Arrays.copyOfRange(qd, r * n, r * n + n);
            double[] a;
            try {
                a = org.distill.physics.lagrangian.EulerLagrange.acceleration(l, qi, vi);
            } catch (RuntimeException e) {
                a = new double[n];
                java.util.Arrays.fill(a, Double.NaN);
            }
            System.arraycopy(a, 0, out, r * n, n);
        }
        return out;
    }
}
