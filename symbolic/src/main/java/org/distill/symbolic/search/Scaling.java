package org.distill.symbolic.search;

import java.util.List;
import java.util.Locale;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.units.Dimension;

/**
 * The scales the search works in: it evolves on {@code x'ᵢ = xᵢ / sᵢ} and {@code y' = y / s_y},
 * and every equation it reports is mapped back, {@code y = s_y · f(x / s)}, with the scales folded
 * into the equation's constants where the structure allows (a product, a quotient, a root, a sum
 * of terms with constants), so that the reported equation has the complexity it would have had if
 * found on the original columns. Scales are purely multiplicative — a power law stays a power law,
 * a sum of same-unit columns stays a plain sum when they share a scale — and are powers of four:
 * multiplying by them, and taking their square roots, is exact in floating point, so an equation
 * mapped back gives the same values (and losses, times {@code s_y²} for the squared error or
 * {@code s_y} for the absolute error) as the scaled one, up to the last bit of a sum of
 * differently scaled terms.
 *
 * <p>{@link Mode#AUTO} scales only the columns whose root-mean-square lies outside
 * [{@value #BAND_LOW}, {@value #BAND_HIGH}] (values like 1e-20 or 1e25); {@link Mode#ALL} scales
 * every column to a root-mean-square within a factor two of 1; {@link Mode#OFF} (the default) none. Columns
 * with the same unit (when the data set has units) share one scale. The target is scaled only
 * with the squared or the absolute error, whose losses scale exactly; inputs are scaled with any
 * loss (the loss does not see them).
 */
public final class Scaling {
    /** Which columns the search rescales: {@code SymbolicRegressor.builder().scale(...)}. */
    public enum Mode {
        /** Only columns of magnitude outside [1e-3, 1e3]. */
        AUTO,
        /** Every column. */
        ALL,
        /** None: the search sees the data as given (the default). */
        OFF;

        /** {@code auto}, {@code all} or {@code off} (any case). */
        public static Mode named(String name) {
            for (Mode m : values()) if (m.name().equalsIgnoreCase(name.strip())) return m;
            throw new IllegalArgumentException("unknown scale mode '" + name + "': expected auto, all or off");
        }

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    /** {@link Mode#AUTO} leaves columns whose root-mean-square is at least this... */
    static final double BAND_LOW = 1e-3;
    /** ...and at most this. */
    static final double BAND_HIGH = 1e3;

    /** {@code x' = x / inputs[i]}. */
    private final double[] inputs;
    /** {@code y' = y / target}. */
    private final double target;
    /** The power of {@link #target} by which losses scale: 2 (mse), 1 (mae), 0 (target not scaled). */
    private final int lossPower;
    private final Canonicalizer canonicalizer;

    private Scaling(double[] inputs, double target, int lossPower, Canonicalizer canonicalizer) {
        this.inputs = inputs;
        this.target = target;
        this.lossPower = lossPower;
        this.canonicalizer = canonicalizer;
    }

    /**
     * The scales for these columns.
     *
     * @param mode          which columns to scale
     * @param data          all rows
     * @param loss          the loss: the target is scaled only for {@link Loss#MSE} and {@link Loss#MAE}
     * @param dimensions    the columns' units (empty when unknown; null entries for unknown columns):
     *                      columns of one unit share a scale
     * @param operators     the search's operators: without ×, nothing is scaled (a scale could not be written)
     * @param canonicalizer folds the scales into constants
     */
    static Scaling of(Mode mode, Columns data, Loss loss, List<Dimension> dimensions, List<Op> operators,
                      Canonicalizer canonicalizer) {
        int n = data.features();
        double[] s = new double[n];
        java.util.Arrays.fill(s, 1);
        boolean multiply = operators.stream().anyMatch(o -> o.kind() == Op.Kind.MUL);
        if (mode == Mode.OFF || !multiply) return new Scaling(s, 1, 0, canonicalizer);
        double[] rms = new double[n];
        for (int i = 0; i < n; i++) rms[i] = rms(data.x()[i], data.rows());
        for (int i = 0; i < n; i++) {
            Dimension d = i < dimensions.size() ? dimensions.get(i) : null;
            // Columns of one unit: the geometric mean of their magnitudes.
            double logSum = 0;
            int count = 0;
            for (int j = 0; j < n; j++) {
                boolean same = j == i || (d != null && j < dimensions.size() && d.equals(dimensions.get(j)));
                if (same && rms[j] > 0 && Double.isFinite(rms[j])) {
                    logSum += Math.log(rms[j]);
                    count++;
                }
            }
            if (count > 0) s[i] = scale(mode, Math.exp(logSum / count));
        }
        int power = loss == Loss.MSE ? 2 : loss == Loss.MAE ? 1 : 0;
        double t = power == 0 ? 1 : scale(mode, rms(data.y(), data.rows()));
        return new Scaling(s, t, power, canonicalizer);
    }

