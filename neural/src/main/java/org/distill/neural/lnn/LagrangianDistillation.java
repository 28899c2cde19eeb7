package org.distill.neural.lnn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.lagrangian.Lagrangian;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.SymbolicRegressor;

/**
 * Compares a learned Lagrangian with the true one and distils it into a formula.
 *
 * <p>Lagrangians are not unique: {@code a·L + b} (and adding a total time derivative) gives the same equations of
 * motion. So the comparison is a least-squares fit {@code L_θ ≈ a·L_true + b} on sample states (its R² says how much
 * of L_θ the true form explains), and the symbolic regression runs on samples of {@code L_θ} itself, with linear
 * scaling, so the formula it finds is read up to scale and offset; its values are then fitted the same way to the
 * true Lagrangian ({@code formR2}).
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
     * What the distillation found.
     *
     * @param truthFit  {@code L_θ ≈ a·L_true + b} on the sample states
     * @param equation  the chosen formula for L_θ (best of the front), or null if none had a finite loss
     * @param variables the formula's variables, {@code q, v} for one degree of freedom ({@code q1.., v1..} otherwise)
     * @param formFit   the formula's values ≈ a·L_true + b; null without a formula
     * @param front     the whole Pareto front
     */
    public record Result(ScaleFit truthFit, Equation equation, List<String> variables, ScaleFit formFit, ParetoFront front) {
        public Result {
            Objects.requireNonNull(truthFit, "truthFit");
            variables = List.copyOf(variables);
        }

        public String formula() { return equation == null ? null : equation.toString(); }

        public String latex() { return equation == null ? null : equation.latex(); }
    }

    /**
     * Samples {@code net}'s Lagrangian at the flat states {@code (q, q̇)} ({@code rows × dof}), compares it with
     * {@code truth} and runs symbolic regression on it for {@code time} with {@code threads} threads and {@code seed}.
     */
    public static Result run(LagrangianNetwork net, Lagrangian truth, double[] q, double[] qd, Duration time, int threads,
                             long seed, ProgressListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(truth, "truth");
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
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) names.add(n == 1 ? "q" : "q" + (i + 1));
        for (int i = 0; i < n; i++) names.add(n == 1 ? "v" : "v" + (i + 1));
        Dataset data = Dataset.ofColumns(columns, learned).withVariables(names).withTarget("L");
        ParetoFront front = SymbolicRegressor.builder().operators(OPERATORS).maxComplexity(20).timeLimit(time)
                .threads(threads).seed(seed).listener(listener).build().fit(data, cancel);
        Equation best = front.isEmpty() ? null : front.best();
        ScaleFit formFit = best == null ? null : ScaleFit.of(exact, best.predict(data));
        return new Result(truthFit, best, names, formFit, front);
    }
}
