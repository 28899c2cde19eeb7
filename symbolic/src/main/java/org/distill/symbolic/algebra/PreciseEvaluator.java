package org.distill.symbolic.algebra;

import java.math.BigDecimal;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.ApfloatRuntimeException;
import org.distill.symbolic.expr.Expr;

/**
 * Evaluates an {@link Expr} in arbitrary-precision arithmetic (Apfloat, the library behind Symja's
 * {@code N(expr, digits)}), for {@link SymbolicEquality#numericRelation}. Numbers enter as the exact
 * value of their shortest decimal ({@code 0.1} is one tenth, not the double nearest to it); a
 * constant that is exactly {@code p/q·π} as a double (|p| ≤ 100, q ≤ 12, what snapping and
 * {@code 2*pi} in a formula give) is {@code p/q·π} to full precision, as {@link SymjaConversion}
 * writes it for Symja. Where the double operator gives NaN or an infinity (a root or logarithm of a
 * negative number, a division by zero, asin outside [−1, 1], a non-integer power of a negative
 * number) or for a user operator, the result is null.
 */
final class PreciseEvaluator {
    private final long digits;
    private final Apfloat pi;

    PreciseEvaluator(long digits) {
        this.digits = digits;
        this.pi = ApfloatMath.pi(digits);
    }

    /** The value of {@code e} at {@code point} (variables by index), or null where it is not a finite real. */
    Apfloat evaluate(Expr e, double[] point) {
        try {
            return eval(e, point);
        } catch (ArithmeticException | ApfloatRuntimeException ex) {
            return null;
        }
    }

    /** A double as the exact value of its shortest decimal, or {@code p/q·π}. */
    Apfloat number(double v) {
        if (v != 0) {
            for (int q = 1; q <= 12; q++) {
                long p = Math.round(v * q / Math.PI);
                if (p == 0 || Math.abs(p) > 100) continue;
                if (p * Math.PI / q == v || (q == 1 && p * Math.PI == v)) {
                    return pi.multiply(new Apfloat(p, digits)).divide(new Apfloat(q, digits));
                }
            }
        }
        return new Apfloat(new BigDecimal(Double.toString(v)), digits);
    }

    private Apfloat eval(Expr e, double[] point) {
        if (e.isVariable()) return number(point[e.variable()]);
        if (e.isConstant()) return number(e.value());
        Apfloat a = eval(e.arg(0), point);
        if (a == null) return null;
        Apfloat b = null;
        if (e.arity() == 2) {
            b = eval(e.arg(1), point);
            if (b == null) return null;
        }
        return switch (e.op().kind()) {
            case ADD -> a.add(b);
            case SUB -> a.subtract(b);
            case MUL -> a.multiply(b);
            case DIV -> b.signum() == 0 ? null : a.divide(b);
            case POW -> pow(a, b);
            case NEG -> a.negate();
            case SQUARE -> a.multiply(a);
            case CUBE -> a.multiply(a).multiply(a);
            case SQRT -> a.signum() < 0 ? null : ApfloatMath.sqrt(a);
            case EXP -> ApfloatMath.exp(a);
            case LOG -> a.signum() <= 0 ? null : ApfloatMath.log(a);
            case SIN -> ApfloatMath.sin(a);
            case COS -> ApfloatMath.cos(a);
            case TAN -> ApfloatMath.tan(a);
            case ABS -> ApfloatMath.abs(a);
            case INV -> a.signum() == 0 ? null : new Apfloat(1, digits).divide(a);
            case ASIN -> ApfloatMath.abs(a).compareTo(new Apfloat(1)) > 0 ? null : ApfloatMath.asin(a);
            case ACOS -> ApfloatMath.abs(a).compareTo(new Apfloat(1)) > 0 ? null : ApfloatMath.acos(a);
            case ATAN -> ApfloatMath.atan(a);
            case SINH -> ApfloatMath.sinh(a);
            case COSH -> ApfloatMath.cosh(a);
            case TANH -> ApfloatMath.tanh(a);
            case USER -> null;
        };
    }

    private Apfloat pow(Apfloat a, Apfloat b) {
        if (b.equals(b.truncate()) && b.compareTo(new Apfloat(1_000_000)) <= 0 && b.compareTo(new Apfloat(-1_000_000)) >= 0) {
            long n = b.longValue();
            if (a.signum() == 0) return n < 0 ? null : n == 0 ? new Apfloat(1, digits) : a;
            return ApfloatMath.pow(a, n);
        }
        if (a.signum() < 0) return null;
        if (a.signum() == 0) return b.signum() > 0 ? a : null;
        return ApfloatMath.pow(a, b);
    }
}
