package org.distill.symbolic.algebra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;

/** What the tests of this package share: variables, operator sets, a timeout, a slow expression. */
final class AlgebraFixtures {
    static final List<String> XY = List.of("x", "y");
    static final Set<Op.Kind> ALL = EnumSet.complementOf(EnumSet.of(Op.Kind.USER));
    static final Set<Op.Kind> DEFAULTS =
            Op.DEFAULTS.stream().map(Op::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(Op.Kind.class)));
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private AlgebraFixtures() {}

    /** Loads Symja on a background daemon thread and waits for it (at most 30 s). */
    static void warmUp() throws InterruptedException {
        Thread t = SymjaEngine.warmUpInBackground();
        assertThat(t.isDaemon()).isTrue();
        t.join(30_000);
    }

    static Expr parse(String text) {
        return Parser.parse(text, XY);
    }

    /** (x + y + 3)^n expanded into monomials, over (x + y + 3)^(n - 1): slow for Simplify. */
    static Expr slowExpression(int n) {
        Expr sum = null;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; i + j <= n; j++) {
                int k = n - i - j;
                double coef = multinomial(n, i, j) * Math.pow(3, k);
                Expr term = Expr.constant(coef);
                if (i > 0) term = Expr.of(Op.MUL, term, Expr.of(Op.POW, Expr.variable(0), Expr.constant(i)));
                if (j > 0) term = Expr.of(Op.MUL, term, Expr.of(Op.POW, Expr.variable(1), Expr.constant(j)));
                sum = sum == null ? term : Expr.of(Op.ADD, sum, term);
            }
        }
        Expr base = parse("x + y + 3");
        return Expr.of(Op.ADD, Expr.of(Op.DIV, sum, Expr.of(Op.POW, base, Expr.constant(n - 1))), parse("sin(x)^2*cos(y)^3"));
    }

    private static double multinomial(int n, int i, int j) {
        double r = 1;
        for (int a = 1; a <= n; a++) r *= a;
        for (int a = 1; a <= i; a++) r /= a;
        for (int a = 1; a <= j; a++) r /= a;
        for (int a = 1; a <= n - i - j; a++) r /= a;
        return Math.rint(r);
    }
}
