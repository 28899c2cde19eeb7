package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;

class CanonicalizerTest {
    private static final Expr X = Expr.variable(0), Y = Expr.variable(1);
    private final Canonicalizer c = new Canonicalizer(EnumSet.allOf(Op.Kind.class));

    private static Expr k(double v) { return Expr.constant(v); }

    @Test
    void removesIdentitiesAndFoldsConstants() {
        assertThat(c.apply(Expr.of(Op.ADD, X, k(0)))).isEqualTo(X);
        assertThat(c.apply(Expr.of(Op.MUL, k(1), X))).isEqualTo(X);
        assertThat(c.apply(Expr.of(Op.SUB, Expr.of(Op.SIN, X), Expr.of(Op.SIN, X)))).isEqualTo(k(0));
        assertThat(c.apply(Expr.of(Op.DIV, Y, Y))).isEqualTo(k(1));
        assertThat(c.apply(Expr.of(Op.NEG, Expr.of(Op.NEG, X)))).isEqualTo(X);
        assertThat(c.apply(Expr.of(Op.MUL, Expr.of(Op.ADD, k(2), k(3)), X))).isEqualTo(Expr.of(Op.MUL, X, k(5)));
        assertThat(c.apply(Expr.of(Op.MUL, Expr.of(Op.MUL, X, k(2)), k(3)))).isEqualTo(Expr.of(Op.MUL, X, k(6)));
        assertThat(c.apply(Expr.of(Op.ADD, Expr.of(Op.SUB, X, k(2)), k(3)))).isEqualTo(Expr.of(Op.ADD, X, k(1)));
        assertThat(c.apply(Expr.of(Op.DIV, X, k(4)))).isEqualTo(Expr.of(Op.MUL, X, k(0.25)));
    }

    @Test
    void mergesConstantsSpreadThroughProductsAndSums() {
        Expr product = Expr.of(Op.MUL, Expr.of(Op.MUL, X, k(2)), Expr.of(Op.MUL, k(3), Expr.of(Op.SIN, Y)));
        assertThat(c.apply(product)).isEqualTo(Expr.of(Op.MUL, Expr.of(Op.MUL, X, Expr.of(Op.SIN, Y)), k(6)));
        Expr sum = Expr.of(Op.ADD, Expr.of(Op.ADD, k(1), X), Expr.of(Op.ADD, Y, k(2)));
        assertThat(c.apply(sum)).isEqualTo(Expr.of(Op.ADD, Expr.of(Op.ADD, X, Y), k(3)));
        assertThat(c.apply(Expr.of(Op.MUL, Expr.of(Op.MUL, X, k(0.5)), k(2)))).isEqualTo(X);
    }

    @Test
    void keepsDivisionWhenMultiplicationIsNotAllowed() {
        Canonicalizer noMul = new Canonicalizer(EnumSet.of(Op.Kind.ADD, Op.Kind.DIV));
        Expr e = Expr.of(Op.DIV, X, k(4));
        assertThat(noMul.apply(e)).isEqualTo(e);
    }

    @Test
    void neverChangesTheValueOfRandomTrees() {
        List<Op> ops = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.NEG, Op.SIN, Op.EXP);
        TreeFactory f = new TreeFactory(ops, 2, new Constraints(40, 8, java.util.Set.of()));
        SplittableRandom r = new SplittableRandom(1);
        Random rows = new Random(2);
        for (int t = 0; t < 2000; t++) {
            Expr e = f.grow(r, 5, false);
            Expr s = c.apply(e);
            assertThat(s.size()).isLessThanOrEqualTo(e.size());
            for (int i = 0; i < 5; i++) {
                double[] row = {rows.nextDouble() * 4 - 2, rows.nextDouble() * 4 - 2};
                double a = e.evaluate(row), b = s.evaluate(row);
                if (Double.isFinite(a) && Math.abs(a) < 1e8) {
                    assertThat(b).as("%s -> %s at %s", e, s, java.util.Arrays.toString(row))
                            .isCloseTo(a, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(a))));
                }
            }
        }
    }
}
