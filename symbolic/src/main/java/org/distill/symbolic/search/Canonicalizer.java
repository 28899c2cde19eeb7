package org.distill.symbolic.search;

import java.util.Set;
import org.distill.symbolic.Op;
import org.distill.symbolic.expr.Expr;

/**
 * A cheap, allocation-light rewriter used inside the search: folds constant sub-trees, removes
 * identities ({@code x+0, x*1, x-x, x/x, --x}), moves constants of + and × to the right and merges
 * chains of constants ({@code (x*2)*3 → x*6}). Only produces operators from the allowed set, and
 * never changes the value of a finite expression (beyond rounding).
 */
final class Canonicalizer {
    private final Set<Op.Kind> allowed;

    Canonicalizer(Set<Op.Kind> allowed) {
        this.allowed = allowed;
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
        switch (op.kind()) {
            case ADD -> {
                if (a.isConstant() && !b.isConstant()) { Expr t = a; a = b; b = t; }
                if (isConst(b, 0)) return a;
                if (b.isConstant() && a.op() != null) {
                    Op.Kind k = a.op().kind();
                    if (k == Op.Kind.ADD && a.arg(1).isConstant()) return folded(Op.ADD, a.arg(0), a.arg(1).value() + b.value());
                    if (k == Op.Kind.SUB && a.arg(1).isConstant()) return folded(Op.ADD, a.arg(0), b.value() - a.arg(1).value());
                }
            }
            case SUB -> {
                if (isConst(b, 0)) return a;
                if (a.equals(b)) return Expr.constant(0);
                if (b.isConstant() && allowed.contains(Op.Kind.ADD)) {
                    return apply(Expr.of(Op.ADD, a, Expr.constant(-b.value())));
                }
            }
            case MUL -> {
                if (a.isConstant() && !b.isConstant()) { Expr t = a; a = b; b = t; }
                if (isConst(b, 1)) return a;
                if (isConst(b, 0)) return Expr.constant(0);
                if (b.isConstant() && a.op() != null) {
                    Op.Kind k = a.op().kind();
                    if (k == Op.Kind.MUL && a.arg(1).isConstant()) return folded(Op.MUL, a.arg(0), a.arg(1).value() * b.value());
                    if (k == Op.Kind.DIV && a.arg(1).isConstant()) return folded(Op.MUL, a.arg(0), b.value() / a.arg(1).value());
                    if (k == Op.Kind.DIV && a.arg(0).isConstant()) {
                        double c = a.arg(0).value() * b.value();
                        if (Double.isFinite(c)) return Expr.of(Op.DIV, Expr.constant(c), a.arg(1));
                    }
                }
            }
            case DIV -> {
                if (isConst(b, 1)) return a;
                if (a.equals(b)) return Expr.constant(1);
                if (b.isConstant() && b.value() != 0 && allowed.contains(Op.Kind.MUL)) {
                    return apply(Expr.of(Op.MUL, a, Expr.constant(1 / b.value())));
                }
                if (a.isConstant() && b.op() != null && b.op().kind() == Op.Kind.MUL && b.arg(1).isConstant()) {
                    double c = a.value() / b.arg(1).value();
                    if (Double.isFinite(c)) return Expr.of(Op.DIV, Expr.constant(c), b.arg(0));
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
