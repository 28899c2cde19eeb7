package org.distill.symbolic.search;

import java.util.Set;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;

/**
 * A cheap, allocation-light rewriter used inside the search: folds constant sub-trees, removes
 * identities ({@code x+0, x*1, x-x, x/x, --x}), moves constants of + and × to the right and merges
 * chains of constants ({@code (x*2)*3 → x*6}). Only produces operators from the allowed set, and
 * never changes the value of a finite expression (beyond rounding).
 */
final class Canonicalizer {
    private final Set<Op.Kind> allowed;
    /** The configured operator of each built-in kind (its complexity may differ from the default). */
    private final java.util.Map<Op.Kind, Op> configured = new java.util.EnumMap<>(Op.Kind.class);

    /** A canonicaliser for the default built-in operators of the given kinds. */
    Canonicalizer(Set<Op.Kind> allowed) {
        this.allowed = allowed;
    }

    /** A canonicaliser that builds nodes with the configured operators (and their complexities). */
    static Canonicalizer of(java.util.List<Op> operators) {
        Set<Op.Kind> kinds = java.util.EnumSet.noneOf(Op.Kind.class);
        for (Op op : operators) kinds.add(op.kind());
        Canonicalizer c = new Canonicalizer(kinds);
        for (Op op : operators) if (op.isBuiltin()) c.configured.put(op.kind(), op);
        return c;
    }

    /** The configured operator of a built-in kind, or the default one. */
    Op op(Op.Kind kind) {
        Op op = configured.get(kind);
        if (op != null) return op;
        for (Op b : Op.BUILTINS) if (b.kind() == kind) return b;
        throw new IllegalArgumentException("not a built-in kind: " + kind);
    }

    /** The same tree with every built-in operator replaced by the configured one of its kind. */
    Expr remap(Expr e) {
        if (e.isLeaf() || configured.isEmpty()) return e;
        Expr[] args = new Expr[e.arity()];
        boolean changed = false;
        for (int i = 0; i < args.length; i++) {
            args[i] = remap(e.arg(i));
            changed |= args[i] != e.arg(i);
        }
        Op op = e.op().isBuiltin() ? configured.getOrDefault(e.op().kind(), e.op()) : e.op();
        changed |= op != e.op();
        return changed ? Expr.of(op, args) : e;
    }

