package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.distill.symbolic.expr.Printer;
import org.junit.jupiter.api.Test;

/** The log-target stage ({@code logTarget}): when it runs, its budget, and the laws it makes findable. */
class LogTargetTest {

    private static final ToDoubleFunction<double[]> GAUSSIAN = v -> Math.exp(-v[0] * v[0] / 2) / Math.sqrt(2 * Math.PI);

    private static Columns columns(double... y) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) x[i] = i;
        return new Columns(new double[][] {x}, y, null, y.length);
    }

    @Test
    void runsOnATargetOfOneSignWithExpAndLogAmongTheOperators() {
        SymbolicRegressor.Options on = SymbolicRegressor.builder().build().options();
        assertThat(on.logTarget()).isTrue();
        assertThat(LogTarget.applies(on, columns(1, 2, 3))).isTrue();
        assertThat(LogTarget.applies(on, columns(-1, -2, -3))).isTrue();
        assertThat(LogTarget.applies(on, columns(1, -2, 3))).isFalse();
        assertThat(LogTarget.applies(on, columns(1, 0, 3))).isFalse();
        assertThat(LogTarget.applies(on, columns(1, Double.NaN, 3))).isFalse();
        assertThat(LogTarget.applies(on.toBuilder().logTarget(false).build().options(), columns(1, 2, 3))).isFalse();
        assertThat(LogTarget.applies(on.toBuilder().linearScaling(false).build().options(), columns(1, 2, 3))).isFalse();
        assertThat(LogTarget.applies(on.toBuilder().operators(Op.ADD, Op.MUL, Op.LOG).build().options(), columns(1, 2, 3)))
                .isFalse();
        assertThat(LogTarget.applies(on.toBuilder().operators(Op.ADD, Op.MUL, Op.EXP).build().options(), columns(1, 2, 3)))
                .isFalse();
        assertThat(LogTarget.applies(on.toBuilder().operators(Op.ADD, Op.MUL, Op.EXP, Op.LOG).build().options(),
                columns(1, 2, 3))).isTrue();
        assertThat(LogTarget.applies(on.toBuilder().template("f(x0) + c1").build().options(), columns(1, 2, 3))).isFalse();
    }

    @Test
    void powerStagesRunOnATargetOfOneSignWithTheirOperators() {
        SymbolicRegressor.Options on = SymbolicRegressor.builder().build().options();
        assertThat(on.powerTargets()).isTrue();
        LogTarget.Kind inv = LogTarget.Kind.RECIPROCAL, sq = LogTarget.Kind.SQUARE;
        assertThat(LogTarget.applies(inv, on, columns(1, 2, 3))).isTrue();
        assertThat(LogTarget.applies(inv, on, columns(-1, -2, -3))).isTrue();
        assertThat(LogTarget.applies(inv, on, columns(1, -2, 3))).isFalse();
        assertThat(LogTarget.applies(inv, on, columns(1, 0, 3))).isFalse();
        // y² takes zeros (√ of a square is |y|), not two signs nor NaN
        assertThat(LogTarget.applies(sq, on, columns(0, 2, 3))).isTrue();
        assertThat(LogTarget.applies(sq, on, columns(0, -2, -3))).isTrue();
        assertThat(LogTarget.applies(sq, on, columns(0, -2, 3))).isFalse();
        assertThat(LogTarget.applies(sq, on, columns(1, Double.NaN, 3))).isFalse();
        SymbolicRegressor.Options off = on.toBuilder().powerTargets(false).build().options();
        assertThat(LogTarget.applies(inv, off, columns(1, 2, 3))).isFalse();
        assertThat(LogTarget.applies(sq, off, columns(1, 2, 3))).isFalse();
        assertThat(LogTarget.applies(LogTarget.Kind.LOG, off, columns(1, 2, 3))).isTrue();
        SymbolicRegressor.Options noDiv = on.toBuilder().operators(Op.ADD, Op.MUL, Op.SQRT).build().options();
        assertThat(LogTarget.applies(inv, noDiv, columns(1, 2, 3))).isFalse();
        assertThat(LogTarget.applies(sq, noDiv, columns(1, 2, 3))).isTrue();
        assertThat(LogTarget.applies(sq, on.toBuilder().operators(Op.ADD, Op.MUL, Op.DIV).build().options(),
                columns(1, 2, 3))).isFalse();
        assertThat(LogTarget.applies(inv, on.toBuilder().linearScaling(false).build().options(), columns(1, 2, 3))).isFalse();
        assertThat(LogTarget.applies(sq, on.toBuilder().template("f(x0) + c1").build().options(), columns(1, 2, 3))).isFalse();
    }

    @Test
    void theReciprocalStageSeedsBoseEinstein() {
        // Feynman III.4.32, 1/(exp(ħω/kT) − 1): exp(ħω/kT) − 1 for the stage, a short tree under linear scaling.
        ToDoubleFunction<double[]> law = v -> 1 / (Math.exp(v[0] / v[1]) - 1);
        Dataset data = SymbolicRegressorTest.sample(200, 2, 1, 5, 11, law).withVariables("w", "T");
        SymbolicRegressor.Options o = SymbolicRegressor.builder().generations(100).threads(2).seed(1).logTarget(false)
                .build().options();
        LogTarget.Stage stage = LogTarget.runAll(o, data.view(), data.variables(), new java.util.concurrent.atomic.AtomicBoolean());
        // the reciprocal stage solved 1/y, so the square stage did not run: 3 of the 100 generations, a fortieth
        assertThat(stage.share()).isEqualTo(LogTarget.POWER_SHARE);
        assertThat(stage.reservedGenerations()).isEqualTo(3);
        assertThat(stage.seeds()).allMatch(e -> e.op() == Op.DIV).anySatisfy(e -> {
            for (double[] v : new double[][] {{1.5, 2}, {4, 1.2}, {2, 4.5}})
                assertThat(e.evaluate(v)).isCloseTo(law.applyAsDouble(v), org.assertj.core.data.Percentage.withPercentage(1e-6));
        });
        SymbolicRegressor.Options left = LogTarget.remaining(o, stage);
        assertThat(left.generations()).isEqualTo(97);
        ParetoFront front = SymbolicRegressor.builder().generations(100).threads(2).seed(1).build().fit(data);
        for (Equation e : front.equations()) System.out.println(e.complexity() + "  " + e.loss() + "  " + e);
        SymbolicRegressorTest.assertRecovers(front.best(), 2, 1, 5, law);
    }

    @Test
    void theSquareStageSeedsAWaveNumber() {
        // Feynman II.24.17, √(ω²/c² − π²/d²) with u = ω/c: u² − π²/d², a sum of two terms for the stage.
        ToDoubleFunction<double[]> law = v -> Math.sqrt(v[0] * v[0] - Math.PI * Math.PI / (v[1] * v[1]));
        Dataset data = SymbolicRegressorTest.sample(200, 2, 2, 4, 12, law).withVariables("u", "d");
        SymbolicRegressor.Options o = SymbolicRegressor.builder().generations(400).threads(2).seed(1).logTarget(false)
                .build().options();
        LogTarget.Stage stage = LogTarget.runAll(o, data.view(), data.variables(), new java.util.concurrent.atomic.AtomicBoolean());
        // the reciprocal stage did not solve 1/y, so both ran: a twentieth of the budget in all, 10 + 10 generations
        assertThat(stage.share()).isEqualTo(2 * LogTarget.POWER_SHARE);
        assertThat(stage.reservedGenerations()).isEqualTo(20);
        assertThat(stage.seeds()).anySatisfy(e -> {
            assertThat(e.op()).isEqualTo(Op.SQRT);
            for (double[] v : new double[][] {{2.5, 2.2}, {3.8, 3.9}, {2, 4}})
                assertThat(e.evaluate(v)).isCloseTo(law.applyAsDouble(v), org.assertj.core.data.Percentage.withPercentage(1e-6));
        });
    }

    @Test
    void takesATenthOfEachBudgetFromTheSearch() {
        SymbolicRegressor.Options o = SymbolicRegressor.builder().timeLimit(Duration.ofSeconds(60)).generations(300)
                .maxEvaluations(1_000_000).targetLoss(1e-12).build().options();
        // var y = 4, var log|y| = 0.5: the stage's target loss is as far below its variance (1e-12 / 4 of it).
        SymbolicRegressor.Options stage = LogTarget.stageOptions(o, 4, 0.5);
        assertThat(stage.timeLimit()).isEqualTo(Duration.ofSeconds(6));
        assertThat(stage.generations()).isEqualTo(30);
        assertThat(stage.maxEvaluations()).isEqualTo(100_000);
        assertThat(stage.targetLoss()).isCloseTo(1.25e-13, org.assertj.core.data.Offset.offset(1e-25));
        assertThat(stage.simplify()).isFalse();
        assertThat(stage.logTarget()).isFalse();
        SymbolicRegressor.Options left = LogTarget.remaining(o,
                new LogTarget.Stage(List.of(), 30, 90_000, Duration.ofMillis(6_500), 30, LogTarget.SHARE));
        assertThat(left.timeLimit()).isEqualTo(Duration.ofMillis(53_500));
        assertThat(left.generations()).isEqualTo(270);
        assertThat(left.maxEvaluations()).isEqualTo(910_000);
        // A search stopped only by a target loss gives the stage a few generations.
        SymbolicRegressor.Options target = SymbolicRegressor.builder().targetLoss(1e-9).build().options();
        assertThat(LogTarget.stageOptions(target, 1, 1).generations()).isEqualTo(LogTarget.UNBOUNDED_GENERATIONS);
        assertThat(LogTarget.remaining(target, LogTarget.Stage.NONE).generations()).isZero();
    }

    @Test
    void seedsOnlyWhatNearlyExplainsTheLogTarget() {
        SymbolicRegressor.Options o = SymbolicRegressor.builder().generations(200).threads(2).seed(1).build().options();
        Dataset gaussian = SymbolicRegressorTest.sample(200, 1, 1, 3, 5, GAUSSIAN).withVariables("theta");
        LogTarget.Stage found = LogTarget.run(o, gaussian.view(), gaussian.variables(), new java.util.concurrent.atomic.AtomicBoolean());
        // exp(f) of the stage's equations, written without exp(log …); the best is the Gaussian itself
        assertThat(found.seeds()).isNotEmpty().allMatch(e -> Printer.plain(e, null).contains("exp("))
                .anySatisfy(e -> {
                    for (double t = 1; t <= 3; t += 0.25)
                        assertThat(e.evaluate(new double[] {t})).isCloseTo(GAUSSIAN.applyAsDouble(new double[] {t}),
                                org.assertj.core.data.Percentage.withPercentage(1e-6));
                });
        assertThat(found.evaluations()).isPositive();
        // Positive noise: nothing explains log y to R² 0.99, so nothing seeds the search.
        java.util.Random random = new java.util.Random(8);
        Dataset noise = SymbolicRegressorTest.sample(200, 1, 1, 3, 5, v -> 1 + random.nextDouble()).withVariables("theta");
        LogTarget.Stage none = LogTarget.run(o, noise.view(), noise.variables(), new java.util.concurrent.atomic.AtomicBoolean());
        assertThat(none.seeds()).isEmpty();
        assertThat(none.evaluations()).isPositive();
    }

    @Test
    void findsAGaussianThatTheSearchAloneMisses() {
        // Feynman I.6.2a, exp(−θ²/2)/√(2π) on θ in [1, 3]: a parabola in log space.
        Dataset data = SymbolicRegressorTest.sample(200, 1, 1, 3, 5, GAUSSIAN).withVariables("theta");
        SymbolicRegressor.Builder b = SymbolicRegressor.builder().generations(60).threads(2).seed(1);
        ParetoFront front = b.build().fit(data);
        for (Equation e : front.equations()) System.out.println(e.complexity() + "  " + e.loss() + "  " + e);
        SymbolicRegressorTest.assertRecovers(front.best(), 1, 1, 3, GAUSSIAN);
        assertThat(front.best().loss()).isLessThan(1e-25);
        // The same budget without the stage ends on a smooth imitation.
        Equation without = b.logTarget(false).build().fit(data).best();
        assertThat(without.loss()).isGreaterThan(1e-20);
    }

    @Test
    void findsABoltzmannFactor() {
        // Feynman I.40.1, n₀·exp(−m·g·x/(k_B·T)), variables in [1, 5]: a sum of two terms in log space.
        ToDoubleFunction<double[]> law = v -> v[0] * Math.exp(-v[1] * v[2] * v[3] / (v[4] * v[5]));
        Dataset data = SymbolicRegressorTest.sample(300, 6, 1, 5, 7, law).withVariables("n_0", "m", "g", "x", "kb", "T");
        ParetoFront front = SymbolicRegressor.builder().generations(200).threads(2).seed(2).build().fit(data);
        for (Equation e : front.equations()) System.out.println(e.complexity() + "  " + e.loss() + "  " + e);
        SymbolicRegressorTest.assertRecovers(front.best(), 6, 1, 5, law);
    }

    @Test
    void seedsTheExponentialWithoutTheExpOfALog() {
        // The default nesting rules forbid log inside exp, so exp(f) of a stage equation with a log would be dropped.
        List<String> vars = List.of("theta", "sigma");
        Expr f = Parser.parse("-0.5*(theta/sigma)^2 - log(sigma) - 0.9189385332", vars);
        Expr e = LogTarget.exponential(f, false);
        System.out.println(Printer.plain(e, vars));
        assertThat(Printer.plain(e, vars)).doesNotContain("log").contains("exp(").contains("/sigma");
        for (double[] v : new double[][] {{0.5, 2}, {1.7, 1.3}, {3, 1}})
            assertThat(e.evaluate(v)).isCloseTo(Math.exp(f.evaluate(v)), org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(SymbolicRegressor.builder().build().options().forbiddenNesting()).contains(List.of("exp", "log"));
        // products of powers, constant factors spread over sums, exponents near multiples of 1/2 written with sqrt
        Expr g = Parser.parse("2*(1.2500002*log(a) - log(b)/2) + 3*(0.3*log(a))", List.of("a", "b"));
        Expr h = LogTarget.exponential(g, true);
        System.out.println(Printer.plain(h, List.of("a", "b")));
        assertThat(Printer.plain(h, List.of("a", "b"))).doesNotContain("log").doesNotContain("exp").contains("sqrt(a)").contains("a^0.9");
        for (double[] v : new double[][] {{0.5, 2}, {1.7, 0.3}, {3, 4}})
            assertThat(h.evaluate(v)).isCloseTo(Math.exp(g.evaluate(v)), org.assertj.core.data.Percentage.withPercentage(1e-3));
        // exponents far from a multiple of 1/2 are powers only where the search has them; what cannot be rewritten
        // stays exp(f) (and is dropped as a seed if it has a log inside)
        assertThat(Printer.plain(LogTarget.power(Expr.variable(0), 0.3, true), List.of("x"))).isEqualTo("x^0.3");
        assertThat(LogTarget.power(Expr.variable(0), 0.3, false)).isNull();
        assertThat(Printer.plain(LogTarget.exponential(g, false), List.of("a", "b"))).contains("exp(").contains("log(a)");
        assertThat(Printer.plain(LogTarget.exponential(Parser.parse("sin(x)", List.of("x")), false), List.of("x")))
                .isEqualTo("exp(sin(x))");
    }

    @Test
    void findsAGaussianOfGivenWidth() {
        // Feynman I.6.2, exp(−(θ/σ)²/2)/(√(2π)·σ): −(θ/σ)²/2 − log σ in log space, seeded as exp(−(θ/σ)²/2)/σ.
        ToDoubleFunction<double[]> law = v -> Math.exp(-v[0] * v[0] / (2 * v[1] * v[1])) / (Math.sqrt(2 * Math.PI) * v[1]);
        Dataset data = SymbolicRegressorTest.sample(300, 2, 1, 3, 8, law).withVariables("theta", "sigma");
        ParetoFront front = SymbolicRegressor.builder().generations(100).threads(2).seed(1).build().fit(data);
        for (Equation e : front.equations()) System.out.println(e.complexity() + "  " + e.loss() + "  " + e);
        SymbolicRegressorTest.assertRecovers(front.best(), 2, 1, 3, law);
        assertThat(front.best().loss()).isLessThan(1e-25);
    }

    @Test
    void isDeterministicAndCountedInTheProvenance() {
        Dataset data = SymbolicRegressorTest.sample(120, 1, 1, 3, 5, GAUSSIAN).withVariables("theta");
        SymbolicRegressor.Builder b = SymbolicRegressor.builder().generations(20).seed(3).simplify(false);
        ParetoFront two = b.threads(2).build().fit(data);
        ParetoFront one = b.threads(1).build().fit(data);
        assertThat(text(one)).isEqualTo(text(two));
        // 20 generations: 2 in the stage, 18 in the search; the stage's generations and evaluations are counted.
        assertThat(two.provenance().generations()).isEqualTo(20);
        ParetoFront off = b.logTarget(false).generations(18).build().fit(data);
        assertThat(two.provenance().evaluations()).isGreaterThan(off.provenance().evaluations());
        assertThat(two.provenance().settings().logTarget()).isTrue();
    }

    @Test
    void aTargetOfBothSignsIsSearchedAsWithoutTheStage() {
        ToDoubleFunction<double[]> law = v -> v[0] * v[0] - 2;
        Dataset data = SymbolicRegressorTest.sample(120, 1, 0, 3, 6, law).withVariables("x");
        SymbolicRegressor.Builder b = SymbolicRegressor.builder().generations(10).seed(4).threads(2).simplify(false);
        assertThat(text(b.build().fit(data))).isEqualTo(text(b.logTarget(false).build().fit(data)));
    }

    private static List<String> text(ParetoFront front) {
        return front.equations().stream().map(e -> e.complexity() + " " + e.loss() + " " + e).toList();
    }
}
