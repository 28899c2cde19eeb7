package org.distill.symbolic.algebra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.matheclipse.core.interfaces.IExpr;

/** Simplifies expressions with Symja's {@code Simplify}, under a timeout (see {@link SymjaEngine}). */
public final class Simplifier {
    private Simplifier() {}

    /**
     * Simplifies {@code e} with Symja's {@code Simplify} and converts the result back, preferring
     * the operators in {@code allowed} (e.g. {@code x^2} becomes {@link Op#SQUARE} only if SQUARE is
     * allowed, else {@code POW(x, 2)}; {@code x^(1/2)} becomes SQRT if allowed). The result is
     * checked numerically against {@code e} on a few fixed points.
     *
     * @return the simplified expression, or empty on timeout, on failure, when the result uses
     *     functions that have no operator here, or when it does not evaluate like {@code e}
     */
    public static Optional<Expr> simplify(Expr e, Set<Op.Kind> allowed, Duration timeout) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(allowed, "allowed");
        SymjaEngine.checkTimeout(timeout);
        try {
            List<Op> userOps = new ArrayList<>();
            String input = "Simplify(" + SymjaConversion.toSymja(e, userOps) + ")";
            IExpr result = SymjaEngine.evaluate(input, timeout);
            if (result == null) return Optional.empty();
            Expr back = SymjaConversion.fromSymja(result, allowed, userOps);
            if (back == null || !NumericCheck.agree(e, back)) return Optional.empty();
            return Optional.of(back);
        } catch (RuntimeException | StackOverflowError ex) {
            return Optional.empty();
        }
    }
}
