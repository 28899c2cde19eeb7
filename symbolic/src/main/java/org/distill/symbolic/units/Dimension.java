package org.distill.symbolic.units;

import java.util.Arrays;
import java.util.List;

/**
 * A physical dimension: a product of powers of the SI base dimensions length (m), time (s), mass
 * (kg), temperature (K) and electric current (A), with small rational exponents (the square root of
 * an area is a length; {@code sqrt(m)} has the exponent 1/2). Immutable; compared by value.
 *
 * <p>Read one from a unit expression with {@link #parse} ({@code "kg*m^2/s^2"}); derived units
 * (N, J, W, Pa, C, V, Hz, Ohm, F, H, T) are expanded into base dimensions (see {@link UnitParser}).
 * Units are dimensions here, not scales: {@code J} and {@code N*m} are the same dimension.
 */
public final class Dimension implements java.io.Serializable { // in Units, sent to cluster workers
    /** The base dimensions, in the order of {@link #exponent(int)}. */
    public static final List<String> BASES = List.of("m", "s", "kg", "K", "A");
    private static final int N = BASES.size();

    /** The dimension of a pure number. */
    public static final Dimension NONE = new Dimension(new long[N], ones());

    private final long[] num;
    private final long[] den; // > 0, reduced

    private Dimension(long[] num, long[] den) {
        this.num = num;
        this.den = den;
    }

    private static long[] ones() {
        long[] d = new long[N];
        Arrays.fill(d, 1);
        return d;
    }

    /**
     * A dimension from integer exponents of {@code m, s, kg, K, A}, in that order (missing trailing
     * exponents are 0).
     */
    public static Dimension of(int... exponents) {
        if (exponents.length > N) {
            throw new IllegalArgumentException("at most " + N + " exponents (" + BASES + "), got " + exponents.length);
        }
        long[] n = new long[N];
        for (int i = 0; i < exponents.length; i++) n[i] = exponents[i];
        return new Dimension(n, ones());
    }

    /** One of the base dimensions by its symbol {@code m, s, kg, K, A}. */
    public static Dimension base(String symbol) {
        int i = BASES.indexOf(symbol);
        if (i < 0) throw new IllegalArgumentException("unknown base dimension '" + symbol + "': expected one of " + BASES);
        long[] n = new long[N];
        n[i] = 1;
        return new Dimension(n, ones());
    }

    /** Parses a unit expression such as {@code kg*m^2/s^2}; see {@link UnitParser}. */
    public static Dimension parse(String text) {
        return UnitParser.parse(text);
    }

    public boolean isDimensionless() {
        for (long v : num) if (v != 0) return false;
        return true;
    }

    /** The numerator of the exponent of base {@code i} (reduced). */
    public long exponentNumerator(int i) { return num[i]; }

    /** The denominator of the exponent of base {@code i} (reduced, positive). */
    public long exponentDenominator(int i) { return den[i]; }

    /** The exponent of base {@code i} as a double. */
    public double exponent(int i) { return (double) num[i] / den[i]; }

    /** Whether every exponent is an integer. */
    public boolean isIntegral() {
        for (long d : den) if (d != 1) return false;
        return true;
    }

    public Dimension times(Dimension o) {
        long[] n = new long[N], d = new long[N];
        for (int i = 0; i < N; i++) {
            n[i] = num[i] * o.den[i] + o.num[i] * den[i];
            d[i] = den[i] * o.den[i];
        }
        return reduced(n, d);
    }

    public Dimension divide(Dimension o) {
        return times(o.pow(-1, 1));
    }

    /** This dimension to the power {@code p/q} ({@code q != 0}). */
    public Dimension pow(long p, long q) {
        if (q == 0) throw new IllegalArgumentException("exponent denominator must not be 0: " + p + "/" + q);
        long[] n = new long[N], d = new long[N];
        for (int i = 0; i < N; i++) {
            n[i] = num[i] * p;
            d[i] = den[i] * q;
        }
        return reduced(n, d);
    }

    private static Dimension reduced(long[] n, long[] d) {
        for (int i = 0; i < N; i++) {
            if (d[i] < 0) {
                d[i] = -d[i];
                n[i] = -n[i];
            }
            long g = gcd(Math.abs(n[i]), d[i]);
            if (g > 1) {
                n[i] /= g;
                d[i] /= g;
            }
            if (n[i] == 0) d[i] = 1;
            if (Math.abs(n[i]) > 1_000_000 || d[i] > 1_000_000) {
                throw new IllegalArgumentException("dimension exponent out of range: " + n[i] + "/" + d[i]);
            }
        }
        return new Dimension(n, d);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Dimension d && Arrays.equals(num, d.num) && Arrays.equals(den, d.den);
    }

    @Override public int hashCode() { return Arrays.hashCode(num) * 31 + Arrays.hashCode(den); }

    /**
     * The dimension as a unit expression that {@link #parse} reads back: {@code kg*m^2/s^2},
     * {@code 1/s}, {@code m^(1/2)}; {@code 1} when dimensionless.
     */
    @Override public String toString() {
        StringBuilder top = new StringBuilder(), bottom = new StringBuilder();
        int nb = 0;
        for (int k : new int[] {2, 0, 1, 3, 4}) { // kg m s K A: the usual order
            if (num[k] == 0) continue;
            boolean neg = num[k] < 0;
            StringBuilder sb = neg ? bottom : top;
            if (!sb.isEmpty()) sb.append('*');
            sb.append(BASES.get(k));
            long a = Math.abs(num[k]);
            if (den[k] != 1) sb.append("^(").append(a).append('/').append(den[k]).append(')');
            else if (a != 1) sb.append('^').append(a);
            if (neg) nb++;
        }
        if (top.isEmpty() && bottom.isEmpty()) return "1";
        if (bottom.isEmpty()) return top.toString();
        String b = nb > 1 ? "(" + bottom + ")" : bottom.toString();
        return (top.isEmpty() ? "1" : top.toString()) + "/" + b;
    }
}
