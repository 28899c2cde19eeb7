package org.distill.symbolic.eval;

import org.distill.symbolic.expr.Op;

/**
 * Evaluates compiled {@link Program}s column-wise over batches of rows, with one reusable buffer
 * per stack slot: no boxing, no per-row objects, no allocation once warm.
 *
 * <p>Not thread-safe: use one evaluator per thread. NaN or infinite predictions make
 * {@link #loss} return {@code +∞}.
 */
public final class Evaluator {
    /**
     * Rows per batch: small enough for the stack buffers to stay in L1/L2 cache (4 KiB a slot).
     * 512 measured about 5% faster than 256 on arithmetic trees (docs/BENCHMARKS.md).
     */
    public static final int BATCH = 512;

    private double[][] stack = new double[8][BATCH];
    private double[] prediction = new double[0];
    // Forward-mode buffers.
    private double[] val = new double[8];
    private double[][] der = new double[8][0];
    private long[] masks = new long[8];
    private final double[] partials = new double[3];

    /** Predictions for all rows of {@code data}, written to {@code out[0..rows)}. */
    public void predict(Program p, Columns data, double[] out) {
        ensureStack(p.maxStack());
        int n = data.rows();
        for (int off = 0; off < n; off += BATCH) {
            int len = Math.min(BATCH, n - off);
            run(p, data.x(), off, len);
            System.arraycopy(stack[0], 0, out, off, len);
        }
    }

    /** Predictions for all rows in a new array. */
    public double[] predict(Program p, Columns data) {
        double[] out = new double[data.rows()];
        predict(p, data, out);
        return out;
    }

    /** Loss of the program's predictions against {@code data.y()}. */
    public double loss(Program p, Columns data, Loss loss) {
        int n = data.rows();
        if (loss.isMse()) {
            ensureStack(p.maxStack());
            double[] y = data.y(), w = data.w();
            double sum = 0, wsum = 0;
            for (int off = 0; off < n; off += BATCH) {
                int len = Math.min(BATCH, n - off);
                run(p, data.x(), off, len);
                double[] r = stack[0];
                if (w == null) {
                    for (int i = 0; i < len; i++) {
                        double d = r[i] - y[off + i];
                        sum += d * d;
                    }
                } else {
                    for (int i = 0; i < len; i++) {
                        double d = r[i] - y[off + i];
                        sum += w[off + i] * d * d;
                        wsum += w[off + i];
                    }
                }
            }
            double v = sum / (w == null ? n : wsum);
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        }
        double[] pred = predictionBuffer(n);
        predict(p, data, pred);
        return loss.value(pred, data.y(), data.w(), n);
    }

    /**
     * Loss after the best affine rescaling {@code a + b·f} of the program's output {@code f}
     * (weighted least squares, "linear scaling"); {@code ab} receives {a, b}. When the output is
     * constant, b = 0 and a is the weighted mean of y.
     */
    public double scaledLoss(Program p, Columns data, Loss loss, double[] ab) {
        return scaledLoss(p, data, loss, ab, true);
    }

