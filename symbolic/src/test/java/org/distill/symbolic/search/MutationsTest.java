package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;

class MutationsTest {
    private final List<Op> ops = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SIN, Op.COS, Op.EXP);
    private final Constraints limits = new Constraints(12, 5, Set.of(List.of("sin", "sin"), List.of("exp", "exp"),
            List.of("sin", "cos"), List.of("cos", "sin")));
    private final TreeFactory factory = new TreeFactory(ops, 3, limits);
    private final Mutations mutations = new Mutations(factory, new Canonicalizer(EnumSet.allOf(Op.Kind.class)));

    @Test
    void everyMutationAndCrossoverRespectsTheConstraints() {
        SplittableRandom r = new SplittableRandom(5);
        Expr e = factory.random(r), other = factory.random(r);
        for (int i = 0; i < 20_000; i++) {
            e = mutations.mutate(e, r);
            assertThat(limits.test(e)).as("%s", e).isTrue();
            if (i % 10 == 0) {
                Expr[] kids = mutations.crossover(e, other, r);
                assertThat(limits.test(kids[0]) && limits.test(kids[1])).isTrue();
                other = kids[1];
            }
            assertThat(e.maxVariable()).isLessThan(3);
        }
    }

    @Test
    void nestingConstraintLooksThroughIntermediateNodes() {
        Expr x = Expr.variable(0);
        assertThat(limits.test(Expr.of(Op.SIN, Expr.of(Op.ADD, x, Expr.of(Op.SIN, x))))).isFalse();
        assertThat(limits.test(Expr.of(Op.SIN, Expr.of(Op.EXP, x)))).isTrue();
        assertThat(limits.test(Expr.of(Op.EXP, Expr.of(Op.MUL, x, Expr.of(Op.EXP, x))))).isFalse();
    }

    @Test
    void eachKindChangesTheTreeSomehow() {
        SplittableRandom r = new SplittableRandom(6);
        Expr e = Expr.of(Op.ADD, Expr.of(Op.MUL, Expr.variable(0), Expr.constant(2)), Expr.of(Op.SIN, Expr.variable(1)));
        for (Mutations.Kind kind : Mutations.Kind.values()) {
            if (kind == Mutations.Kind.SIMPLIFY) continue;
            boolean changed = false;
            for (int t = 0; t < 50 && !changed; t++) {
                Expr m = mutations.apply(kind, e, r);
                changed = m != null && !m.equals(e);
            }
            assertThat(changed).as(kind.name()).isTrue();
        }
    }
}
