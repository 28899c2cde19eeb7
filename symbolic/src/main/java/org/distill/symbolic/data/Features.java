package org.distill.symbolic.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.units.Dimension;

/**
 * Candidate features built from the inputs, as QDSR does, added as extra columns for the search, in this order
 * (the cap of {@value #MAX_FEATURES} keeps the first):
 * <ol>
 *   <li>the difference {@code x − y} and the ratio {@code x/y} of every two <em>indexed</em> columns of like
 *       quantities: names with the same stem and different trailing digits ({@code x1, x2}; {@code theta, theta1};
 *       {@code omega, omega_0}), the way tables name the coordinates of two bodies or the two ends of a bar, of the
 *       same dimension with units or of comparable size without (below); laws of such columns are often laws of
 *       their difference or ratio (a distance, a temperature drop, an angle between, an expansion {@code V2/V1});</li>
 *   <li>the distance between two points, {@code √((x1 − x2)² + (y1 − y2)² [+ …])}: the norm of two or more of those
 *       differences whose columns carry the same indices ({@code 1} and {@code 2} here), all alike; of three or more,
 *       also each norm without one of them. Without units only of coordinates, the stems {@code x, y, z}: masses and
 *       positions {@code m1, m2, r1, r2} of like size are no displacement (I.18.4's centre of mass);</li>
 *   <li>the length of a vector given by its components, {@code √(Bx² + By² + Bz²)}: two or more columns named by one
 *       stem, maybe empty ({@code x, y, z}: a position), and the suffixes {@code x, y, z}, all alike; of three, also
 *       the length of each projection on a coordinate plane ({@code √(x² + y²)}, the distance from the z axis);</li>
 *   <li>for each pair of inputs {@code x, y} in column order, the ratio {@code x/y} and the product {@code x·y};</li>
 *   <li>for each pair again, the norm {@code √(x² + y²)} and the difference norm {@code √(x² − y²)} (or
 *       {@code √(y² − x²)}) where it is real on every row.</li>
 * </ol>
 * Ratios and products come before every norm so that, on many columns, the cap does not keep all the features of
 * the first pairs and none of the last ({@code mom·B} after {@code kb·T}). With units, a ratio and the norms only of
 * two columns of the same dimension (a dimensionless ratio, a norm of like quantities), a product only when its
 * dimension is the target's; without, every ratio and product, and the norms only of two columns whose
 * root-mean-squares are within a factor {@value #NORM_SCALE_RATIO} of each other (the unit-free sign of like
 * quantities: {@code √(T² − A²)} of a temperature of 1 000 K and an area of 1 m² is {@code T} to 1e-6, a noise fit
 * in disguise on small data). A feature that is not finite on every row is left out, and each is offered once.
 * The search sees feature {@code k} as variable {@code inputs + k}; {@link #substitute} writes a found equation
 * back in the original variables.
 */
public final class Features {
    /** The most features added. */
    public static final int MAX_FEATURES = 24;

    /** Without units, the largest ratio of two columns' root-mean-squares for which their norms are offered. */
    public static final double NORM_SCALE_RATIO = 10;