    /** No scaling of {@code features} columns. */
    static Scaling identity(int features, Canonicalizer canonicalizer) {
        double[] s = new double[features];
        java.util.Arrays.fill(s, 1);
        return new Scaling(s, 1, 0, canonicalizer);
    }

    private static double rms(double[] v, int rows) {
        if (v == null) return 0;
        double sum = 0;
        for (int i = 0; i < rows; i++) sum += v[i] * v[i];
        double r = Math.sqrt(sum / rows);
        if (!Double.isFinite(r)) { // overflow of the squares: scale first
            double max = 0;
            for (int i = 0; i < rows; i++) max = Math.max(max, Math.abs(v[i]));
            sum = 0;
            for (int i = 0; i < rows; i++) sum += (v[i] / max) * (v[i] / max);
            r = max * Math.sqrt(sum / rows);
        }
        return r;
    }

    /** The power of four nearest (in log) to {@code magnitude}, or 1 when the mode leaves it alone. */
    private static double scale(Mode mode, double magnitude) {
        if (!(magnitude > 0) || !Double.isFinite(magnitude)) return 1;
        if (mode == Mode.AUTO && magnitude >= BAND_LOW && magnitude <= BAND_HIGH) return 1;
        long k = Math.round(Math.log(magnitude) / Math.log(4));
        k = Math.max(-500, Math.min(500, k)); // 4^±500 = 2^±1000 stays a normal double
        return Math.scalb(1.0, (int) (2 * k));
    }

    /** Whether this scaling changes nothing. */
    boolean isIdentity() {
        if (target != 1) return false;
        for (double s : inputs) if (s != 1) return false;
        return true;
    }

    /** The input scales {@code sᵢ} ({@code x' = x / sᵢ}), a copy. */
    double[] inputScales() { return inputs.clone(); }

    /** The target scale {@code s_y} ({@code y' = y / s_y}). */
    double targetScale() { return target; }

    /** The scaled columns (new arrays; weights shared), or {@code data} itself when nothing is scaled. */
    Columns apply(Columns data) {
        if (isIdentity()) return data;
        double[][] x = new double[data.features()][];
        for (int i = 0; i < x.length; i++) {
            double[] col = data.x()[i];
            if (inputs[i] == 1) {
                x[i] = col;
                continue;
            }
            x[i] = new double[data.rows()];
            for (int r = 0; r < data.rows(); r++) x[i][r] = col[r] / inputs[i];
        }
        double[] y = data.y();
        if (y != null && target != 1) {
            y = new double[data.rows()];
            for (int r = 0; r < data.rows(); r++) y[r] = data.y()[r] / target;
        }
        return new Columns(x, y, data.w(), data.rows());
    }

    /** A loss on the scaled columns in the original units. */
    double lossToOriginal(double scaled) {
        return lossPower == 0 ? scaled : scaled * Math.pow(target, lossPower);
    }

    /** A loss in the original units on the scaled columns. */
    double lossToScaled(double original) {
        return lossPower == 0 ? original : original / Math.pow(target, lossPower);
    }

    /** An equation of the scaled columns written in the original ones: {@code s_y · f(x / s)}. */
    Expr toOriginal(Expr scaled) {
        if (isIdentity()) return scaled;
        double[] factor = new double[inputs.length];
        for (int i = 0; i < factor.length; i++) factor[i] = 1 / inputs[i];
        return rescale(scaled, factor, target);
    }

    /** An equation of the original columns written in the scaled ones: {@code f(x' · s) / s_y}. */
    Expr toScaled(Expr original) {
        if (isIdentity()) return original;
        return rescale(original, inputs, 1 / target);
    }

    /**
     * {@code outer · e(x₀·factor₀, x₁·factor₁, ...)} with the factors folded into constants where
     * the structure allows, canonicalised.
     */
    private Expr rescale(Expr e, double[] factor, double outer) {
        Scaled s = push(e, factor);
        return canonicalizer.apply(times(s.expr, s.factor * outer));
    }

    /** {@code factor · expr}. */
    private record Scaled(Expr expr, double factor) { }

