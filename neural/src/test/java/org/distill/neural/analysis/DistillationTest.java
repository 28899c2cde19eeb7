package org.distill.neural.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.gn.EdgeMessages;
import org.distill.neural.gn.GraphNetwork;
import org.distill.neural.gn.GraphNetworkConfig;
import org.distill.neural.gn.GraphNetworkTrainer;
import org.distill.neural.gn.Variant;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Dataset;
import org.junit.jupiter.api.Test;

class DistillationTest {

    /** Edges of {@code data} with made-up messages: 0 and 3 noise, 1 = 3·Fx − Fy, 2 = Fy + Fx/2. */
    static EdgeMessages messages(GraphDataset data, PairLaw law) {
        int n = data.bodies(), dim = data.dim(), edges = data.graphs() * n * (n - 1);
        double[][] dx = new double[dim][edges], dv = new double[dim][edges];
        double[] r = new double[edges], m1 = new double[edges], m2 = new double[edges], q1 = new double[edges],
                q2 = new double[edges];
        int e = 0;
        for (int g = 0; g < data.graphs(); g++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    double rr = 0;
                    for (int d = 0; d < dim; d++) {
                        dx[d][e] = (double) data.node(g, i, d) - data.node(g, j, d);
                        dv[d][e] = (double) data.node(g, i, dim + d) - data.node(g, j, dim + d);
                        rr += dx[d][e] * dx[d][e];
                    }
                    r[e] = Math.sqrt(rr);
                    q1[e] = data.node(g, i, 2 * dim);
                    q2[e] = data.node(g, j, 2 * dim);
                    m1[e] = data.node(g, i, 2 * dim + 1);
                    m2[e] = data.node(g, j, 2 * dim + 1);
                    e++;
                }
        double[][] f = EdgeForces.of(law, data), messages = new double[4][edges];
        var random = new SplittableRandom(9);
        for (e = 0; e < edges; e++) {
            messages[0][e] = 0.01 * random.nextGaussian();
            messages[1][e] = 3 * f[0][e] - f[1][e];
            messages[2][e] = f[1][e] + 0.5 * f[0][e];
            messages[3][e] = 0.001 * random.nextGaussian();
        }
        return new EdgeMessages(dim, n, messages, dx, dv, r, m1, m2, q1, q2);
    }

    @Test void distilsTheStrongestComponentAndChecksItsForm() {
        GraphDataset data = EdgeForcesTest.data(PairLaw.SPRING, 2, 4);
        EdgeMessages m = messages(data, PairLaw.SPRING);
        assertThat(m.edges()).isGreaterThan(100);
        var distillation = Distillation.builder().maxEdges(100)
                .regressor(Distillation.regressor().generations(10).timeLimit(Duration.ofSeconds(20)).threads(1).seed(4).build())
                .build();
        Distillation.Result result = distillation.run(m, PairLaw.SPRING, 0.25, new AtomicBoolean());

        assertThat(result.testLoss()).isEqualTo(0.25);
        assertThat(result.fits()).extracting(ComponentFit::component).containsExactly(1, 2);
        assertThat(result.component()).isEqualTo(1);
        assertThat(result.messageR2()).allSatisfy(r2 -> assertThat(r2).isCloseTo(1, within(1e-9)));
        assertThat(result.untrimmedR2()).allSatisfy(r2 -> assertThat(r2).isCloseTo(1, within(1e-9)));
        assertThat(result.basis()).isEqualTo(ForceBasis.FORCE);
        assertThat(result.trim()).isEqualTo(0.1);
        // message 1 is exactly the law: amplitude 1 at every separation, the law's fall-off
        assertThat(result.profile().bins()).hasSize(RadialProfile.DEFAULT_BINS)
                .allSatisfy(b -> assertThat(b.amplitude()).isCloseTo(1, within(1e-9)));
        assertThat(result.profile().slope()).isCloseTo(0, within(1e-9));
        assertThat(result.profile().slopeFrom()).isEqualTo(Distillation.cut(m.r(), 0.1));
        assertThat(result.variables()).containsExactly("dx", "dy", "r", "m1", "m2", "q1", "q2");
        assertThat(result.searchEdges()).isEqualTo(100);
        assertThat(result.equation()).isNotNull();
        assertThat(result.formula()).isEqualTo(result.equation().toString());
        assertThat(result.latex()).isNotBlank();
        Dataset all = Distillation.edgeData(m, 1);
        assertThat(all.rows()).isEqualTo(m.edges());
        FormCheck again = FormCheck.of(result.equation().predict(all), EdgeForces.of(PairLaw.SPRING, m), 0.1);
        assertThat(result.form().r2()).isEqualTo(again.r2());
        ExactForm exact = ExactForm.check(result.equation().expression(), result.variables(), PairLaw.SPRING);
        assertThat(result.exact()).usingRecursiveComparison().isEqualTo(exact);
        assertThat(result.formExact()).isEqualTo(exact.exact());
        assertThat(result.nodeResponse()).as("distilled from messages alone: no node model to judge").isNull();
    }

