package org.distill.symbolic.search;

import java.util.random.RandomGenerator;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;

/**
 * The mutation mix of the search (after PySR and Operon): change a constant, an operator or a
 * variable, swap operands, rotate, add a node at a leaf, insert a node above any node, delete a
 * node, replace a sub-tree with a random one, and canonicalise. Every mutation returns a tree that
 * satisfies the constraints, or the parent unchanged.
 */
final class Mutations {
    enum Kind { CONSTANT, OPERATOR, VARIABLE, SWAP, ROTATE, ADD, INSERT, DELETE, RANDOMIZE, SIMPLIFY }

    private static final Kind[] KINDS = Kind.values();
    // Relative weights, indexed like KINDS.
    private static final double[] WEIGHTS = {0.6, 0.5, 0.3, 0.1, 0.3, 0.8, 1.2, 1.0, 0.05, 0.05};
    private static final double TOTAL;

    static {
        double t = 0;
        for (double w : WEIGHTS) t += w;
        TOTAL = t;
    }

    private final TreeFactory factory;
    private final Canonicalizer canonicalizer;

    Mutations(TreeFactory factory, Canonicalizer canonicalizer) {
        this.factory = factory;
        this.canonicalizer = canonicalizer;
    }

    /** One random mutation from the mix; retries a few times to satisfy the constraints. */
    Expr mutate(Expr parent, RandomGenerator r) {
        for (int attempt = 0; attempt < 8; attempt++) {
            Expr child = apply(pick(r), parent, r);
            if (child != null && !child.equals(parent) && factory.constraints().test(child)) return child;
        }
        return parent;
    }

    private static Kind pick(RandomGenerator r) {
        double u = r.nextDouble() * TOTAL;
        for (int i = 0; i < KINDS.length; i++) {
            u -= WEIGHTS[i];
            if (u <= 0) return KINDS[i];
        }
        return KINDS[KINDS.length - 1];
    }

    Expr apply(Kind kind, Expr e, RandomGenerator r) {
        return switch (kind) {
            case CONSTANT -> mutateConstant(e, r);
            case OPERATOR -> mutateOperator(e, r);
            case VARIABLE -> mutateVariable(e, r);
            case SWAP -> swapOperands(e, r);
            case ROTATE -> rotate(e, r);
            case ADD -> addNode(e, r);
            case INSERT -> insertNode(e, r);
            case DELETE -> deleteNode(e, r);
            case RANDOMIZE -> randomize(e, r);
            case SIMPLIFY -> canonicalizer.apply(e);
        };
    }

    /** Pre-order index of a random node satisfying the filter, or -1 (one pass over the tree). */
    private static int pickNode(Expr e, RandomGenerator r, java.util.function.Predicate<Expr> filter) {
        int[] hits = new int[e.size()];
        int count = collect(e, 0, filter, hits, 0);
        return count == 0 ? -1 : hits[r.nextInt(count)];
    }

    private static int collect(Expr e, int index, java.util.function.Predicate<Expr> filter, int[] hits, int count) {
        if (filter.test(e)) hits[count++] = index;
        int child = index + 1;
        for (int i = 0; i < e.arity(); i++) {
            count = collect(e.arg(i), child, filter, hits, count);
            child += e.arg(i).size();
        }
        return count;
    }

    Expr mutateConstant(Expr e, RandomGenerator r) {
        int i = pickNode(e, r, Expr::isConstant);
        if (i < 0) return null;
        double v = e.node(i).value();
        double u = r.nextDouble();
        double nv;
        if (u < 0.1) nv = -v;
        else if (u < 0.2) nv = TreeFactory.constant(r).value();
        else nv = v * Math.exp(r.nextGaussian() * 0.5) + r.nextGaussian() * 0.1;
        return e.replace(i, Expr.constant(nv));
    }

