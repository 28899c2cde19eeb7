package org.distill.symbolic.search;

import java.util.ArrayList;
import java.util.List;
import org.distill.symbolic.expr.Expr;

/** The best expression found at each complexity, with its loss. Not thread-safe. */
final class HallOfFame {
    record Entry(Expr expr, double loss) {}

    private final Entry[] best;

    HallOfFame(int maxComplexity) {
        best = new Entry[maxComplexity + 1];
    }

    /** Keeps {@code e} if it beats the entry at its complexity; ties keep the older entry. */
    boolean offer(Expr e, double loss) {
        int c = e.complexity();
        if (c >= best.length || !(loss < Double.POSITIVE_INFINITY)) return false;
        Entry cur = best[c];
        if (cur == null || loss < cur.loss) {
            best[c] = new Entry(e, loss);
            return true;
        }
        return false;
    }

    /** Would an expression of this complexity and loss enter? */
    boolean wouldAccept(int complexity, double loss) {
        if (complexity >= best.length) return false;
        Entry cur = best[complexity];
        return cur == null || loss < cur.loss;
    }

    double bestLoss() {
        double m = Double.POSITIVE_INFINITY;
        for (Entry e : best) if (e != null) m = Math.min(m, e.loss);
        return m;
    }

    /** Entries in order of complexity. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : best) if (e != null) out.add(e);
        return out;
    }

    void clear() {
        java.util.Arrays.fill(best, null);
    }
}