    /** Writes {@code e(x·factor)} as {@code factor' · e'(x)}, moving factors outwards where exact. */
    private Scaled push(Expr e, double[] factor) {
        if (e.isConstant()) return new Scaled(e, 1);
        if (e.isVariable()) return new Scaled(e, factor[e.variable()]);
        Op op = e.op();
        if (!op.isBuiltin()) return concrete(e, factor);
        Scaled a = push(e.arg(0), factor);
        Scaled b = e.arity() == 2 ? push(e.arg(1), factor) : null;
        switch (op.kind()) {
            case MUL: return new Scaled(Expr.of(op, a.expr, b.expr), a.factor * b.factor);
            case DIV: return new Scaled(Expr.of(op, a.expr, b.expr), a.factor / b.factor);
            case INV: return new Scaled(Expr.of(op, a.expr), 1 / a.factor);
            case NEG: return new Scaled(Expr.of(op, a.expr), a.factor);
            case SQUARE: return new Scaled(Expr.of(op, a.expr), a.factor * a.factor);
            case CUBE: return new Scaled(Expr.of(op, a.expr), a.factor * a.factor * a.factor);
            case ABS: return new Scaled(Expr.of(op, a.expr), Math.abs(a.factor));
            case SQRT:
                if (a.factor > 0) return new Scaled(Expr.of(op, a.expr), Math.sqrt(a.factor));
                break;
            case POW:
                if (a.factor > 0 && b.expr.isConstant() && b.factor == 1) {
                    double f = Math.pow(a.factor, b.expr.value());
                    if (f > 0 && Double.isFinite(f)) return new Scaled(Expr.of(op, a.expr, b.expr), f);
                }
                break;
            case ADD, SUB: {
                if (a.factor == b.factor) return new Scaled(Expr.of(op, a.expr, b.expr), a.factor);
                Expr bb = absorb(b.expr, b.factor / a.factor);
                if (bb != null) return new Scaled(Expr.of(op, a.expr, bb), a.factor);
                Expr aa = absorb(a.expr, a.factor / b.factor);
                if (aa != null) return new Scaled(Expr.of(op, aa, b.expr), b.factor);
                return new Scaled(Expr.of(op, a.expr, times(b.expr, b.factor / a.factor)), a.factor);
            }
            default: break;
        }
        // Any other function: its argument in the original units.
        Expr[] args = new Expr[e.arity()];
        args[0] = times(a.expr, a.factor);
        if (b != null) args[1] = times(b.expr, b.factor);
        return new Scaled(Expr.of(op, args), 1);
    }

    private Scaled concrete(Expr e, double[] factor) {
        Expr[] args = new Expr[e.arity()];
        for (int i = 0; i < args.length; i++) {
            Scaled s = push(e.arg(i), factor);
            args[i] = times(s.expr, s.factor);
        }
        return new Scaled(Expr.of(e.op(), args), 1);
    }

    /** {@code k · e}: folded into a constant of {@code e} when possible, else a new product. */
    private Expr times(Expr e, double k) {
        if (k == 1) return e;
        Expr a = absorb(e, k);
        return a != null ? a : Expr.of(canonicalizer.op(Op.Kind.MUL), e, Expr.constant(k));
    }

    /** {@code k · e} with {@code k} folded into constants of {@code e}, or null when there is none to take it. */
    private Expr absorb(Expr e, double k) {
        if (k == 1) return e;
        if (e.isConstant()) return Expr.constant(e.value() * k);
        if (e.isLeaf() || !e.op().isBuiltin()) return null;
        Op op = e.op();
        switch (op.kind()) {
            case MUL: {
                Expr a = absorb(e.arg(1), k);
                if (a != null) return Expr.of(op, e.arg(0), a);
                a = absorb(e.arg(0), k);
                return a == null ? null : Expr.of(op, a, e.arg(1));
            }
            case DIV: {
                Expr a = absorb(e.arg(0), k);
                if (a != null) return Expr.of(op, a, e.arg(1));
                a = absorb(e.arg(1), 1 / k);
                return a == null ? null : Expr.of(op, e.arg(0), a);
            }
            case INV: {
                Expr a = absorb(e.arg(0), 1 / k);
                return a == null ? null : Expr.of(op, a);
            }
            case NEG: {
                Expr a = absorb(e.arg(0), k);
                return a == null ? null : Expr.of(op, a);
            }
            case ADD, SUB: {
                Expr a = absorb(e.arg(0), k);
                Expr b = a == null ? null : absorb(e.arg(1), k);
                return b == null ? null : Expr.of(op, a, b);
            }
            case SQUARE: {
                if (!(k > 0)) return null;
                Expr a = absorb(e.arg(0), Math.sqrt(k));
                return a == null ? null : Expr.of(op, a);
            }
            case SQRT: {
                if (!(k > 0)) return null;
                Expr a = absorb(e.arg(0), k * k);
                return a == null ? null : Expr.of(op, a);
            }
            default: return null;
        }
    }
}