    Expr apply(Expr e) {
        if (e.isLeaf()) return e;
        Expr a = apply(e.arg(0));
        Expr b = e.arity() == 2 ? apply(e.arg(1)) : null;
        Op op = e.op();
        if (a.isConstant() && (b == null || b.isConstant())) {
            double v = b == null ? op.apply(a.value()) : op.apply(a.value(), b.value());
            if (Double.isFinite(v)) return Expr.constant(v);
        }
        if (b == null) {
            if (op.kind() == Op.Kind.NEG && a.op() != null && a.op().kind() == Op.Kind.NEG) return a.arg(0);
            return a == e.arg(0) ? e : Expr.of(op, a);
        }
        if (op.kind() == Op.Kind.ADD || op.kind() == Op.Kind.MUL) {
            Expr merged = mergeConstants(op, a, b);
            if (merged != null) return merged;
        }
        switch (op.kind()) {
            case ADD -> {
                if (a.isConstant() && !b.isConstant()) { Expr t = a; a = b; b = t; }
                if (isConst(b, 0)) return a;
                if (b.isConstant() && a.op() != null) {
                    Op.Kind k = a.op().kind();
                    if (k == Op.Kind.ADD && a.arg(1).isConstant()) return folded(op(Op.Kind.ADD), a.arg(0), a.arg(1).value() + b.value());
                    if (k == Op.Kind.SUB && a.arg(1).isConstant()) return folded(op(Op.Kind.ADD), a.arg(0), b.value() - a.arg(1).value());
                }
            }
            case SUB -> {
                if (isConst(b, 0)) return a;
                if (a.equals(b)) return Expr.constant(0);
                if (b.isConstant() && allowed.contains(Op.Kind.ADD)) {
                    return apply(Expr.of(op(Op.Kind.ADD), a, Expr.constant(-b.value())));
                }
            }
            case MUL -> {
                if (a.isConstant() && !b.isConstant()) { Expr t = a; a = b; b = t; }
                if (isConst(b, 1)) return a;
                if (isConst(b, 0)) return Expr.constant(0);
                if (b.isConstant() && a.op() != null) {
                    Op.Kind k = a.op().kind();
                    if (k == Op.Kind.MUL && a.arg(1).isConstant()) return folded(op(Op.Kind.MUL), a.arg(0), a.arg(1).value() * b.value());
                    if (k == Op.Kind.DIV && a.arg(1).isConstant()) return folded(op(Op.Kind.MUL), a.arg(0), b.value() / a.arg(1).value());
                    if (k == Op.Kind.DIV && a.arg(0).isConstant()) {
                        double c = a.arg(0).value() * b.value();
                        if (Double.isFinite(c)) return Expr.of(op(Op.Kind.DIV), Expr.constant(c), a.arg(1));
                    }
                }
            }
            case DIV -> {
                if (isConst(b, 1)) return a;
                if (a.equals(b)) return Expr.constant(1);
                if (b.isConstant() && b.value() != 0 && allowed.contains(Op.Kind.MUL)) {
                    return apply(Expr.of(op(Op.Kind.MUL), a, Expr.constant(1 / b.value())));
                }
                if (a.isConstant() && b.op() != null && b.op().kind() == Op.Kind.MUL && b.arg(1).isConstant()) {
                    double c = a.value() / b.arg(1).value();
                    if (Double.isFinite(c)) return Expr.of(op(Op.Kind.DIV), Expr.constant(c), b.arg(0));
                }
            }
            case POW -> {
                if (isConst(b, 1)) return a;
                if (isConst(b, 0)) return Expr.constant(1);
            }
            default -> { }
        }
        return a == e.arg(0) && b == e.arg(1) ? e : Expr.of(op, a, b);
    }

    /**
     * Flattens a chain of one associative operator (+ or ×) and merges its constants into one,
     * placed last: {@code (x·2)·(y·3) → x·y·6}. Returns null when there are fewer than two
     * constants to merge.
     */
    private static Expr mergeConstants(Op op, Expr a, Expr b) {
        java.util.List<Expr> terms = new java.util.ArrayList<>();
        double[] acc = {op.kind() == Op.Kind.MUL ? 1 : 0};
        int constants = collect(op.kind(), a, terms, acc) + collect(op.kind(), b, terms, acc);
        if (constants < 2 || !Double.isFinite(acc[0])) return null;
        double c = acc[0];
        if (op.kind() == Op.Kind.MUL && c == 0) return Expr.constant(0);
        if (terms.isEmpty()) return Expr.constant(c);
        Expr out = terms.get(0);
        for (int i = 1; i < terms.size(); i++) out = Expr.of(op, out, terms.get(i));
        boolean identity = op.kind() == Op.Kind.MUL ? c == 1 : c == 0;
        return identity ? out : Expr.of(op, out, Expr.constant(c));
    }

    private static int collect(Op.Kind kind, Expr e, java.util.List<Expr> terms, double[] acc) {
        if (e.isConstant()) {
            acc[0] = kind == Op.Kind.MUL ? acc[0] * e.value() : acc[0] + e.value();
            return 1;
        }
        if (e.op() != null && e.op().kind() == kind) {
            return collect(kind, e.arg(0), terms, acc) + collect(kind, e.arg(1), terms, acc);
        }
        terms.add(e);
        return 0;
    }

    private static Expr folded(Op op, Expr a, double c) {
        if (!Double.isFinite(c)) return Expr.of(op, a, Expr.constant(c));
        if (op.kind() == Op.Kind.ADD && c == 0) return a;
        if (op.kind() == Op.Kind.MUL && c == 1) return a;
        if (op.kind() == Op.Kind.MUL && c == 0) return Expr.constant(0);
        return Expr.of(op, a, Expr.constant(c));
    }

    private static boolean isConst(Expr e, double v) {
        return e.isConstant() && e.value() == v;
    }
}