    /**
     * Messages as a bottleneck network made them: the spring force in a rotated basis, times a factor of the receiver's
     * mass that the node model undoes, with 2 % noise. The central search finds the law; the strict check rightly
     * refuses the formula, the check up to the receiver accepts it.
     */
    @Test void theCentralSearchFindsTheLawUpToAFactorOfTheReceiver() {
        GraphDataset data = EdgeForcesTest.data(PairLaw.SPRING, 2, 4);
        EdgeMessages m = messages(data, PairLaw.SPRING);
        double[][] values = m.messages();
        double[] m1 = m.m1();
        var random = new SplittableRandom(3);
        for (int e = 0; e < m.edges(); e++)
            values[1][e] *= (m1[e] + 0.69) / (m1[e] + 0.24) * (1 + 0.02 * random.nextGaussian());
        var with = new EdgeMessages(m.dim(), m.bodies(), values, m.dx(), m.dv(), m.r(), m.m1(), m.m2(), m.q1(), m.q2());
        Distillation.Result result = Distillation.builder().maxEdges(500)
                .regressor(Distillation.regressor().timeLimit(Duration.ofSeconds(20)).threads(1).seed(2).build())
                .build().run(with, PairLaw.SPRING, Double.NaN, new AtomicBoolean());
        assertThat(result.shape()).isEqualTo(Distillation.Shape.CENTRAL);
        assertThat(result.formExact()).as(result.formula()).isFalse();
        assertThat(result.formExactUpToReceiver()).as(result.formula()).isTrue();
        assertThat(result.lawFormula()).doesNotContain("m1").contains("dx").contains("dy");
        assertThat(result.receiverFactor()).contains("m1");

        // a network's node model judged against the factor: the nodes measured (a dead ReLU layer may answer 0), spreads finite
        var config = GraphNetworkConfig.builder().variant(Variant.BOTTLENECK).hiddenSize(16).hiddenLayers(1).epochs(1)
                .batchSize(16).seed(1).build();
        try (GraphNetwork gn = GraphNetworkTrainer.of(config).train(data).model()) {
            Distillation.Result judged = Distillation.withNodeResponse(result, gn, data, PairLaw.SPRING);
            assertThat(judged.nodeResponse()).isNotNull();
            assertThat(judged.nodeResponse().nodes()).isBetween(data.graphs() * data.bodies() / 2, data.graphs() * data.bodies());
            assertThat(judged.nodeResponse().spread()).isFinite();
            assertThat(judged.nodeResponse().spreadStrict()).isFinite();
            assertThat(judged.formula()).isEqualTo(result.formula());
        }
    }

    @Test void messagesThatCarryTheAccelerationAreComparedWithIt() {
        GraphDataset data = EdgeForcesTest.data(PairLaw.R2, 2, 4);
        EdgeMessages m = messages(data, PairLaw.R2);
        double[][] a = ForceBasis.ACCELERATION.of(PairLaw.R2, m), f = EdgeForces.of(PairLaw.R2, m);
        double[][] values = m.messages();
        double[] m1 = m.m1();
        for (int e = 0; e < m.edges(); e++) {
            assertThat(a[0][e] * m1[e]).isCloseTo(f[0][e], within(1e-9 * Math.abs(f[0][e]) + 1e-12));
            values[1][e] = 2 * a[0][e] + a[1][e];                 // m2·(2Δx + Δy)/r'²·(1/r): no receiver mass
            values[2][e] = a[1][e] - a[0][e];
        }
        var with = new EdgeMessages(m.dim(), m.bodies(), values, m.dx(), m.dv(), m.r(), m.m1(), m.m2(), m.q1(), m.q2());
        Distillation.Result result = Distillation.builder().maxEdges(100)
                .regressor(Distillation.regressor().generations(2).timeLimit(Duration.ofSeconds(10)).threads(1).seed(1).build())
                .build().run(with, PairLaw.R2, Double.NaN, new AtomicBoolean());
        assertThat(result.basis()).isEqualTo(ForceBasis.ACCELERATION);
        assertThat(result.messageR2()).allSatisfy(r2 -> assertThat(r2).isCloseTo(1, within(1e-9)));
        assertThat(LinearMessageFit.fit(values, f, 2, 0.1)).allSatisfy(fit -> assertThat(fit.r2()).isLessThan(0.99));
    }

