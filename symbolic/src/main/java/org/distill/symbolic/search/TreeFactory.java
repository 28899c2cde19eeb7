package org.distill.symbolic.search;

import java.util.List;
import java.util.random.RandomGenerator;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;

/** Grows random expressions (ramped half-and-half, small trees) and random leaves and operators. */
final class TreeFactory {
    private final List<Op> unary;
    private final List<Op> binary;
    private final int features;
    private final Constraints constraints;

    TreeFactory(List<Op> operators, int features, Constraints constraints) {
        this.unary = operators.stream().filter(o -> o.arity() == 1).toList();
        this.binary = operators.stream().filter(o -> o.arity() == 2).toList();
        this.features = features;
        this.constraints = constraints;
    }

    Constraints constraints() { return constraints; }
    int features() { return features; }

    /** A random valid tree of depth 1 to 4. */
    Expr random(RandomGenerator r) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int depth = 1 + r.nextInt(Math.min(4, constraints.maxDepth()));
            Expr e = grow(r, depth, r.nextBoolean());
            if (constraints.test(e)) return e;
        }
        return leaf(r);
    }

    /** A random tree of at most {@code depth} levels; {@code full} fills every level. */
    Expr grow(RandomGenerator r, int depth, boolean full) {
        if (depth <= 1 || (!full && r.nextDouble() < 0.3)) return leaf(r);
        Op op = randomOp(r);
        if (op.arity() == 1) return Expr.of(op, grow(r, depth - 1, full));
        return Expr.of(op, grow(r, depth - 1, full), grow(r, depth - 1, full));
    }

    Op randomOp(RandomGenerator r) {
        if (!unary.isEmpty() && r.nextDouble() < 0.25) return unary.get(r.nextInt(unary.size()));
        return binary.get(r.nextInt(binary.size()));
    }

    /** A random operator of the given arity, or null when the operator set has none. */
    Op randomOp(RandomGenerator r, int arity) {
        List<Op> ops = arity == 1 ? unary : binary;
        return ops.isEmpty() ? null : ops.get(r.nextInt(ops.size()));
    }

    Expr leaf(RandomGenerator r) {
        return r.nextDouble() < 0.7 ? variable(r) : constant(r);
    }

    Expr variable(RandomGenerator r) {
        return Expr.variable(r.nextInt(features));
    }

    static Expr constant(RandomGenerator r) {
        double u = r.nextDouble();
        if (u < 0.3) return Expr.constant(1 + r.nextInt(4));
        if (u < 0.4) return Expr.constant(0.5);
        return Expr.constant(r.nextGaussian() * 2);
    }
}
