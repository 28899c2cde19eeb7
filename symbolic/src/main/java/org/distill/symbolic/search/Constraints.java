package org.distill.symbolic.search;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.distill.symbolic.expr.Expr;

/** Size, depth and nesting limits on expressions. */
record Constraints(int maxComplexity, int maxDepth, Set<List<String>> forbiddenNesting) implements Predicate<Expr> {

    @Override public boolean test(Expr e) {
        return e.complexity() <= maxComplexity && e.depth() <= maxDepth && nestingOk(e);
    }

    private boolean nestingOk(Expr e) {
        if (e.isLeaf() || forbiddenNesting.isEmpty()) return true;
        String outer = e.op().name();
        for (int i = 0; i < e.arity(); i++) {
            if (!forbiddenBelow(outer, e.arg(i))) return false;
            if (!nestingOk(e.arg(i))) return false;
        }
        return true;
    }

    /** False if an operator forbidden inside {@code outer} appears anywhere below it. */
    private boolean forbiddenBelow(String outer, Expr e) {
        if (e.isLeaf()) return true;
        if (forbiddenNesting.contains(List.of(outer, e.op().name()))) return false;
        for (int i = 0; i < e.arity(); i++) if (!forbiddenBelow(outer, e.arg(i))) return false;
        return true;
    }
}