    /**
     * Like {@link #scaledLoss(Program, Columns, Loss, double[])}; without {@code intercept} only the
     * factor {@code b} is fitted ({@code a = 0}).
     */
    public double scaledLoss(Program p, Columns data, Loss loss, double[] ab, boolean intercept) {
        int n = data.rows();
        double[] pred = predictionBuffer(n);
        predict(p, data, pred);
        double[] y = data.y(), w = data.w();
        double sw = 0, sf = 0, sy = 0;
        if (intercept) {
            for (int i = 0; i < n; i++) {
                double wi = w == null ? 1 : w[i];
                sw += wi;
                sf += wi * pred[i];
                sy += wi * y[i];
            }
        } else {
            sw = 1;
        }
        double mf = sf / sw, my = sy / sw;
        if (!Double.isFinite(mf)) {
            ab[0] = Double.NaN;
            ab[1] = Double.NaN;
            return Double.POSITIVE_INFINITY;
        }
        double sff = 0, sfy = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double df = pred[i] - mf;
            sff += wi * df * df;
            sfy += wi * df * (y[i] - my);
        }
        if (!Double.isFinite(sff) || !Double.isFinite(sfy)) {
            ab[0] = Double.NaN;
            ab[1] = Double.NaN;
            return Double.POSITIVE_INFINITY;
        }
        double b = sff > 1e-300 ? sfy / sff : 0;
        double a = my - b * mf;
        ab[0] = a;
        ab[1] = b;
        if (!Double.isFinite(a) || !Double.isFinite(b)) return Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) pred[i] = a + b * pred[i];
        return loss.value(pred, y, w, n);
    }

    private double[] predictionBuffer(int n) {
        if (prediction.length < n) prediction = new double[n];
        return prediction;
    }

    private void ensureStack(int depth) {
        if (stack.length < depth) {
            double[][] s = new double[depth][];
            for (int i = 0; i < depth; i++) s[i] = i < stack.length ? stack[i] : new double[BATCH];
            stack = s;
        }
    }

    /** Runs the program on rows [off, off+len); the result is in stack[0][0..len). */
    private void run(Program p, double[][] x, int off, int len) {
        final int[] code = p.code, operand = p.operand;
        final double[] consts = p.constants;
        final double[][] s = stack;
        int sp = -1;
        for (int pc = 0; pc < code.length; pc++) {
            final int o = operand[pc];
            switch (code[pc]) {
                case Program.VAR -> System.arraycopy(x[o], off, s[++sp], 0, len);
                case Program.CONST -> java.util.Arrays.fill(s[++sp], 0, len, consts[o]);
                case Program.ADD -> { double[] a = s[sp - 1], b = s[sp--]; for (int i = 0; i < len; i++) a[i] += b[i]; }
                case Program.ADD + 1 -> { double[] a = s[sp], c = x[o]; for (int i = 0; i < len; i++) a[i] += c[off + i]; }
                case Program.ADD + 2 -> { double[] a = s[sp]; double c = consts[o]; for (int i = 0; i < len; i++) a[i] += c; }
                case Program.SUB -> { double[] a = s[sp - 1], b = s[sp--]; for (int i = 0; i < len; i++) a[i] -= b[i]; }
                case Program.SUB + 1 -> { double[] a = s[sp], c = x[o]; for (int i = 0; i < len; i++) a[i] -= c[off + i]; }
                case Program.SUB + 2 -> { double[] a = s[sp]; double c = consts[o]; for (int i = 0; i < len; i++) a[i] -= c; }
                case Program.MUL -> { double[] a = s[sp - 1], b = s[sp--]; for (int i = 0; i < len; i++) a[i] *= b[i]; }
                case Program.MUL + 1 -> { double[] a = s[sp], c = x[o]; for (int i = 0; i < len; i++) a[i] *= c[off + i]; }
                case Program.MUL + 2 -> { double[] a = s[sp]; double c = consts[o]; for (int i = 0; i < len; i++) a[i] *= c; }
                case Program.DIV -> { double[] a = s[sp - 1], b = s[sp--]; for (int i = 0; i < len; i++) a[i] /= b[i]; }
                case Program.DIV + 1 -> { double[] a = s[sp], c = x[o]; for (int i = 0; i < len; i++) a[i] /= c[off + i]; }
                case Program.DIV + 2 -> divConst(s[sp], consts[o], len);
                case Program.POW -> { double[] a = s[sp - 1], b = s[sp--]; for (int i = 0; i < len; i++) a[i] = Math.pow(a[i], b[i]); }
                case Program.POW + 1 -> { double[] a = s[sp], c = x[o]; for (int i = 0; i < len; i++) a[i] = Math.pow(a[i], c[off + i]); }
                case Program.POW + 2 -> powConst(s[sp], consts[o], len);
                case Program.USER2 -> {
                    double[] a = s[sp - 1], b = s[sp--];
                    Op op = p.userOps[o];
                    for (int i = 0; i < len; i++) a[i] = op.apply(a[i], b[i]);
                }
                case Program.NEG -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = -a[i]; }
                case Program.SQUARE -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] *= a[i]; }
                case Program.CUBE -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = a[i] * a[i] * a[i]; }
                case Program.SQRT -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.sqrt(a[i]); }
                case Program.EXP -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.exp(a[i]); }
                case Program.LOG -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.log(a[i]); }
                case Program.SIN -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.sin(a[i]); }
                case Program.COS -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.cos(a[i]); }
                case Program.TAN -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.tan(a[i]); }
                case Program.ABS -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.abs(a[i]); }
                case Program.INV -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = 1.0 / a[i]; }
                case Program.ASIN -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.asin(a[i]); }
                case Program.ACOS -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.acos(a[i]); }
                case Program.ATAN -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.atan(a[i]); }
                case Program.SINH -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.sinh(a[i]); }
                case Program.COSH -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.cosh(a[i]); }
                case Program.TANH -> { double[] a = s[sp]; for (int i = 0; i < len; i++) a[i] = Math.tanh(a[i]); }
                case Program.USER1 -> {
                    double[] a = s[sp];
                    Op op = p.userOps[o];
                    for (int i = 0; i < len; i++) a[i] = op.apply(a[i]);
                }
                default -> throw new IllegalStateException("bad instruction " + code[pc]);
            }
        }
    }

    /**
     * a / c. Multiplies by 1/c only when that is exact (c a power of two), so results match
     * {@code Expr.evaluate} bit for bit: x * (1/c) is off by an ulp for most c, which cancellation
     * amplifies, and 1/c overflows for subnormal c.
     */
    private static void divConst(double[] a, double c, int len) {
        long bits = Double.doubleToRawLongBits(c);
        long exponent = (bits >>> 52) & 0x7ff;
        if ((bits & 0xfffffffffffffL) == 0 && exponent != 0 && exponent != 0x7ff) {
            double r = 1.0 / c;
            for (int i = 0; i < len; i++) a[i] *= r;
        } else {
            for (int i = 0; i < len; i++) a[i] /= c;
        }
    }

    private static void powConst(double[] a, double c, int len) {
        if (c == 2) {
            for (int i = 0; i < len; i++) a[i] *= a[i];
        } else if (c == 0.5) {
            // As Math.pow(v, 0.5): +0 for -0, +inf for -inf, NaN below zero.
            for (int i = 0; i < len; i++) {
                double v = a[i];
                a[i] = v >= 0 ? Math.sqrt(v + 0.0) : v == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : Double.NaN;
            }
        } else {
            for (int i = 0; i < len; i++) a[i] = Math.pow(a[i], c);
        }
    }

    /**
     * Forward-mode derivatives of the output with respect to every constant: {@code value[r]} and
     * {@code jac[r][k] = ∂f(row r)/∂c_k} for all rows of {@code data}.
     */
    public void gradient(Program p, Columns data, double[] value, double[][] jac) {
        // Up to 64 constants per pass (one bit each); more constants take more passes.
        int from = 0;
        do {
            gradientBlock(p, data, value, jac, from);
            from += 64;
        } while (from < p.constants.length);
    }

    /**
     * Forward mode for the constants {@code from .. from+63}: each stack slot carries a bit mask of
     * those constants its derivative depends on, so that leaves cost nothing and most nodes touch
     * one or two derivative entries. Entry {@code j} of a derivative row is constant {@code from + j}.
     */
    private void gradientBlock(Program p, Columns data, double[] value, double[][] jac, int from) {
        int k = Math.min(64, p.constants.length - from);
        int depth = p.maxStack();
        if (val.length < depth) val = new double[depth];
        if (der.length < depth || der[0].length < Math.max(k, 1)) der = new double[Math.max(depth, der.length)][Math.max(k, 1)];
        if (masks.length < depth) masks = new long[depth];
        final int[] code = p.code, operand = p.operand;
        final double[] c = p.constants;
        final double[][] x = data.x();
        final double[] v = val;
        final double[][] d = der;
        final long[] mask = masks;
        for (int r = 0; r < data.rows(); r++) {
            int sp = -1;
            for (int pc = 0; pc < code.length; pc++) {
                int o = operand[pc];
                int op = code[pc];
                if (op == Program.VAR) {
                    v[++sp] = x[o][r];
                    mask[sp] = 0;
                    continue;
                }
                if (op == Program.CONST) {
                    v[++sp] = c[o];
                    int j = o - from;
                    mask[sp] = j >= 0 && j < k ? 1L << j : 0;
                    if (mask[sp] != 0) d[sp][j] = 1;
                    continue;
                }
                if (op < Program.NEG) {
                    int base = op - (op - Program.ADD) % 3;
                    int fuse = op - base;
                    double b;
                    double[] db = null;
                    long mb;
                    if (fuse == Program.FUSE_VAR) {
                        b = x[o][r];
                        mb = 0;
                    } else if (fuse == Program.FUSE_CONST) {
                        b = c[o];
                        mb = o - from >= 0 && o - from < k ? 1L << (o - from) : 0;
                    } else {
                        b = v[sp];
                        db = d[sp];
                        mb = mask[sp];
                        sp--;
                    }
                    double a = v[sp];
                    double[] da = d[sp];
                    long ma = mask[sp];
                    binaryPartials(base, a, b, base == Program.USER2 ? p.userOps[o] : null);
                    double f = partials[0], fa = partials[1], fb = partials[2];
                    long m = ma | mb;
                    for (long bits = m; bits != 0; bits &= bits - 1) {
                        int j = Long.numberOfTrailingZeros(bits);
                        long bit = 1L << j;
                        double t = (ma & bit) != 0 ? fa * da[j] : 0;
                        if ((mb & bit) != 0) t += db == null ? fb : fb * db[j];
                        da[j] = t;
                    }
                    mask[sp] = m;
                    v[sp] = f;
                    continue;
                }
                double a = v[sp];
                unaryPartials(op, a, op == Program.USER1 ? p.userOps[o] : null);
                double f = partials[0], fa = partials[1];
                double[] da = d[sp];
                for (long bits = mask[sp]; bits != 0; bits &= bits - 1) da[Long.numberOfTrailingZeros(bits)] *= fa;
                v[sp] = f;
            }
            value[r] = v[0];
            double[] out = jac[r];
            java.util.Arrays.fill(out, from, from + k, 0);
            for (long bits = mask[0]; bits != 0; bits &= bits - 1) {
                int j = Long.numberOfTrailingZeros(bits);
                out[from + j] = d[0][j];
            }
        }
    }

    /** Value and partial derivatives of a binary instruction: {@code partials = {f, ∂f/∂a, ∂f/∂b}}. */
    private void binaryPartials(int base, double a, double b, Op user) {
        double f, fa, fb;
        switch (base) {
            case Program.ADD -> { f = a + b; fa = 1; fb = 1; }
            case Program.SUB -> { f = a - b; fa = 1; fb = -1; }
            case Program.MUL -> { f = a * b; fa = b; fb = a; }
            case Program.DIV -> { f = a / b; fa = 1 / b; fb = -a / (b * b); }
            case Program.POW -> {
                f = Math.pow(a, b);
                fa = b * Math.pow(a, b - 1);
                fb = f * Math.log(a);
                if (fb != fb) fb = 0; // d/db undefined for a <= 0; keep the chain finite
            }
            default -> {
                f = user.apply(a, b);
                double h = 1e-6 * Math.max(1, Math.abs(a));
                fa = (user.apply(a + h, b) - user.apply(a - h, b)) / (2 * h);
                double hb = 1e-6 * Math.max(1, Math.abs(b));
                fb = (user.apply(a, b + hb) - user.apply(a, b - hb)) / (2 * hb);
            }
        }
        partials[0] = f;
        partials[1] = fa;
        partials[2] = fb;
    }

    /** Value and derivative of a unary instruction: {@code partials = {f, f'}}. */
    private void unaryPartials(int op, double a, Op user) {
        double f, fa;
        switch (op) {
            case Program.NEG -> { f = -a; fa = -1; }
            case Program.SQUARE -> { f = a * a; fa = 2 * a; }
            case Program.CUBE -> { f = a * a * a; fa = 3 * a * a; }
            case Program.SQRT -> { f = Math.sqrt(a); fa = 0.5 / f; }
            case Program.EXP -> { f = Math.exp(a); fa = f; }
            case Program.LOG -> { f = Math.log(a); fa = 1 / a; }
            case Program.SIN -> { f = Math.sin(a); fa = Math.cos(a); }
            case Program.COS -> { f = Math.cos(a); fa = -Math.sin(a); }
            case Program.TAN -> { f = Math.tan(a); fa = 1 + f * f; }
            case Program.ABS -> { f = Math.abs(a); fa = Math.signum(a); }
            case Program.INV -> { f = 1 / a; fa = -f * f; }
            case Program.ASIN -> { f = Math.asin(a); fa = 1 / Math.sqrt(1 - a * a); }
            case Program.ACOS -> { f = Math.acos(a); fa = -1 / Math.sqrt(1 - a * a); }
            case Program.ATAN -> { f = Math.atan(a); fa = 1 / (1 + a * a); }
            case Program.SINH -> { f = Math.sinh(a); fa = Math.cosh(a); }
            case Program.COSH -> { f = Math.cosh(a); fa = Math.sinh(a); }
            case Program.TANH -> { f = Math.tanh(a); fa = 1 - f * f; }
            default -> {
                f = user.apply(a);
                double h = 1e-6 * Math.max(1, Math.abs(a));
                fa = (user.apply(a + h) - user.apply(a - h)) / (2 * h);
            }
        }
        partials[0] = f;
        partials[1] = fa;
    }
}
