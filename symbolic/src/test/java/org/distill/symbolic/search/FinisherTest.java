package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.distill.symbolic.expr.Printer;
import org.junit.jupiter.api.Test;

/** The finisher's snapping of constants. */
class FinisherTest {

    private static Finisher finisher(Columns data) {
        SymbolicRegressor.Options o = SymbolicRegressor.builder().build().options();
        Set<Op.Kind> allowed = EnumSet.noneOf(Op.Kind.class);
        for (Op op : o.operators()) allowed.add(op.kind());
        return new Finisher(o, data, allowed, new Canonicalizer(allowed));
    }

    @Test
    void aScaleThatTheOtherConstantsAbsorbIsSnappedToOne() {
        // Feynman II.11.28, 1 + nα/(1 − nα/3) = 9/(3 − nα) − 2, as the search of seed 0 left it (5 Dec 2026): numerator
        // and denominator scaled alike by 25.41, so that no constant but the −2 was near a simple value.
        int n = 200;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1.0 * i / n;
            y[i] = 1 + x[i] / (1 - x[i] / 3);
        }
        Columns data = new Columns(new double[][] {x}, y, null, n);
        Finisher f = finisher(data);
        Expr found = Parser.parse("-228.7308338/(25.4145370889*x - 76.2436112667) - 2", List.of("x"));
        Expr snapped = f.snap(found, f.loss(found), Long.MAX_VALUE);
        System.out.println(Printer.plain(snapped, List.of("x")));
        // −3/(x/3 − 1) − 2 or 9/(3 − x) − 2, whichever constant is absorbed first: every constant a sixth of an integer
        for (double c : snapped.constants())
            assertThat(6 * c).as(Printer.plain(snapped, List.of("x"))).isCloseTo(Math.rint(6 * c), within(1e-9));
        for (double v : new double[] {0.1, 0.5, 0.95, 2})
            assertThat(snapped.evaluate(new double[] {v})).isCloseTo(1 + v / (1 - v / 3), within(1e-12));
        // A constant that no other can absorb stays: 25.41·x − 7 is no quotient.
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = 25.4145370889 * x[i] - 7;
        Finisher g = finisher(new Columns(new double[][] {x}, z, null, n));
        Expr line = Parser.parse("25.4145370889*x - 7", List.of("x"));
        assertThat(g.snap(line, g.loss(line), Long.MAX_VALUE).constants()).contains(25.4145370889);
    }
}
