package org.distill.symbolic.algebra;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.IReal;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Converts between {@link Expr} and Symja, both ways.
 *
 * <p>Expressions are sent to Symja as text written here (never by a generic printer): variables
 * become {@code v0, v1, ...}, user operators without a Symja template become opaque functions
 * {@code u0(...), u1(...)}, constants become exact integers or fractions (see {@link #number}).
 * Symja's results are read back into expressions built from the allowed operators
 * ({@link #fromSymja}).
 */
final class SymjaConversion {
    private static final Pattern VARIABLE = Pattern.compile("v(\\d{1,9})");
    private static final Pattern OPAQUE = Pattern.compile("u(\\d{1,9})");
    private static final Pattern TEMPLATE_CALL =
            Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\(\\s*\\{0\\}\\s*(,\\s*\\{1\\}\\s*)?\\)");

    private SymjaConversion() {}

    // ------------------------------------------------------------------------------------------
    // Expr -> Symja input.

    /**
     * Writes {@code e} as Symja input. User operators met without a Symja template are appended to
     * {@code userOps} (if not already there) and written as {@code u<index>(...)}, their index in
     * that list; pass the same list to {@link #fromSymja} to map them back.
     */
    static String toSymja(Expr e, List<Op> userOps) {
        StringBuilder sb = new StringBuilder();
        write(e, userOps, sb);
        return sb.toString();
    }

    private static void write(Expr e, List<Op> userOps, StringBuilder sb) {
        if (e.isVariable()) {
            sb.append('v').append(e.variable());
            return;
        }
        if (e.isConstant()) {
            sb.append(number(e.value()));
            return;
        }
        Op op = e.op();
        String a = toSymja(e.arg(0), userOps);
        String b = e.arity() == 2 ? toSymja(e.arg(1), userOps) : null;
        String template = op.symjaTemplate();
        if (op.isBuiltin()) {
            sb.append(fill(template, a, b));
        } else if (template != null) {
            sb.append(fill(template, "(" + a + ")", b == null ? null : "(" + b + ")"));
        } else {
            int index = userOps.indexOf(op);
            if (index < 0) {
                index = userOps.size();
                userOps.add(op);
            }
            sb.append('u').append(index).append('(').append(a);
            if (b != null) sb.append(',').append(b);
            sb.append(')');
        }
    }

    private static String fill(String template, String a, String b) {
        String t = template.replace("{0}", a);
        return b == null ? t : t.replace("{1}", b);
    }

    /**
     * A constant as Symja input: the shortest decimal that reads back to the same double, as an
     * exact integer or reduced fraction ({@code 2.5 -> (5/2)}, {@code 1e-7 -> (1/10000000)}).
     * Never a machine float: Symja's Together/Simplify divides polynomials with inexact
     * coefficients, which fails a JAS assertion under {@code -ea} and can loop for minutes without
     * it. Never exponent notation either ({@code 1.0E-5} reads as {@code E - 5}); negative values
     * are parenthesised ({@code x--0.5} would be a decrement). NaN and infinities become
     * {@code Indeterminate} and {@code Infinity}.
     */
    static String number(double v) {
        if (Double.isNaN(v)) return "Indeterminate";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "(-Infinity)";
        if (v == 0) return "0";
        // p/q·π exactly as ClosedForms.snap computes it (and as 2*pi in a formula evaluates): keep π symbolic,
        // so that Cos(x + Pi/2) simplifies to -Sin(x) and Pi cancels against Pi
        for (int q = 1; q <= 12; q++) {
            long p = Math.round(v * q / Math.PI);
            if (p == 0 || Math.abs(p) > 100) continue;
            if (p * Math.PI / q == v || (q == 1 && p * Math.PI == v)) {
                return v < 0 ? "(-" + Math.abs(p) + "/" + q + "*Pi)" : "(" + p + "/" + q + "*Pi)";
            }
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String s;
        if (shortest.scale() <= 0) {
            s = shortest.toBigIntegerExact().toString();
        } else {
            BigInteger p = shortest.unscaledValue(), q = BigInteger.TEN.pow(shortest.scale());
            BigInteger g = p.gcd(q);
            s = p.divide(g) + "/" + q.divide(g);
        }
        if (v < 0) return "(-" + s + ")";
        return s.contains("/") ? "(" + s + ")" : s;
    }

    // ------------------------------------------------------------------------------------------
    // Symja result -> Expr.

    /**
     * Converts a Symja expression back to an {@link Expr}, preferring operators in {@code allowed};
     * {@code userOps} maps {@code u<i>} back and supplies user operators with Symja templates of
     * the form {@code Name({0})} or {@code Name({0}, {1})}. Variable-free sub-trees are folded to
     * one constant.
     *
     * @return the expression, or null if it contains anything without an operator here (complex
     *     numbers, infinities, unknown functions)
     */
    static Expr fromSymja(IExpr x, Set<Op.Kind> allowed, List<Op> userOps) {
        try {
            return new FromSymja(allowed, userOps).convert(x);
        } catch (Unconvertible | ArithmeticException | ClassCastException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Thrown inside the converter to give up; no stack trace. */
    private static final class Unconvertible extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unconvertible() {
            super(null, null, false, false);
        }
    }

    private static final class FromSymja {
        private final Set<Op.Kind> allowed;
        private final List<Op> userOps;
        private final Map<String, Op> byHead = new HashMap<>();

        FromSymja(Set<Op.Kind> allowed, List<Op> userOps) {
            this.allowed = allowed;
            this.userOps = userOps;
            for (Op op : userOps) {
                String t = op.symjaTemplate();
                if (t == null) continue;
                Matcher m = TEMPLATE_CALL.matcher(t.trim());
                if (m.matches() && (m.group(2) != null) == (op.arity() == 2)) {
                    byHead.put(m.group(1).toLowerCase(Locale.ROOT), op);
                }
            }
        }

        private boolean ok(Op.Kind k) {
            return allowed.contains(k);
        }

        Expr convert(IExpr x) {
            return fold(raw(x));
        }

        private Expr raw(IExpr x) {
            if (x.isNumber()) {
                if (x instanceof IReal r) {
                    double v = r.doubleValue();
                    if (!Double.isFinite(v)) throw new Unconvertible();
                    return Expr.constant(v);
                }
                throw new Unconvertible(); // complex
            }
            if (x.isSymbol()) return symbol((ISymbol) x);
            if (!(x instanceof IAST ast)) throw new Unconvertible();
            IExpr head = ast.head();
            int n = ast.argSize();
            if (head == S.Plus) return plus(ast);
            if (head == S.Times) return times(ast, false);
            if (head == S.Power && n == 2) return power(ast.arg1(), ast.arg2());
            if (head == S.Sqrt && n == 1) return power(ast.arg1(), F.C1D2);
            if (head == S.Exp && n == 1) return power(S.E, ast.arg1());
            if (head.isSymbol()) {
                Op user = userOp((ISymbol) head, n);
                if (user != null) {
                    Expr[] args = new Expr[n];
                    for (int i = 0; i < n; i++) args[i] = convert(ast.get(i + 1));
                    return Expr.of(user, args);
                }
            }
            if (n == 1) {
                Expr a = convert(ast.arg1());
                if (head == S.Log) return Expr.of(Op.LOG, a);
                if (head == S.Sin) return Expr.of(Op.SIN, a);
                if (head == S.Cos) return Expr.of(Op.COS, a);
                if (head == S.Tan) return Expr.of(Op.TAN, a);
                if (head == S.Abs) return Expr.of(Op.ABS, a);
                if (head == S.Sec) return inv(Expr.of(Op.COS, a));
                if (head == S.Csc) return inv(Expr.of(Op.SIN, a));
                if (head == S.Cot) {
                    return ok(Op.Kind.TAN) || !ok(Op.Kind.SIN)
                            ? inv(Expr.of(Op.TAN, a)) : div(Expr.of(Op.COS, a), Expr.of(Op.SIN, a));
                }
                if (head == S.ArcSin) return Expr.of(Op.ASIN, a);
                if (head == S.ArcCos) return Expr.of(Op.ACOS, a);
                if (head == S.ArcTan) return Expr.of(Op.ATAN, a);
                if (head == S.Tanh) return Expr.of(Op.TANH, a);
                if (head == S.Sinh && (ok(Op.Kind.SINH) || !ok(Op.Kind.EXP))) return Expr.of(Op.SINH, a);
                if (head == S.Cosh && (ok(Op.Kind.COSH) || !ok(Op.Kind.EXP))) return Expr.of(Op.COSH, a);
                if ((head == S.Sinh || head == S.Cosh) && ok(Op.Kind.EXP)) {
                    Expr ep = Expr.of(Op.EXP, a), em = Expr.of(Op.EXP, neg(a));
                    Expr s = head == S.Sinh ? sub(ep, em) : Expr.of(Op.ADD, ep, em);
                    return div(s, Expr.constant(2));
                }
            }
            if (head == S.Log && n == 2) { // Log(b, x)
                return div(Expr.of(Op.LOG, convert(ast.arg2())), Expr.of(Op.LOG, convert(ast.arg1())));
            }
            throw new Unconvertible();
        }

        private Expr symbol(ISymbol s) {
            if (s == S.Pi) return Expr.constant(Math.PI);
            if (s == S.E) return Expr.constant(Math.E);
            if (s == S.Degree) return Expr.constant(Math.PI / 180);
            if (s == S.GoldenRatio) return Expr.constant((1 + Math.sqrt(5)) / 2);
            if (s == S.EulerGamma) return Expr.constant(0.5772156649015329);
            if (s == S.Catalan) return Expr.constant(0.915965594177219);
            Matcher m = VARIABLE.matcher(s.getSymbolName());
            if (m.matches()) return Expr.variable(Integer.parseInt(m.group(1)));
            throw new Unconvertible();
        }

        private Op userOp(ISymbol head, int arity) {
            String name = head.getSymbolName();
            Matcher m = OPAQUE.matcher(name);
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1));
                if (i < userOps.size() && userOps.get(i).symjaTemplate() == null && userOps.get(i).arity() == arity) {
                    return userOps.get(i);
                }
                throw new Unconvertible();
            }
            Op op = byHead.get(name.toLowerCase(Locale.ROOT));
            return op != null && op.arity() == arity ? op : null;
        }

        // ---- sums ----

        private static boolean negativeTerm(IExpr t) {
            if (t instanceof IReal r) return r.isNegative();
            if (t.isTimes()) return ((IAST) t).arg1() instanceof IReal r && r.isNegative();
            return false;
        }

        private Expr plus(IAST ast) {
            int n = ast.argSize();
            int lead = 1;
            for (int i = 1; i <= n; i++) {
                if (!negativeTerm(ast.get(i))) {
                    lead = i;
                    break;
                }
            }
            Expr acc = term(ast.get(lead), false);
            for (int i = 1; i <= n; i++) {
                if (i == lead) continue;
                IExpr t = ast.get(i);
                acc = negativeTerm(t) ? sub(acc, term(t, true)) : Expr.of(Op.ADD, acc, term(t, false));
            }
            return acc;
        }

        /** Converts {@code t}, or {@code -t} when {@code negate}. */
        private Expr term(IExpr t, boolean negate) {
            if (!negate) return convert(t);
            if (t instanceof IReal r) return Expr.constant(-r.doubleValue());
            if (t.isTimes()) return fold(times((IAST) t, true));
            return neg(convert(t));
        }

        private static Expr fold(Expr r) {
            if (r.size() > 1 && r.isConstantTree()) {
                double v = r.evaluate(new double[0]);
                if (Double.isFinite(v)) return Expr.constant(v);
            }
            return r;
        }

        // ---- products ----

        private Expr times(IAST ast, boolean negate) {
            int n = ast.argSize();
            List<Expr> num = new ArrayList<>();
            List<Expr> den = new ArrayList<>();
            int start = 1;
            boolean negative = negate;
            Expr coefficient = null; // a positive constant, or null for 1
            boolean coefficientInDenominator = false;
            IExpr first = ast.arg1();
            if (first instanceof IReal r) {
                start = 2;
                if (r.isNegative()) negative = !negative;
                if (r instanceof IRational q) {
                    BigInteger p = q.toBigNumerator().abs();
                    BigInteger d = q.toBigDenominator();
                    if (d.equals(BigInteger.ONE)) {
                        if (!p.equals(BigInteger.ONE)) coefficient = Expr.constant(p.doubleValue());
                    } else if (decimalDenominator(d)) {
                        coefficient = Expr.constant(ratio(p, d));
                    } else if (p.equals(BigInteger.ONE)) {
                        coefficient = Expr.constant(d.doubleValue());
                        coefficientInDenominator = true;
                    } else {
                        coefficient = Expr.constant(ratio(p, d));
                    }
                } else {
                    double v = Math.abs(r.doubleValue());
                    if (!Double.isFinite(v)) throw new Unconvertible();
                    if (v != 1) coefficient = Expr.constant(v);
                }
            }
            for (int i = start; i <= n; i++) {
                IExpr f = ast.get(i);
                if (f.isPower() && ((IAST) f).arg1() != S.E && ((IAST) f).arg2() instanceof IReal e && e.isNegative()) {
                    den.add(positivePower(convert(((IAST) f).arg1()), e.negate()));
                } else {
                    num.add(convert(f));
                }
            }
            if (negative && coefficient != null && !coefficientInDenominator) {
                coefficient = Expr.constant(-coefficient.value()); // -2*x, not -(2*x)
                negative = false;
            } else if (negative && !ok(Op.Kind.NEG)) {
                if (coefficient == null) coefficient = Expr.constant(-1); // -1*x
                else num.add(0, Expr.constant(-1)); // -1*x/(3*y)
                negative = false;
            }
            if (coefficient != null) {
                if (coefficientInDenominator) den.add(0, coefficient);
                else num.add(0, coefficient);
            }
            Expr top = product(num);
            Expr bottom = product(den);
            Expr result;
            if (bottom == null) result = top == null ? Expr.constant(1) : top;
            else result = top == null ? inv(bottom) : div(top, bottom);
            return negative ? neg(result) : result;
        }

        private static boolean decimalDenominator(BigInteger d) {
            BigInteger two = BigInteger.TWO, five = BigInteger.valueOf(5);
            while (d.mod(two).signum() == 0) d = d.divide(two);
            while (d.mod(five).signum() == 0) d = d.divide(five);
            return d.equals(BigInteger.ONE);
        }

        private static double ratio(BigInteger p, BigInteger q) {
            return new BigDecimal(p).divide(new BigDecimal(q), java.math.MathContext.DECIMAL128).doubleValue();
        }

        private static Expr product(List<Expr> factors) {
            Expr acc = null;
            for (Expr f : factors) acc = acc == null ? f : Expr.of(Op.MUL, acc, f);
            return acc;
        }

        // ---- powers ----

        private Expr power(IExpr base, IExpr exponent) {
            if (base == S.E) {
                Expr x = convert(exponent);
                return ok(Op.Kind.EXP) || !ok(Op.Kind.POW) ? Expr.of(Op.EXP, x) : Expr.of(Op.POW, Expr.constant(Math.E), x);
            }
            if (exponent instanceof IReal e) {
                Expr b = convert(base);
                if (e.isNegative()) return inv(positivePower(b, e.negate()));
                return positivePower(b, e);
            }
            return Expr.of(Op.POW, convert(base), convert(exponent));
        }

        private Expr positivePower(Expr b, IReal exponent) {
            double n = exponent.doubleValue();
            if (!Double.isFinite(n)) throw new Unconvertible();
            if (n == 1) return b;
            if (n == 0.5 && (ok(Op.Kind.SQRT) || !ok(Op.Kind.POW))) return Expr.of(Op.SQRT, b);
            if (n == 2 && ok(Op.Kind.SQUARE)) return Expr.of(Op.SQUARE, b);
            if (n == 3 && ok(Op.Kind.CUBE)) return Expr.of(Op.CUBE, b);
            if (ok(Op.Kind.POW)) return Expr.of(Op.POW, b, Expr.constant(n));
            boolean small = b.size() <= 3;
            if (small && ok(Op.Kind.MUL) && (n == 2 || n == 3)) {
                Expr r = Expr.of(Op.MUL, b, b);
                return n == 3 ? Expr.of(Op.MUL, r, b) : r;
            }
            double k = n - 0.5;
            if (small && ok(Op.Kind.MUL) && ok(Op.Kind.SQRT) && k >= 1 && k <= 3 && k == Math.rint(k)) {
                Expr whole = k == 1 ? b : k == 2 && ok(Op.Kind.SQUARE) ? Expr.of(Op.SQUARE, b)
                        : k == 3 && ok(Op.Kind.CUBE) ? Expr.of(Op.CUBE, b)
                        : k == 2 ? Expr.of(Op.MUL, b, b) : Expr.of(Op.MUL, Expr.of(Op.MUL, b, b), b);
                return Expr.of(Op.MUL, whole, Expr.of(Op.SQRT, b));
            }
            return Expr.of(Op.POW, b, Expr.constant(n));
        }

        // ---- preferred forms ----

        private Expr neg(Expr x) {
            if (x.isConstant()) return Expr.constant(-x.value());
            if (ok(Op.Kind.NEG)) return Expr.of(Op.NEG, x);
            if (!x.isLeaf() && x.op().kind() == Op.Kind.MUL && x.arg(0).isConstant()) {
                return Expr.of(Op.MUL, Expr.constant(-x.arg(0).value()), x.arg(1));
            }
            return Expr.of(Op.MUL, Expr.constant(-1), x);
        }

        private Expr sub(Expr a, Expr b) {
            if (!ok(Op.Kind.SUB) && ok(Op.Kind.ADD)) return Expr.of(Op.ADD, a, neg(b));
            return Expr.of(Op.SUB, a, b);
        }

        private Expr div(Expr a, Expr b) {
            if (!ok(Op.Kind.DIV) && ok(Op.Kind.INV)) {
                return a.isConstant() && a.value() == 1 ? Expr.of(Op.INV, b) : Expr.of(Op.MUL, a, Expr.of(Op.INV, b));
            }
            return Expr.of(Op.DIV, a, b);
        }

        private Expr inv(Expr x) {
            if (ok(Op.Kind.INV)) return Expr.of(Op.INV, x);
            return Expr.of(Op.DIV, Expr.constant(1), x);
        }
    }
}
