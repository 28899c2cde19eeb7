package org.distill.examples.halos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.distill.neural.halos.HaloGraph;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

/** The baselines' and the composed formula's fits recover known constants from synthetic halos. */
class FormulaFitTest {
    /** A halo graph with random neighbours whose target follows {@code law} (filled in by the caller). */
    static HaloGraph graph(int nodes, long seed) {
        var random = new SplittableRandom(seed);
        double[] mass = new double[nodes], speed = new double[nodes], target = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            mass[i] = 5 + 200 * random.nextDouble();
            speed[i] = 100;
        }
        int degree = 8;
        int[] r = new int[nodes * degree], s = new int[nodes * degree];
        double[] d = new double[nodes * degree], v = new double[nodes * degree];
        for (int i = 0, e = 0; i < nodes; i++)
            for (int k = 0; k < degree; k++, e++) {
                r[e] = i;
                s[e] = (i + 1 + random.nextInt(nodes - 1)) % nodes;
                d[e] = 1 + 29 * random.nextDouble();
                v[e] = 100 * random.nextDouble();
            }
        return HaloGraph.of(mass, speed, target, r, s, d, v);
    }

    static HaloTable withTargets(HaloGraph g, HaloFormula f, double[] p, double noise, long seed) {
        HaloTable t = HaloTable.of(g);
        double[] y = f.predict(t, p);
        var random = new SplittableRandom(seed);
        for (int i = 0; i < y.length; i++) y[i] += noise * (random.nextDouble() - 0.5);
        return new HaloTable(t.mi(), t.vi(), y, t.offsets(), t.r(), t.edgeMi(), t.mj(), t.dv());
    }

    @Test
    void handMadeFormulaRecoversItsConstants() {
        HaloFormula f = HaloFormula.handMade(20);
        double[] truth = {-0.3, 2e-3, 4e-6};
        HaloTable t = withTargets(graph(600, 1), f, truth, 0, 0);
        FormulaFit fit = FormulaFit.of(f, t);
        assertThat(fit.error()).isLessThan(1e-6);
        assertThat(fit.p()[0]).isCloseTo(truth[0], within(1e-5));
        assertThat(fit.p()[1]).isCloseTo(truth[1], within(1e-7));
        assertThat(fit.p()[2]).isCloseTo(truth[2], within(1e-9));
    }

    @Test
    void constantIsTheMedianAndPaperFormFitsItsOwnLaw() {
        HaloTable c = withTargets(graph(101, 2), HaloFormula.constant(), new double[] {0.7}, 2, 3);
        FormulaFit constant = FormulaFit.of(HaloFormula.constant(), c);
        assertThat(constant.p()[0]).isEqualTo(FormulaFit.median(c.y()));

        HaloFormula paper = HaloFormula.paperForm();
        double[] truth = {-0.2, 50, 0.5, 2, 1, 0.08, 3};
        HaloTable t = withTargets(graph(500, 4), paper, truth, 0.02, 5);
        FormulaFit fit = FormulaFit.of(paper, t);
        double spread = FormulaFit.of(HaloFormula.constant(), t).error();
        // the law is recovered to the noise (uniform in ±0.01: mean |noise| 0.005), far below a constant's error
        assertThat(fit.error()).isLessThan(0.0075).isLessThan(spread / 10);
    }

    @Test
    void composedFormulaSumsTheMessageOverNeighbours() {
        // phi = Mj/(c0 + r*r), psi = c1 + c2*e
        Expr r = Expr.variable(0), mj = Expr.variable(2), e = Expr.variable(1), mi = Expr.variable(0);
        Expr phi = Expr.of(Op.DIV, mj, Expr.of(Op.ADD, Expr.constant(1), Expr.of(Op.MUL, r, r)));
        Expr psi = Expr.of(Op.ADD, Expr.constant(0.5), Expr.of(Op.MUL, Expr.constant(1), e));
        HaloFormula f = HaloFormula.composed(phi, psi, 25);
        HaloGraph g = graph(300, 6);
        double[] truth = {10, -1, 0.02};
        HaloTable t = withTargets(g, f, truth, 0, 0);
        // by hand for halo 0
        double sum = 0;
        for (int k = t.offsets()[0]; k < t.offsets()[1]; k++) sum += t.mj()[k] / (10 + t.r()[k] * t.r()[k]);
        assertThat(t.y()[0]).isCloseTo(-1 + 0.02 * sum, within(1e-12));
        FormulaFit fit = FormulaFit.of(f, t);
        assertThat(fit.error()).isLessThan(1e-6);
        assertThat(fit.p()).containsExactly(new double[] {10, -1, 0.02}, within(1e-4));
        assertThat(fit.text()).startsWith("delta = ").contains("sum_{r < 25}");
        assertThat(fit.latex()).contains("\\sum");
        assertThat(List.of(f.starts().get(0)[0], f.starts().get(0)[1], f.starts().get(0)[2])).containsExactly(1.0, 0.5, 1.0);
    }
}
