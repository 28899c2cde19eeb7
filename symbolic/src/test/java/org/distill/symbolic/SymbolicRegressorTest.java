package org.distill.symbolic;

import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class SymbolicRegressorTest {

    /** Uniform random rows in [lo, hi) for each variable, and the target. */
    static Dataset sample(int rows, int vars, double lo, double hi, long seed, ToDoubleFunction<double[]> f) {
        Random r = new Random(seed);
        double[][] x = new double[rows][vars];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < vars; j++) x[i][j] = lo + (hi - lo) * r.nextDouble();
            y[i] = f.applyAsDouble(x[i]);
        }
        return Dataset.of(x, y);
    }

    /** The equation matches the law on fresh points to a relative error of 1e-6. */
    static void assertRecovers(Equation eq, int vars, double lo, double hi, ToDoubleFunction<double[]> law) {
        Random r = new Random(99);
        for (int i = 0; i < 200; i++) {
            double[] x = new double[vars];
            for (int j = 0; j < vars; j++) x[j] = lo + (hi - lo) * r.nextDouble();
            double want = law.applyAsDouble(x);
            double got = eq.predict(new double[][] {x})[0];
            assertThat(Math.abs(got - want)).as("%s at %s", eq, java.util.Arrays.toString(x))
                    .isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(want)));
        }
    }

    private static SymbolicRegressor.Builder quick() {
        return SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV)
                .maxComplexity(20)
                .generations(100)
                .seed(42);
    }

    @Test
    void recoversCubicWithFittedConstants() {
        ToDoubleFunction<double[]> law = x -> 2.5 * x[0] * x[0] * x[0] - x[0];
        Dataset data = sample(200, 1, -2, 2, 1, law);
        ParetoFront front = quick().build().fit(data);
        Equation best = front.best();
        assertRecovers(best, 1, -2, 2, law);
        assertThat(best.complexity()).isLessThanOrEqualTo(11);
    }

    @Test
    void recoversProductOfPowers() {
        ToDoubleFunction<double[]> law = x -> x[0] * x[1] * x[1];
        Dataset data = sample(200, 2, -2, 2, 2, law);
        Equation best = quick().build().fit(data).best();
        assertRecovers(best, 2, -2, 2, law);
        assertThat(best.complexity()).isLessThanOrEqualTo(5);
    }

    @Test
    void recoversNewtonsGravity() {
        ToDoubleFunction<double[]> law = x -> x[0] * x[1] / (x[2] * x[2]);
        Dataset data = sample(300, 3, 1, 5, 3, law).withVariables("m1", "m2", "r").withTarget("F");
        Equation best = quick().build().fit(data).best();
        assertRecovers(best, 3, 1, 5, law);
        assertThat(best.complexity()).isLessThanOrEqualTo(7);
        assertThat(best.toString()).contains("m1").contains("m2").contains("r");
    }

    @Test
    void fitsRowsOfFeaturesLikePySR() {
        // Kinetic energy E = m v^2 / 2, rows x features.
        Random r = new Random(21);
        double[][] x = new double[150][2];
        double[] y = new double[150];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = 1 + 4 * r.nextDouble();
            x[i][1] = -3 + 6 * r.nextDouble();
            y[i] = 0.5 * x[i][0] * x[i][1] * x[i][1];
        }
        SymbolicRegressor regressor = quick().build();
        Equation best = regressor.fit(x, y, "m", "v").best();
        assertThat(best.variables()).containsExactly("m", "v");
        assertRecovers(best, 2, 1, 3, v -> 0.5 * v[0] * v[1] * v[1]);
        assertThat(best.toString()).contains("m").contains("v");
        assertThat(regressor.toBuilder().generations(2).simplify(false).build().fit(x, y).best().variables())
                .containsExactly("x0", "x1");
    }

    @Test
    void fitChecksShapes() {
        SymbolicRegressor regressor = quick().build();
        double[][] x = {{1, 2}, {3, 4}, {5, 6}};
        assertThatThrownBy(() -> regressor.fit(x, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x has 3 rows, y has 2");
        assertThatThrownBy(() -> regressor.fit(x, new double[] {1, 2, 3}, "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("got 1 names for 2 feature columns of x (x is rows × features: x[row][feature])");
        assertThatThrownBy(() -> regressor.fit(new double[][] {{1, 2}, {3}}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> regressor.fit(new double[][] {{1, 2}, null}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x row 1 is null");
        assertThatThrownBy(() -> regressor.fit(x, new double[] {1, 2, 3}, "a", "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate variable name: 'a'");
    }

    /** Semi-major axes (AU, JPL mean elements J2000) and sidereal periods (days) of the planets. */
    static Dataset kepler() {
        double[] a = {0.38709927, 0.72333566, 1.00000261, 1.52371034, 5.20288700, 9.53667594, 19.18916464, 30.06992276};
        double[] period = {87.9691, 224.701, 365.256363, 686.980, 4332.589, 10759.22, 30688.5, 60195};
        return Dataset.ofColumns(new double[][] {a}, period).withVariables("a").withTarget("period");
    }

    @Test
    void keplersThirdLawIsTheBestEquation() {
        Dataset data = kepler();
        ParetoFront front = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT)
                .generations(60).seed(1).build().fit(data);
        Equation best = front.best();
        // period = c·a^1.5: the ratio to a^1.5 is constant over a range of a, and c is about 365.25.
        double[] pred = best.predict(new double[][] {{0.5}, {2}, {8}, {40}});
        double c0 = pred[0] / Math.pow(0.5, 1.5);
        for (int i = 1; i < pred.length; i++) {
            double a = new double[] {0.5, 2, 8, 40}[i];
            assertThat(pred[i] / Math.pow(a, 1.5)).as(best.toString()).isCloseTo(c0, org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        assertThat(c0).isBetween(364.0, 366.5);
    }

    @Test
    void sameSeedSameFrontWhateverTheThreadCount() {
        Dataset data = sample(100, 2, -2, 2, 5, x -> x[0] * x[0] + Math.sin(x[1]));
        SymbolicRegressor.Builder b = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.SIN)
                .islands(4).populationSize(60).generations(30).seed(7)
                // Symja runs under a wall-clock timeout, which a loaded machine may hit; the search
                // itself is what must be deterministic.
                .simplify(false);
        ParetoFront one = b.threads(1).build().fit(data);
        ParetoFront two = b.threads(2).build().fit(data);
        ParetoFront again = b.threads(2).build().fit(data);
        assertThat(one.equations()).isEqualTo(two.equations());
        assertThat(two.equations()).isEqualTo(again.equations());
        assertThat(one.provenance().evaluations()).isEqualTo(two.provenance().evaluations());
        ParetoFront other = b.seed(8).threads(2).build().fit(data);
        assertThat(other.provenance().evaluations()).isNotEqualTo(one.provenance().evaluations());
    }

    @Test
    void frontIsParetoOptimalAndRespectsLimits() {
        Dataset data = sample(150, 2, 0.5, 3, 6, x -> Math.exp(x[0]) / x[1] + 0.3);
        // Without candidate features: a feature is one leaf in the search, written out it may exceed the limit.
        ParetoFront front = SymbolicRegressor.builder().maxComplexity(15).maxDepth(6).features(false)
                .generations(20).seed(3).build().fit(data);
        assertThat(front.size()).isGreaterThan(2);
        List<Equation> eqs = front.equations();
        for (int i = 1; i < eqs.size(); i++) {
            assertThat(eqs.get(i).complexity()).isGreaterThan(eqs.get(i - 1).complexity());
            assertThat(eqs.get(i).loss()).isLessThan(eqs.get(i - 1).loss());
            double expected = -(Math.log(Math.max(eqs.get(i).loss(), 1e-300)) - Math.log(Math.max(eqs.get(i - 1).loss(), 1e-300)))
                    / (eqs.get(i).complexity() - eqs.get(i - 1).complexity());
            assertThat(eqs.get(i).score()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
        for (Equation e : eqs) {
            assertThat(e.complexity()).isLessThanOrEqualTo(15);
            // The reported loss is the loss on all rows.
            double[] p = e.predict(data);
            double mse = 0;
            double[] y = data.y();
            for (int i = 0; i < y.length; i++) mse += (p[i] - y[i]) * (p[i] - y[i]);
            assertThat(e.loss()).isCloseTo(mse / y.length, org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        assertThat(front.select(Selection.ACCURACY)).isEqualTo(eqs.getLast());
        assertThat(front.provenance().rows()).isEqualTo(150);
        assertThat(front.provenance().stopReason()).isEqualTo("generations");
    }

    @Test
    void cancellingStillReturnsTheFront() {
        Dataset data = sample(100, 1, -1, 1, 8, x -> x[0] * x[0]);
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger epochs = new AtomicInteger();
        SymbolicRegressor r = SymbolicRegressor.builder().generations(1_000_000).seed(1).simplify(false)
                .listener(p -> { if (epochs.incrementAndGet() == 3) cancel.set(true); }).build();
        ParetoFront front = r.fit(data, cancel);
        assertThat(front.isEmpty()).isFalse();
        assertThat(front.provenance().stopReason()).isEqualTo("cancelled");
        assertThat(front.provenance().generations()).isLessThan(1_000_000);
    }

    @Test
    void streamCanBeLimited() {
        Dataset data = sample(50, 1, -1, 1, 9, x -> 3 * x[0]);
        try (var s = SymbolicRegressor.builder().generations(1000).generationsPerEpoch(5).build().stream(data)) {
            List<Progress> ps = s.limit(2).toList();
            assertThat(ps).hasSize(2);
            assertThat(ps.get(1).generation()).isEqualTo(10);
            assertThat(ps.get(1).evaluations()).isGreaterThan(ps.get(0).evaluations());
            assertThat(ps.get(1).bestLoss()).isLessThanOrEqualTo(ps.get(0).bestLoss());
        }
    }

    @Test
    void targetLossStopsEarly() {
        Dataset data = sample(50, 1, -1, 1, 10, x -> 2 * x[0] + 1);
        ParetoFront front = SymbolicRegressor.builder().generations(10_000).targetLoss(1e-20).seed(2).build().fit(data);
        assertThat(front.provenance().stopReason()).isEqualTo("target loss");
        assertThat(front.provenance().generations()).isLessThan(10_000);
    }

    @Test
    void evaluationBudgetStops() {
        Dataset data = sample(50, 1, -1, 1, 10, x -> Math.sin(3 * x[0]));
        ParetoFront front = SymbolicRegressor.builder().maxEvaluations(5_000).seed(2).build().fit(data);
        assertThat(front.provenance().stopReason()).isEqualTo("evaluations");
        assertThat(front.provenance().evaluations()).isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void nanCandidatesAreJustBad() {
        // log and sqrt of negative data produce NaN candidates; the search must carry on.
        Dataset data = sample(80, 1, -3, 3, 11, x -> x[0] * x[0] - 1);
        ParetoFront front = SymbolicRegressor.builder().operators(Op.ADD, Op.MUL, Op.LOG, Op.SQRT, Op.DIV)
                .generations(20).seed(4).build().fit(data);
        assertThat(front.equations()).allSatisfy(e -> assertThat(e.loss()).isFinite());
    }

    @Test
    void userOperatorsTakePart() {
        // sinh is a built-in operator too; this user operator computes it under another name
        Op sinh = Op.unary("hsin", Math::sinh).latex("\\sinh\\left({0}\\right)").symja("Sinh({0})")
                .sympy("sinh({0})").java("Math.sinh({0})").complexity(1).build();
        Dataset data = sample(100, 1, -2, 2, 12, x -> Math.sinh(x[0]));
        Equation best = SymbolicRegressor.builder().operators(Op.ADD, Op.MUL, sinh).generations(20).seed(5)
                .build().fit(data).best();
        assertRecovers(best, 1, -2, 2, x -> Math.sinh(x[0]));
        assertThat(best.latex()).contains("\\sinh");
        assertThat(best.java()).contains("Math.sinh");
    }

    @Test
    void largeDataIsSearchedInMiniBatchesAndScoredOnAllRows() {
        ToDoubleFunction<double[]> law = x -> x[0] * x[0] + 2 * x[1];
        Dataset data = sample(30_000, 2, -2, 2, 13, law);
        ParetoFront front = quick().generations(30).build().fit(data);
        assertRecovers(front.best(), 2, -2, 2, law);
        assertThat(front.provenance().rows()).isEqualTo(30_000);
        assertThat(front.best().loss()).isLessThan(1e-12);
    }

    @Test
    void robustLossesIgnoreOutliers() {
        // 10 % of the targets are wild; MAE and Huber still find y = 3x.
        Random r = new Random(14);
        double[][] x = new double[200][1];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i][0] = r.nextDouble() * 4 - 2;
            y[i] = 3 * x[i][0] + (i % 10 == 0 ? 50 + 50 * r.nextDouble() : 0);
        }
        Dataset data = Dataset.of(x, y);
        for (Loss loss : List.of(Loss.MAE, Loss.huber(1.0))) {
            Equation best = quick().loss(loss).generations(40).build().fit(data).best();
            double slope = best.predict(new double[][] {{1}})[0] - best.predict(new double[][] {{0}})[0];
            assertThat(slope).as("%s with %s", best, loss.name()).isCloseTo(3, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void weightsDecideBetweenTwoLaws() {
        // Rows 0..99 follow 2x, rows 100..199 follow x^2; weights select which half counts.
        Random r = new Random(15);
        double[][] x = new double[200][1];
        double[] y = new double[200], w = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i][0] = 0.5 + 2 * r.nextDouble();
            y[i] = i < 100 ? 2 * x[i][0] : x[i][0] * x[i][0];
            w[i] = i < 100 ? 0 : 1;
        }
        Equation best = quick().generations(40).build().fit(Dataset.of(x, y).withWeights(w)).best();
        assertRecovers(best, 1, 0.5, 2.5, v -> v[0] * v[0]);
    }

    @Test
    void resumingFromAFrontKeepsItsEquations() {
        ToDoubleFunction<double[]> law = x -> x[0] * x[1] * x[1] + 1;
        Dataset data = sample(100, 2, -2, 2, 16, law);
        org.distill.symbolic.expr.Expr seed = org.distill.symbolic.expr.Expr.of(Op.ADD,
                org.distill.symbolic.expr.Expr.of(Op.MUL, org.distill.symbolic.expr.Expr.variable(0),
                        org.distill.symbolic.expr.Expr.of(Op.MUL, org.distill.symbolic.expr.Expr.variable(1),
                                org.distill.symbolic.expr.Expr.variable(1))),
                org.distill.symbolic.expr.Expr.constant(1));
        ParetoFront front = quick().generations(2).initialExpressions(List.of(seed)).build().fit(data);
        assertThat(front.select(Selection.ACCURACY).loss()).isLessThan(1e-20);
        assertThatThrownBy(() -> quick().initialExpressions(List.of(org.distill.symbolic.expr.Expr.variable(5)))
                .build().fit(data)).hasMessageContaining("uses variable x5");
    }

    private static boolean usesOnly(org.distill.symbolic.expr.Expr e, java.util.Set<Op> ops) {
        if (e.isLeaf()) return true;
        if (!ops.contains(e.op())) return false;
        for (int i = 0; i < e.arity(); i++) if (!usesOnly(e.arg(i), ops)) return false;
        return true;
    }

    @Test
    void frontUsesOnlyTheGivenOperatorsWithTheirComplexities() {
        Dataset data = sample(100, 1, 1, 3, 17, x -> 3 * x[0] * x[0] + 1);
        Op mul3 = Op.MUL.withComplexity(3);
        ParetoFront front = SymbolicRegressor.builder().operators(Op.ADD, mul3, Op.SUB).generations(20).seed(1)
                .build().fit(data);
        for (Equation e : front.equations()) {
            // equals() includes the complexity: every product is the configured one.
            // Simplification may write x*x as x^2 (a power with an exact exponent), nothing else.
            assertThat(usesOnly(e.expression(), java.util.Set.of(Op.ADD, mul3, Op.SUB, Op.POW))).as(e.toString()).isTrue();
        }
        // Without + and × there is no linear scaling, whose explicit form a + b·f would need them.
        ParetoFront noScaling = SymbolicRegressor.builder().operators(Op.SUB, Op.DIV).generations(10).seed(1)
                .build().fit(data);
        for (Equation e : noScaling.equations()) {
            assertThat(usesOnly(e.expression(), java.util.Set.of(Op.SUB, Op.DIV, Op.POW))).as(e.toString()).isTrue();
        }
    }

    @Test
    void equalLossesDoNotBloatTheFront() {
        Dataset data = sample(100, 1, -2, 2, 18, x -> 0.5 * x[0] * x[0] * x[0]);
        ParetoFront front = quick().generations(40).build().fit(data);
        Equation best = front.best();
        assertRecovers(best, 1, -2, 2, x -> 0.5 * x[0] * x[0] * x[0]);
        // Only one exact equation: nothing more complex can beat zero by more than rounding.
        assertThat(front.equations().stream().filter(e -> e.loss() < 1e-20)).hasSize(1);
    }

    @Test
    void constantsSnapToShortFractions() {
        // With noise the fitted factor is 0.5 ± 0.0005; snapping it to 1/2 costs what noise explains.
        Random r = new Random(19);
        double[][] x = new double[200][1];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            x[i][0] = r.nextDouble() * 4 - 2;
            y[i] = 0.5 * x[i][0] * x[i][0] * x[i][0] + 0.01 * r.nextGaussian();
        }
        Equation best = quick().generations(40).build().fit(Dataset.of(x, y)).best();
        assertThat(best.expression().constants()).contains(0.5);
    }

    @Test
    void resumedEquationsMayUseOperatorsOutsideTheSearchSet() {
        Dataset data = kepler();
        org.distill.symbolic.expr.Expr resumed = org.distill.symbolic.expr.Parser.parse("365*sqrt(a)*a", data.variables());
        ParetoFront front = SymbolicRegressor.builder().operators(Op.ADD, Op.MUL).generations(10).seed(1)
                .initialExpressions(List.of(resumed)).build().fit(data);
        assertThat(front.select(Selection.ACCURACY).loss()).isLessThan(10);
    }

    @Test
    void initialExpressionsBeyondTheLimitsAreRefusedByName() {
        Dataset data = kepler();
        org.distill.symbolic.expr.Expr big = org.distill.symbolic.expr.Parser.parse("365*sqrt(a)*a + a*a*a", data.variables());
        assertThatThrownBy(() -> SymbolicRegressor.builder().maxComplexity(5).initialExpressions(List.of(big))
                .build().fit(data)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("365*sqrt(a)*a + a*a*a").hasMessageContaining("maxComplexity 5");
    }

    @Test
    void aConsumedStreamLeavesNoThreadsBehind() {
        Dataset data = sample(50, 1, -1, 1, 20, x -> x[0]);
        for (int i = 0; i < 3; i++) {
            assertThat(SymbolicRegressor.builder().generations(10).build().stream(data).toList()).isNotEmpty();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (islandThreads() > 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(islandThreads()).isZero();
    }

    private static long islandThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("distill-island")).count();
    }

    @Test
    void badOptionsNameTheValue() {
        assertThatThrownBy(() -> SymbolicRegressor.builder().maxComplexity(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxComplexity must be in [3, 200]: 0");
        assertThatThrownBy(() -> SymbolicRegressor.builder().operators(Op.SIN).build())
                .hasMessageContaining("binary operator");
        assertThatThrownBy(() -> SymbolicRegressor.builder().optimizeProbability(1.5).build())
                .hasMessage("optimizeProbability must be in [0.0, 1.0]: 1.5");
        assertThatThrownBy(() -> SymbolicRegressor.builder().operators(Op.ADD, Op.ADD).build())
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> SymbolicRegressor.builder().simplifyTimeout(java.time.Duration.ZERO).build())
                .hasMessage("simplifyTimeout must be positive: PT0S");
        assertThatThrownBy(() -> SymbolicRegressor.builder().forbidNesting("sinn", "sin").build())
                .hasMessageContaining("unknown operator 'sinn' in nesting rule [sinn, sin]");
    }
}
