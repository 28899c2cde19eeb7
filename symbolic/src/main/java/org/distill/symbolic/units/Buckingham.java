package org.distill.symbolic.units;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * Buckingham-Π reduction: the dimensionless groups of a set of variables, and the target made
 * dimensionless by a product of them. A law {@code y = F(x)} that is dimensionally consistent
 * (with dimensionless constants) can be written {@code Π_y = f(Π_1, ..., Π_k)}, a search over
 * {@code k} variables instead of {@code n}; {@link #expand} maps {@code f} back:
 * {@code y = f(Π(x)) · ∏ x_j^(−a_j)}.
 *
 * <p>The groups are a basis of the null space of the dimension matrix (rows: base dimensions,
 * columns: variables), from its reduced row echelon form over exact fractions: each free column
 * gives one group, scaled to the smallest integer exponents with a positive exponent of its own
 * variable. The target's exponents {@code a} solve {@code D·a = −dim(y)} with the free variables at
 * zero (they may be fractions: the pendulum's {@code Π_y = T·g^(1/2)·L^(−1/2)}).
 *
 * @param names        the variables' names
 * @param groups       one exponent vector (one exponent per variable, as {p, q}) per group
 * @param targetGroup  the exponents {@code a} of the target's group {@code y · ∏ x_j^(a_j)}
 */
public record Buckingham(List<String> names, List<long[][]> groups, long[][] targetGroup) {

    public Buckingham {
        names = List.copyOf(names);
        groups = List.copyOf(groups);
        Objects.requireNonNull(targetGroup, "targetGroup");
    }

    /**
     * The reduction of variables with these dimensions and a target of dimension {@code target}.
     *
     * @throws IllegalArgumentException when no product of powers of the variables has the target's
     *     dimension (the law cannot be dimensionally consistent with dimensionless constants)
     */
    public static Buckingham of(List<String> names, List<Dimension> dimensions, Dimension target) {
        Objects.requireNonNull(target, "target dimension");
        int n = dimensions.size();
        if (names.size() != n) throw new IllegalArgumentException("got " + names.size() + " names for " + n + " dimensions");
        int rows = Dimension.BASES.size();
        // augmented matrix [D | -dim(y)]
        Fraction[][] a = new Fraction[rows][n + 1];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                Dimension d = dimensions.get(j);
                a[r][j] = new Fraction(d.exponentNumerator(r), d.exponentDenominator(r));
            }
            a[r][n] = new Fraction(-target.exponentNumerator(r), target.exponentDenominator(r));
        }
        // reduced row echelon form
        int[] pivotOfRow = new int[rows];
        boolean[] pivotColumn = new boolean[n];
        int rank = 0;
        for (int c = 0; c < n && rank < rows; c++) {
            int p = -1;
            for (int r = rank; r < rows; r++) if (!a[r][c].isZero()) { p = r; break; }
            if (p < 0) continue;
            Fraction[] t = a[p]; a[p] = a[rank]; a[rank] = t;
            Fraction inv = a[rank][c].inverse();
            for (int k = 0; k <= n; k++) a[rank][k] = a[rank][k].times(inv);
            for (int r = 0; r < rows; r++) {
                if (r == rank || a[r][c].isZero()) continue;
                Fraction f = a[r][c];
                for (int k = 0; k <= n; k++) a[r][k] = a[r][k].minus(f.times(a[rank][k]));
            }
            pivotOfRow[rank] = c;
            pivotColumn[c] = true;
            rank++;
        }
        for (int r = rank; r < rows; r++) {
            if (!a[r][n].isZero()) {
                throw new IllegalArgumentException("the target's dimension " + target + " is no product of powers of the "
                        + "variables' dimensions " + dimensions + ": no dimensionless target group");
            }
        }
        List<long[][]> groups = new ArrayList<>();
        for (int free = 0; free < n; free++) {
            if (pivotColumn[free]) continue;
            Fraction[] v = new Fraction[n];
            for (int j = 0; j < n; j++) v[j] = Fraction.ZERO;
            v[free] = Fraction.ONE;
            for (int r = 0; r < rank; r++) v[pivotOfRow[r]] = a[r][free].negate();
            groups.add(integral(v));
        }
        long[][] targetExponents = new long[n][];
        for (int j = 0; j < n; j++) targetExponents[j] = new long[] {0, 1};
        for (int r = 0; r < rank; r++) {
            Fraction f = a[r][n];
            targetExponents[pivotOfRow[r]] = new long[] {f.num, f.den};
        }
        return new Buckingham(names, groups, targetExponents);
    }

    /** The vector scaled to coprime integers. */
    private static long[][] integral(Fraction[] v) {
        long l = 1;
        for (Fraction f : v) l = lcm(l, f.den);
        long g = 0;
        long[] ints = new long[v.length];
        for (int j = 0; j < v.length; j++) {
            ints[j] = v[j].num * (l / v[j].den);
            g = gcd(g, Math.abs(ints[j]));
        }
        long[][] out = new long[v.length][];
        for (int j = 0; j < v.length; j++) out[j] = new long[] {g == 0 ? 0 : ints[j] / g, 1};
        return out;
    }

    /** Number of dimensionless groups. */
    public int size() { return groups.size(); }

    /** Group {@code i}'s value on one row of the variables. */
    public double group(int i, double[] row) {
        return product(groups.get(i), row);
    }

    /** The target's group {@code y · ∏ x_j^(a_j)} on one row. */
    public double targetGroup(double y, double[] row) {
        return y * product(targetGroup, row);
    }

    private static double product(long[][] exponents, double[] row) {
        double p = 1;
        for (int j = 0; j < exponents.length; j++) {
            long num = exponents[j][0], den = exponents[j][1];
            if (num == 0) continue;
            p *= den == 1 ? Math.pow(row[j], num) : Math.pow(row[j], (double) num / den);
        }
        return p;
    }

    /** Group {@code i} as an expression over the variables (column indices as in {@link #names}). */
    public Expr groupExpr(int i) {
        return monomial(groups.get(i), 1);
    }

    /**
     * The law in the original variables: {@code f} is an expression over the groups (variable
     * {@code i} is group {@code i}); the result is {@code f(Π(x)) · ∏ x_j^(−a_j)} over the
     * variables.
     */
    public Expr expand(Expr f) {
        Expr body = substitute(f);
        Expr scale = monomial(targetGroup, -1);
        if (scale.isConstant() && scale.value() == 1) return body;
        return Expr.of(Op.MUL, body, scale);
    }

    private Expr substitute(Expr f) {
        if (f.isVariable()) {
            if (f.variable() >= groups.size()) {
                throw new IllegalArgumentException("expression uses group " + f.variable() + ", there are " + groups.size());
            }
            return groupExpr(f.variable());
        }
        if (f.isConstant()) return f;
        Expr[] args = new Expr[f.arity()];
        for (int k = 0; k < args.length; k++) args[k] = substitute(f.arg(k));
        return Expr.of(f.op(), args);
    }

    /** ∏ x_j^(sign·e_j): positive powers over negative ones. */
    private static Expr monomial(long[][] exponents, int sign) {
        Expr top = null, bottom = null;
        for (int j = 0; j < exponents.length; j++) {
            long num = sign * exponents[j][0], den = exponents[j][1];
            if (num == 0) continue;
            Expr x = Expr.variable(j);
            long abs = Math.abs(num);
            Expr power = abs == 1 && den == 1 ? x
                    : abs == 1 && den == 2 ? Expr.of(Op.SQRT, x)
                    : Expr.of(Op.POW, x, Expr.constant((double) abs / den));
            if (num > 0) top = top == null ? power : Expr.of(Op.MUL, top, power);
            else bottom = bottom == null ? power : Expr.of(Op.MUL, bottom, power);
        }
        if (top == null) top = Expr.constant(1);
        return bottom == null ? top : Expr.of(Op.DIV, top, bottom);
    }

    /** Group {@code i} as text: {@code T*g^(1/2)/L^(1/2)}. */
    public String describe(int i) {
        return describe(groups.get(i), null);
    }

    /** The target's group as text, with the target's name. */
    public String describeTarget(String target) {
        return describe(targetGroup, target);
    }

    private String describe(long[][] e, String lead) {
        StringBuilder top = new StringBuilder(lead == null ? "" : lead), bottom = new StringBuilder();
        for (int j = 0; j < e.length; j++) {
            long num = e[j][0], den = e[j][1];
            if (num == 0) continue;
            StringBuilder sb = num > 0 ? top : bottom;
            if (!sb.isEmpty()) sb.append('*');
            sb.append(names.get(j));
            long abs = Math.abs(num);
            if (den != 1) sb.append("^(").append(abs).append('/').append(den).append(')');
            else if (abs != 1) sb.append('^').append(abs);
        }
        String t = top.isEmpty() ? "1" : top.toString();
        return bottom.isEmpty() ? t : t + "/" + (bottom.indexOf("*") >= 0 ? "(" + bottom + ")" : bottom);
    }

    private static long gcd(long a, long b) {
        while (b != 0) { long t = a % b; a = b; b = t; }
        return Math.abs(a);
    }

    private static long lcm(long a, long b) { return a / gcd(a, b) * b; }

    /** An exact fraction, reduced, positive denominator. */
    private record Fraction(long num, long den) {
        static final Fraction ZERO = new Fraction(0, 1);
        static final Fraction ONE = new Fraction(1, 1);

        Fraction {
            if (den == 0) throw new ArithmeticException("zero denominator");
            if (den < 0) { num = -num; den = -den; }
            long g = gcd(Math.abs(num), den);
            if (g > 1) { num /= g; den /= g; }
            if (num == 0) den = 1;
        }

        boolean isZero() { return num == 0; }
        Fraction negate() { return new Fraction(-num, den); }
        Fraction inverse() { return new Fraction(den, num); }
        Fraction times(Fraction o) { return new Fraction(Math.multiplyExact(num, o.num), Math.multiplyExact(den, o.den)); }
        Fraction minus(Fraction o) {
            return new Fraction(Math.subtractExact(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den)),
                    Math.multiplyExact(den, o.den));
        }
    }
}