    Expr mutateOperator(Expr e, RandomGenerator r) {
        int i = pickNode(e, r, n -> !n.isLeaf());
        if (i < 0) return null;
        Expr n = e.node(i);
        Op op = factory.randomOp(r, n.arity());
        if (op == null) return null; // e.g. a resumed sqrt(x) when the search has no unary operator
        return e.replace(i, n.arity() == 1 ? Expr.of(op, n.arg(0)) : Expr.of(op, n.arg(0), n.arg(1)));
    }

    Expr mutateVariable(Expr e, RandomGenerator r) {
        int i = pickNode(e, r, Expr::isLeaf);
        if (i < 0) return null;
        return e.replace(i, e.node(i).isVariable() && r.nextDouble() < 0.2 ? TreeFactory.constant(r) : factory.variable(r));
    }

    Expr swapOperands(Expr e, RandomGenerator r) {
        int i = pickNode(e, r, n -> n.arity() == 2);
        if (i < 0) return null;
        Expr n = e.node(i);
        return e.replace(i, Expr.of(n.op(), n.arg(1), n.arg(0)));
    }

    /** (a op1 b) op2 c → a op1 (b op2 c), or the mirror image. */
    Expr rotate(Expr e, RandomGenerator r) {
        int i = pickNode(e, r, n -> n.arity() == 2 && (n.arg(0).arity() == 2 || n.arg(1).arity() == 2));
        if (i < 0) return null;
        Expr n = e.node(i);
        boolean left = n.arg(0).arity() == 2 && (n.arg(1).arity() != 2 || r.nextBoolean());
        Expr rotated;
        if (left) {
            Expr p = n.arg(0); // (a p b) n c → a p (b n c)
            rotated = Expr.of(p.op(), p.arg(0), Expr.of(n.op(), p.arg(1), n.arg(1)));
        } else {
            Expr p = n.arg(1); // a n (b p c) → (a n b) p c
            rotated = Expr.of(p.op(), Expr.of(n.op(), n.arg(0), p.arg(0)), p.arg(1));
        }
        return e.replace(i, rotated);
    }

    /** Replaces a leaf with an operator applied to it (and a new leaf). */
    Expr addNode(Expr e, RandomGenerator r) {
        int i = pickNode(e, r, Expr::isLeaf);
        if (i < 0) return null;
        return e.replace(i, wrap(e.node(i), r));
    }

    /** Puts a new operator above a random node. */
    Expr insertNode(Expr e, RandomGenerator r) {
        int i = r.nextInt(e.size());
        return e.replace(i, wrap(e.node(i), r));
    }

    private Expr wrap(Expr n, RandomGenerator r) {
        Op op = factory.randomOp(r);
        if (op.arity() == 1) return Expr.of(op, n);
        Expr leaf = factory.leaf(r);
        return r.nextBoolean() ? Expr.of(op, n, leaf) : Expr.of(op, leaf, n);
    }

    /** Replaces an operator node with one of its arguments. */
    Expr deleteNode(Expr e, RandomGenerator r) {
        int i = pickNode(e, r, n -> !n.isLeaf());
        if (i < 0) return null;
        Expr n = e.node(i);
        return e.replace(i, n.arg(r.nextInt(n.arity())));
    }

    Expr randomize(Expr e, RandomGenerator r) {
        int i = r.nextInt(e.size());
        return e.replace(i, factory.grow(r, 1 + r.nextInt(3), false));
    }

    /** Sub-tree crossover: swaps a random sub-tree of each parent; invalid children fall back to parents. */
    Expr[] crossover(Expr a, Expr b, RandomGenerator r) {
        for (int attempt = 0; attempt < 8; attempt++) {
            int i = r.nextInt(a.size()), j = r.nextInt(b.size());
            Expr c1 = a.replace(i, b.node(j));
            Expr c2 = b.replace(j, a.node(i));
            boolean ok1 = factory.constraints().test(c1), ok2 = factory.constraints().test(c2);
            if (ok1 || ok2) return new Expr[] {ok1 ? c1 : a, ok2 ? c2 : b};
        }
        return new Expr[] {a, b};
    }
}
