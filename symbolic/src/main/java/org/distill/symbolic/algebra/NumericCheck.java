package org.distill.symbolic.algebra;

import java.util.Random;
import org.distill.symbolic.expr.Expr;

/** Whether two expressions evaluate alike on fixed points: the numeric check of Symja's answers. */
final class NumericCheck {
    private NumericCheck() {}

    /**
     * Whether {@code b} evaluates like {@code a} on fixed pseudo-random points (see {@link #compare}):
     * at least one point where {@code a} is finite, and at most one in ten of those disagreeing
     * (round-off in cancellations can spoil a few).
     */
    static boolean agree(Expr a, Expr b) {
        int[] c = compare(a, b);
        return c[0] > 0 && c[1] * 10 <= c[0];
    }

    /**
     * Evaluates both expressions on 60 fixed pseudo-random points (values in [0.25, 3], in [-3, 3],
     * and of magnitude 0.01 to 10^4 with either sign) and returns {points where {@code a} is finite,
     * those among them where {@code b} is not finite or differs by more than a relative 1e-6}.
     */
    static int[] compare(Expr a, Expr b) {
        int n = Math.max(a.maxVariable(), b.maxVariable()) + 1;
        Random rnd = new Random(0x5EED);
        double[] row = new double[n];
        int compared = 0, mismatched = 0;
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = i < 20 ? 0.25 + 2.75 * rnd.nextDouble()
                        : i < 40 ? -3 + 6 * rnd.nextDouble()
                        : (rnd.nextInt(4) == 0 ? -1 : 1) * Math.pow(10, -2 + 6 * rnd.nextDouble());
            }
            double x = a.evaluate(row);
            if (!Double.isFinite(x)) continue;
            compared++;
            double y = b.evaluate(row);
            if (!Double.isFinite(y) || Math.abs(x - y) > 1e-6 * Math.max(Math.abs(x), Math.abs(y)) + 1e-12) {
                mismatched++;
            }
        }
        return new int[] {compared, mismatched};
    }
}