    /** One feature: its name (for messages) and its expression in the original variables. */
    public record Feature(String name, Expr expr, Dimension dimension) {
        public Feature {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expr, "expr");
        }
    }

    private final List<Feature> features;
    private final int inputs;

    private Features(List<Feature> features, int inputs) {
        this.features = List.copyOf(features);
        this.inputs = inputs;
    }

    /**
     * The candidate features of the columns {@code x[input][row]} (first {@code rows} rows).
     *
     * @param names      the inputs' names
     * @param dimensions the inputs' dimensions, or empty without units
     * @param target     the target's dimension, or null when unknown
     * @throws IllegalArgumentException when the names or dimensions do not match the columns
     */
    public static Features of(double[][] x, int rows, List<String> names, List<Dimension> dimensions, Dimension target) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(dimensions, "dimensions");
        int p = x.length;
        if (names.size() != p) throw new IllegalArgumentException("got " + names.size() + " names for " + p + " columns");
        if (!dimensions.isEmpty() && dimensions.size() != p) {
            throw new IllegalArgumentException("got " + dimensions.size() + " dimensions for " + p + " columns");
        }
        boolean units = !dimensions.isEmpty();
        double[] rms = new double[p];
        for (int i = 0; i < p; i++) rms[i] = rms(x[i], rows);
        List<Feature> out = new ArrayList<>();
        // Indexed pairs by their indices ("1|2" for x1, x2 and y1, y2): the components of one displacement.
        java.util.Map<String, List<int[]>> displacements = new java.util.LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                boolean alike = units ? dimensions.get(i).equals(dimensions.get(j)) : comparable(rms[i], rms[j]);
                if (!alike || !indexed(names.get(i), names.get(j))) continue;
                Expr a = Expr.variable(i), b = Expr.variable(j);
                String u = names.get(i), v = names.get(j);
                add(out, new Feature(u + " - " + v, Expr.of(Op.SUB, a, b), units ? dimensions.get(i) : null), x, rows);
                add(out, new Feature(u + "/" + v, Expr.of(Op.DIV, a, b), units ? Dimension.NONE : null), x, rows);
                String key = u.substring(stem(u)) + "|" + v.substring(stem(v));
                displacements.computeIfAbsent(key, k -> new ArrayList<>()).add(new int[] {i, j});
            }
        }
        // The distance between two points: the norm of two or more such differences with the same indices
        // (x1 − x2, y1 − y2, z1 − z2), when all their columns are alike; of three or more, also the norms that leave
        // one out. Without units only the coordinates' differences (I.9.18's m1 − m2 is no component of its distance).
        for (List<int[]> all : displacements.values()) {
            List<int[]> parts = units ? all : coordinates(all, names);
            if (parts.size() < 2) continue;
            distance(out, parts, x, rows, names, dimensions, rms);
            if (parts.size() >= 3) {
                for (int k = 0; k < parts.size(); k++) {
                    List<int[]> fewer = new ArrayList<>(parts);
                    fewer.remove(k);
                    distance(out, fewer, x, rows, names, dimensions, rms);
                }
            }
        }
        // The length of a vector given by its components (Bx, By, Bz; a position x, y, z): the norm of two or more
        // columns whose names are one stem (maybe empty) and the suffixes x, y, z, all alike; of three, also each norm
        // without one of them, the length of its projection on a coordinate plane (√(x² + y²), the distance from the
        // z axis: II.6.15a's dipole field).
        java.util.Map<String, List<Integer>> vectors = new java.util.LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            String n = names.get(i);
            if (!n.isEmpty() && "xyz".indexOf(n.charAt(n.length() - 1)) >= 0) {
                vectors.computeIfAbsent(n.substring(0, n.length() - 1), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> parts : vectors.values()) {
            if (parts.size() >= 2) length(out, parts, x, rows, names, dimensions, rms);
            if (parts.size() == 3) {
                for (int k = 0; k < 3; k++) {
                    List<Integer> fewer = new ArrayList<>(parts);
                    fewer.remove(k);
                    length(out, fewer, x, rows, names, dimensions, rms);
                }
            }
        }
        // Ratios and products of every pair first, then the norms: on many columns the cap would otherwise keep
        // every feature of the first pairs and none of the last (II.35.18's mom*B after kb*T).
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < p && out.size() < MAX_FEATURES; i++) {
                for (int j = i + 1; j < p && out.size() < MAX_FEATURES; j++) {
                    Expr a = Expr.variable(i), b = Expr.variable(j);
                    String u = names.get(i), v = names.get(j);
                    boolean same = !units || dimensions.get(i).equals(dimensions.get(j));
                    Dimension di = units ? dimensions.get(i) : null, dj = units ? dimensions.get(j) : null;
                    List<Feature> pair = new ArrayList<>();
                    if (pass == 0) {
                        if (same) pair.add(new Feature(u + "/" + v, Expr.of(Op.DIV, a, b), units ? Dimension.NONE : null));
                        if (!units || (target != null && di.times(dj).equals(target))) {
                            pair.add(new Feature(u + "*" + v, Expr.of(Op.MUL, a, b), units ? di.times(dj) : null));
                        }
                    } else if (units ? same : comparable(rms[i], rms[j])) {
                        Expr aa = Expr.of(Op.MUL, a, a), bb = Expr.of(Op.MUL, b, b);
                        pair.add(new Feature("sqrt(" + u + "^2 + " + v + "^2)", Expr.of(Op.SQRT, Expr.of(Op.ADD, aa, bb)), di));
                        if (allAtLeast(x[i], x[j], rows)) {
                            pair.add(new Feature("sqrt(" + u + "^2 - " + v + "^2)", Expr.of(Op.SQRT, Expr.of(Op.SUB, aa, bb)), di));
                        } else if (allAtLeast(x[j], x[i], rows)) {
                            pair.add(new Feature("sqrt(" + v + "^2 - " + u + "^2)", Expr.of(Op.SQRT, Expr.of(Op.SUB, bb, aa)), di));
                        }
                    }
                    for (Feature f : pair) add(out, f, x, rows);
                }
            }
        }
        return new Features(out, p);
    }

    /** Adds the norm of the differences {@code parts} ({@code (i, j)}: {@code x_i − x_j}) when all their columns are alike. */
    private static void distance(List<Feature> out, List<int[]> parts, double[][] x, int rows, List<String> names,
                                 List<Dimension> dimensions, double[] rms) {
        List<Integer> columns = new ArrayList<>();
        List<Expr> terms = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int[] ij : parts) {
            columns.add(ij[0]);
            columns.add(ij[1]);
            terms.add(Expr.of(Op.SUB, Expr.variable(ij[0]), Expr.variable(ij[1])));
            labels.add("(" + names.get(ij[0]) + " - " + names.get(ij[1]) + ")^2");
        }
        norm(out, columns, terms, labels, x, rows, dimensions, rms);
    }

    /** The differences {@code parts} of coordinates: of columns whose names have the stem x, y or z. */
    private static List<int[]> coordinates(List<int[]> parts, List<String> names) {
        List<int[]> out = new ArrayList<>();
        for (int[] ij : parts) {
            String n = names.get(ij[0]);
            if (List.of("x", "y", "z").contains(n.substring(0, stem(n)))) out.add(ij);
        }
        return out;
    }

    /** Adds the length {@code √(Σ x_c²)} of the components {@code columns} when they are all alike. */
    private static void length(List<Feature> out, List<Integer> columns, double[][] x, int rows, List<String> names,
                               List<Dimension> dimensions, double[] rms) {
        List<Expr> terms = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int c : columns) {
            terms.add(Expr.variable(c));
            labels.add(names.get(c) + "^2");
        }
        norm(out, columns, terms, labels, x, rows, dimensions, rms);
    }

    /**
     * Adds {@code √(Σ terms²)}, named by the squares' {@code labels}, when all the {@code columns} it uses are alike
     * (of one dimension with units, of comparable size without); of the first column's dimension.
     */
    private static void norm(List<Feature> out, List<Integer> columns, List<Expr> terms, List<String> labels,
                             double[][] x, int rows, List<Dimension> dimensions, double[] rms) {
        boolean units = !dimensions.isEmpty();
        int first = columns.get(0);
        for (int c : columns) {
            boolean alike = units ? dimensions.get(c).equals(dimensions.get(first)) : comparable(rms[c], rms[first]);
            if (!alike) return;
        }
        Expr sum = null;
        for (Expr t : terms) {
            Expr tt = Expr.of(Op.MUL, t, t);
            sum = sum == null ? tt : Expr.of(Op.ADD, sum, tt);
        }
        add(out, new Feature("sqrt(" + String.join(" + ", labels) + ")", Expr.of(Op.SQRT, sum),
                units ? dimensions.get(first) : null), x, rows);
    }

    /** Adds {@code f} unless the cap is reached, it is already there, or it is not finite on every row. */
    private static void add(List<Feature> out, Feature f, double[][] x, int rows) {
        if (out.size() >= MAX_FEATURES || out.stream().anyMatch(g -> g.name().equals(f.name()))) return;
        if (finite(column(f.expr(), x, rows))) out.add(f);
    }

    /** Whether two root-mean-squares are within a factor {@link #NORM_SCALE_RATIO} of each other (both non-zero). */
    static boolean comparable(double a, double b) {
        return a > 0 && b > 0 && Math.max(a, b) <= NORM_SCALE_RATIO * Math.min(a, b);
    }

    /**
     * Whether two names index the same quantity: the same non-empty stem followed by different (possibly empty)
     * runs of digits, as {@code x1} and {@code x2}, {@code theta} and {@code theta1}, {@code omega} and
     * {@code omega_0}.
     */
    static boolean indexed(String a, String b) {
        int sa = stem(a), sb = stem(b);
        return sa > 0 && sa == sb && a.regionMatches(0, b, 0, sa) && !a.substring(sa).equals(b.substring(sb));
    }

    /** The length of {@code name} without its trailing digits and an underscore before them ({@code omega_0}). */
    private static int stem(String name) {
        int k = name.length();
        while (k > 0 && Character.isDigit(name.charAt(k - 1))) k--;
        if (k < name.length() && k > 0 && name.charAt(k - 1) == '_') k--;
        return k;
    }

    private static double rms(double[] v, int rows) {
        double s = 0;
        for (int r = 0; r < rows; r++) s += v[r] * v[r];
        return Math.sqrt(s / Math.max(rows, 1));
    }

    private static boolean allAtLeast(double[] a, double[] b, int rows) {
        for (int r = 0; r < rows; r++) if (!(a[r] * a[r] >= b[r] * b[r])) return false;
        return true;
    }

    private static boolean finite(double[] v) {
        for (double d : v) if (!Double.isFinite(d)) return false;
        return true;
    }

    /** The values of {@code e} on the first {@code rows} rows of {@code x[input][row]}. */
    private static double[] column(Expr e, double[][] x, int rows) {
        double[] out = new double[rows];
        double[] row = new double[x.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < x.length; j++) row[j] = x[j][r];
            out[r] = e.evaluate(row);
        }
        return out;
    }

    public List<Feature> features() { return features; }

    public boolean isEmpty() { return features.isEmpty(); }

    /** The inputs followed by one column per feature (the inputs' arrays shared). */
    public double[][] augment(double[][] x, int rows) {
        double[][] out = new double[x.length + features.size()][];
        System.arraycopy(x, 0, out, 0, x.length);
        for (int k = 0; k < features.size(); k++) out[x.length + k] = column(features.get(k).expr(), x, rows);
        return out;
    }

    /** The inputs' names followed by names {@code f1, f2, ...} that none of them has. */
    public List<String> names(List<String> inputs) {
        List<String> out = new ArrayList<>(inputs);
        int n = 1;
        for (int k = 0; k < features.size(); k++) {
            while (inputs.contains("f" + n)) n++;
            out.add("f" + n++);
        }
        return out;
    }

    /** {@code e} (variables {@code >= inputs} being features) with every feature written out in the inputs. */
    public Expr substitute(Expr e) {
        if (e.isVariable()) return e.variable() >= inputs ? features.get(e.variable() - inputs).expr() : e;
        if (e.isLeaf()) return e;
        Expr[] args = new Expr[e.arity()];
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            args[i] = substitute(e.arg(i));
            changed |= args[i] != e.arg(i);
        }
        return changed ? Expr.of(e.op(), args) : e;
    }
}
