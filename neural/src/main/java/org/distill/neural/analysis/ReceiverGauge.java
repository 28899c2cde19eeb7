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
 * <p>The split: {@code h} is the formula with the receiver's mass and charge set to 1, and the formula is
 * separable when {@code f(a)·h(b) = f(a₁, b₂)·h(a)} at 50 digits ({@link SymbolicEquality#numericRelation}) on
 * pairs of {@link ExactForm}'s random points {@code a, b}, where {@code (a₁, b₂)} takes the receiver's
 * properties from {@code a} and the rest from {@code b}. A formula that does not involve the receiver is
 * separable with {@code g = 1}.
 *
 * @param separable whether the formula is {@code g(m1, q1)·h(rest)}
 * @param law       {@code h}: the formula with {@code m1 = q1 = 1}, constant parts folded; null when not separable
 * @param factor    {@code g}: the formula over {@code h}, a function of {@code m1, q1} only with {@code g(1, 1) = 1}
 *                  (written as the formula at a reference point of the other variables over {@code h} there),
 *                  constant parts folded; null when not separable
 */
public record ReceiverGauge(boolean separable, Expr law, Expr factor) {
    /** The receiver's properties, which the node model sees. */
    public static final List<String> RECEIVER = List.of("m1", "q1");

    public ReceiverGauge {
        if (separable) {
            Objects.requireNonNull(law, "law");
            Objects.requireNonNull(factor, "factor");
        }
    }

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
        Expr one = Expr.constant(1);
        Expr law = formula.substitute(i -> receiver[i] ? one : null).foldConstants();
        // variables n..2n-1 are a second point b
        Expr lawAtB = formula.substitute(i -> receiver[i] ? one : Expr.variable(n + i));
        Expr mixed = formula.substitute(i -> receiver[i] ? null : Expr.variable(n + i));
        int dim = 0;
        while (dim < 3 && variables.contains("d" + "xyz".charAt(dim))) dim++;
        double[][] points = ExactForm.points(variables, dim);
        double[][] pairs = new double[points.length][2 * n];
        for (int k = 0; k < points.length; k++) {
            System.arraycopy(points[k], 0, pairs[k], 0, n);
            System.arraycopy(points[(k + 1) % points.length], 0, pairs[k], n, n);
        }
        Relation r = SymbolicEquality.numericRelation(Expr.of(Op.MUL, formula, lawAtB), Expr.of(Op.MUL, mixed, law), pairs);
        double[] reference = reference(law, points);
        if (r != Relation.EQUAL || reference == null) return new ReceiverGauge(false, null, null);
        Expr atReference = formula.substitute(i -> receiver[i] ? null : Expr.constant(reference[i]));
        Expr factor = Expr.of(Op.DIV, atReference, Expr.constant(law.evaluate(reference))).foldConstants();
        return new ReceiverGauge(true, law, factor);
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
