package org.distill.symbolic.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.distill.symbolic.expr.Expr;

/**
 * Size, depth and nesting limits on expressions. A forbidden pair {@code (outer, inner)} (operator
 * names) forbids {@code inner} anywhere below {@code outer}, e.g. {@code sin(x + sin(y))}. The test
 * is one pass over the tree, carrying a bit set of the operators above the current node.
 */
final class Constraints implements Predicate<Expr> {
    private final int maxComplexity;
    private final int maxDepth;
    private final Map<String, Integer> index = new HashMap<>();
    /** For the operator with index j: bits of the outer operators that forbid it below them. */
    private long[] forbiddenUnder = new long[0];

    Constraints(int maxComplexity, int maxDepth, Set<List<String>> forbiddenNesting) {
        this.maxComplexity = maxComplexity;
        this.maxDepth = maxDepth;
        for (List<String> pair : forbiddenNesting) {
            int outer = id(pair.get(0)), inner = id(pair.get(1));
            if (outer >= 64) throw new IllegalArgumentException("at most 64 operators may take part in nesting rules");
            forbiddenUnder[inner] |= 1L << outer;
        }
    }

    private int id(String name) {
        Integer i = index.get(name);
        if (i != null) return i;
        int j = index.size();
        index.put(name, j);
        forbiddenUnder = java.util.Arrays.copyOf(forbiddenUnder, j + 1);
        return j;
    }

    int maxDepth() { return maxDepth; }

    @Override public boolean test(Expr e) {
        return e.complexity() <= maxComplexity && e.depth() <= maxDepth && (index.isEmpty() || nestingOk(e, 0L));
    }

    private boolean nestingOk(Expr e, long above) {
        if (e.isLeaf()) return true;
        Integer j = index.get(e.op().name());
        long here = above;
        if (j != null) {
            if ((forbiddenUnder[j] & above) != 0) return false;
            if (j < 64) here |= 1L << j;
        }
        for (int i = 0; i < e.arity(); i++) if (!nestingOk(e.arg(i), here)) return false;
        return true;
    }
}