    @Test void theSearchLeavesOutTheClosestPairs() {
        double[] r = new double[100];
        for (int e = 0; e < r.length; e++) r[e] = (e * 37) % 100 + 1;   // 1 … 100, shuffled
        int[] apart = Distillation.apart(r, 0.1);
        assertThat(apart).hasSize(89).isSorted();                        // r > 11, the 11th smallest
        for (int e : apart) assertThat(r[e]).isGreaterThan(11);
        assertThat(Distillation.apart(r, 0)).hasSize(100);
        Dataset d = Distillation.edgeData(messages(EdgeForcesTest.data(PairLaw.R2, 2, 3), PairLaw.R2), 1);
        double[] all = d.column(d.indexOf("r"));
        int[] candidates = Distillation.apart(all, 0.25);
        Dataset sample = Distillation.subsample(d, candidates, 40, 3);
        double cut = java.util.Arrays.stream(candidates).mapToDouble(e -> all[e]).min().orElseThrow();
        assertThat(sample.rows()).isEqualTo(40);
        assertThat(java.util.Arrays.stream(sample.column(sample.indexOf("r"))).min().orElseThrow()).isGreaterThanOrEqualTo(cut);
        assertThatThrownBy(() -> Distillation.builder().closest(0.5).build()).hasMessage("closest must be in [0, 0.5): 0.5");
    }

    @Test void relativeWeightsAreFlooredAtTheMedianMessageAndFollowTheSubsample() {
        EdgeMessages m = messages(EdgeForcesTest.data(PairLaw.R2, 2, 3), PairLaw.R2);
        var fits = LinearMessageFit.fit(m.messages(), EdgeForces.of(PairLaw.R2, m), 2, 0.1);
        int[] apart = Distillation.apart(m.r(), 0.1);
        double[] w = Distillation.relativeWeights(m, fits, apart);
        double[] norm2 = new double[m.edges()];
        for (var f : fits) for (int e = 0; e < norm2.length; e++) norm2[e] += m.message(f.component())[e] * m.message(f.component())[e];
        double[] seen = java.util.Arrays.stream(apart).mapToDouble(e -> norm2[e]).sorted().toArray();
        double s2 = seen[seen.length / 2];
        for (int e = 0; e < w.length; e++) assertThat(w[e]).isCloseTo(s2 / (norm2[e] + s2), within(1e-15));
        // the median edge the search sees weighs 1/2, larger messages less (relative error), smaller up to 1
        assertThat(java.util.Arrays.stream(apart).filter(e -> norm2[e] == s2).mapToDouble(e -> w[e]).toArray()).contains(0.5);
        for (double x : w) assertThat(x).isGreaterThan(0).isLessThanOrEqualTo(1);
        Dataset d = Distillation.edgeData(m, fits.get(0).component()).withWeights(w);
        Dataset sample = Distillation.subsample(d, apart, 40, 3);
        assertThat(sample.hasWeights()).isTrue();
        double[] sw = sample.weights(), sy = sample.y(), y = d.y();
        for (int i = 0; i < sample.rows(); i++) {
            int row = i;
            int e = java.util.stream.IntStream.range(0, y.length).filter(k -> y[k] == sy[row]).findFirst().orElseThrow();
            assertThat(sw[i]).isEqualTo(w[e]);
        }
    }

    @Test void subsampleIsSeededAndKeepsRowOrder() {
        Dataset d = Distillation.edgeData(messages(EdgeForcesTest.data(PairLaw.R2, 2, 3), PairLaw.R2), 1);
        Dataset a = Distillation.subsample(d, 50, 1), b = Distillation.subsample(d, 50, 1), c = Distillation.subsample(d, 50, 2);
        assertThat(a.rows()).isEqualTo(50);
        assertThat(a.y()).containsExactly(b.y());
        assertThat(a.y()).isNotEqualTo(c.y());
        assertThat(a.variables()).isEqualTo(d.variables());
        assertThat(Distillation.subsample(d, d.rows() + 1, 1)).isSameAs(d);
    }

    @Test void rejectsBadSettings() {
        assertThatThrownBy(() -> Distillation.builder().maxEdges(5).build()).hasMessage("maxEdges must be at least 10: 5");
        assertThatThrownBy(() -> Distillation.builder().trim(0.5).build()).hasMessage("trim must be in [0, 0.5): 0.5");
        assertThatThrownBy(() -> Distillation.builder().regressor(null)).isInstanceOf(NullPointerException.class).hasMessage("regressor");
        assertThatThrownBy(() -> Distillation.regressor().maxComplexity(1).build()).hasMessageContaining("maxComplexity must be in [3, 200]");
    }
}
