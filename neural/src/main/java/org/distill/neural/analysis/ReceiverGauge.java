package org.distill.neural.analysis;

import java.util.List;
import java.util.Objects;
import org.distill.symbolic.algebra.Relation;
import org.distill.symbolic.algebra.SymbolicEquality;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * A message formula split into a factor of the receiver's own properties and the rest, the law:
 * {@code formula = g(m1, q1)·h(dx, dy, r, m2, q2)}.
 *
 * <p>Why: a graph network's node model sees the receiver's mass and charge. Messages to one receiver
 * may therefore carry any factor {@code g(m1, q1)} that the node model undoes; the network's predictions
 * are the same whatever {@code g} is, so the messages determine the pair law only up to it (the receiver
 * gauge). {@link ForceBasis} already allows two such factors ({@code F} and {@code F/m1}); this allows
 * any. The dependence on the separation, on the sender and on the direction must still be exact.
 *
 * <p>The split: {@code h} is the formula with the receiver's mass and charge set to reference values, {@code (1, 1)}
 * unless the formula vanishes there ({@code q2·Δx·(q1 − 1)/r³}; then the first of {@code (1, −1), (2, 1), (0.5, 1.5)}
 * where it does not), and the formula is
 * separable when {@code f(a)·h(b) = f(a₁, b₂)·h(a)} at 50 digits ({@link SymbolicEquality#numericRelation}) on
 * pairs of {@link ExactForm}'s random points {@code a, b}, where {@code (a₁, b₂)} takes the receiver's
 * properties from {@code a} and the rest from {@code b}. A formula that does not involve the receiver is
 * separable with {@code g = 1}.
 *
 * @param separable whether the formula is {@code g(m1, q1)·h(rest)}
 * @param law       {@code h}: the formula with the receiver's mass and charge at {@code (mass, charge)}, constant parts
 *                  folded; null when not separable
 * @param factor    {@code g}: the formula over {@code h}, a function of {@code m1, q1} only with {@code g(mass, charge) = 1}
 *                  (written as the formula at a reference point of the other variables over {@code h} there),
 *                  constant parts folded; null when not separable
 * @param mass      the receiver's mass in {@code h}: 1 unless the formula vanishes at {@code m1 = q1 = 1}
 * @param charge    the receiver's charge in {@code h}: 1 unless the formula vanishes at {@code m1 = q1 = 1}
 */
public record ReceiverGauge(boolean separable, Expr law, Expr factor, double mass, double charge) {
    /** The receiver's properties, which the node model sees. */
    public static final List<String> RECEIVER = List.of("m1", "q1");
    /** The receiver's {@code (m1, q1)} tried for {@code h}, in order (inside {@link ExactForm}'s sampling ranges). */
    private static final double[][] REFERENCES = {{1, 1}, {1, -1}, {2, 1}, {0.5, 1.5}};

    public ReceiverGauge {
        if (separable) {
            Objects.requireNonNull(law, "law");
            Objects.requireNonNull(factor, "factor");
        }
    }

    /** A split with {@code h} at {@code m1 = q1 = 1}. */
    public ReceiverGauge(boolean separable, Expr law, Expr factor) { this(separable, law, factor, 1, 1); }

    /**
     * Splits {@code formula}, written in {@code variables} ({@code dx, dy[, dz], r, m1, m2, q1, q2}).
     *
     * @throws IllegalArgumentException when {@code variables} lacks {@code m1} or {@code q1}, or the formula uses a
     *                                  variable beyond the list
     */
    public static ReceiverGauge of(Expr formula, List<String> variables) {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(variables, "variables");
        for (String name : RECEIVER)
            if (!variables.contains(name))
                throw new IllegalArgumentException("variables must contain " + name + ": " + variables);
        if (formula.maxVariable() >= variables.size())
            throw new IllegalArgumentException("formula uses variable " + formula.maxVariable() + ", variables has "
                    + variables.size() + ": " + variables);
        int n = variables.size();
        boolean[] receiver = new boolean[n];
        for (String name : RECEIVER) receiver[variables.indexOf(name)] = true;
        int dim = 0;
        while (dim < 3 && variables.contains("d" + "xyz".charAt(dim))) dim++;
        double[][] points = ExactForm.points(variables, dim);
        int mass = variables.indexOf("m1");
        Expr law = null;
        double[] values = null, reference = null;
        for (double[] candidate : REFERENCES) {
            Expr h = formula.substitute(i -> receiver[i] ? Expr.constant(candidate[i == mass ? 0 : 1]) : null).foldConstants();
            reference = reference(h, points);
            if (reference != null) {
                law = h;
                values = candidate;
                break;
            }
        }
        if (law == null) return new ReceiverGauge(false, null, null);
        double[] at = values;
        // variables n..2n-1 are a second point b
        Expr lawAtB = formula.substitute(i -> receiver[i] ? Expr.constant(at[i == mass ? 0 : 1]) : Expr.variable(n + i));
        Expr mixed = formula.substitute(i -> receiver[i] ? null : Expr.variable(n + i));
        double[][] pairs = new double[points.length][2 * n];
        for (int k = 0; k < points.length; k++) {
            System.arraycopy(points[k], 0, pairs[k], 0, n);
            System.arraycopy(points[(k + 1) % points.length], 0, pairs[k], n, n);
        }
        Relation r = SymbolicEquality.numericRelation(Expr.of(Op.MUL, formula, lawAtB), Expr.of(Op.MUL, mixed, law), pairs);
        if (r != Relation.EQUAL) return new ReceiverGauge(false, null, null);
        double[] point = reference;
        Expr atReference = formula.substitute(i -> receiver[i] ? null : Expr.constant(point[i]));
        Expr factor = Expr.of(Op.DIV, atReference, Expr.constant(law.evaluate(point))).foldConstants();
        return new ReceiverGauge(true, law, factor, values[0], values[1]);
    }

    /** The first point where {@code law} is finite and not 0, or null when it vanishes on every point. */
    private static double[] reference(Expr law, double[][] points) {
        for (double[] p : points) {
            double v = law.evaluate(p);
            if (Double.isFinite(v) && v != 0) return p;
        }
        return null;
    }
}
