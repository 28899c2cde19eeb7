package org.distill.neural.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Trained;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 2-D flow on the box (0, 1) × (−1, 2), conditioned on one number, trained briefly on a known density; twice, with
 * each map of the observables to unbounded space (the logit, and the probit of a reference CDF of 16 bins).
 */
class FlowTest {
    static final double[] LO = {0, -1}, HI = {1, 2};
    static Trained<Flow> trained, withReference;

    /** The flow trained with the logit (0) or the reference map (16 bins). */
    static Flow flow(int referenceBins) { return (referenceBins == 0 ? trained : withReference).model(); }

    /** x₁ ~ Beta(2, 5) (order statistics), x₂ | x₁, c = −1 + 3·Beta(1 + c, 1 + x₁·4) approximately: c shapes x₂. */
    static FlowData data(int n, long seed) {
        var r = new SplittableRandom(seed);
        double[][] x = new double[n][], c = new double[n][];
        for (int i = 0; i < n; i++) {
            double cc = r.nextDouble() * 2;
            double[] u = new double[6];
            for (int k = 0; k < 6; k++) u[k] = r.nextDouble();
            Arrays.sort(u);
            double x1 = u[1];
            // x₂ = −1 + 3·v, v = w^(1/(1 + cc)) in (0, 1) with density (1 + cc) v^cc, shifted towards x₁
            double v = Math.pow(r.nextDouble(), 1 / (1 + cc)) * (0.5 + 0.5 * x1);
            x[i] = new double[] {Math.max(1e-9, Math.min(1 - 1e-9, x1)), -1 + 3 * Math.max(1e-9, v)};
            c[i] = new double[] {cc};
        }
        return new FlowData(x, c, LO, HI);
    }

    @BeforeAll static void train() {
        var config = FlowConfig.builder().layers(4).hidden(32).components(4).epochs(4).batchSize(256).seed(3)
                .referenceBins(0).build();
        trained = FlowTrainer.of(config).train(data(8000, 1));
        var reference = FlowConfig.builder().layers(4).hidden(32).components(4).epochs(4).batchSize(256).seed(3)
                .referenceBins(16).build();
        withReference = FlowTrainer.of(reference).train(data(8000, 1));
    }

    @AfterAll static void close() {
        trained.close();
        withReference.close();
    }

    /** Midpoint rule over the box in x: the density (Jacobians included) integrates to one whatever the training. */
    @ParameterizedTest @ValueSource(ints = {0, 16})
    void densityIntegratesToOne(int bins) {
        Flow flow = flow(bins);
        for (double cc : new double[] {0.2, 1.5}) {
            int g = 250;
            double[][] x = new double[g * g][], c = new double[g * g][];
            double h1 = (HI[0] - LO[0]) / g, h2 = (HI[1] - LO[1]) / g;
            for (int i = 0; i < g; i++)
                for (int j = 0; j < g; j++) {
                    x[i * g + j] = new double[] {LO[0] + (i + 0.5) * h1, LO[1] + (j + 0.5) * h2};
                    c[i * g + j] = new double[] {cc};
                }
            double[] lp = flow.logDensity(x, c);
            double s = 0;
            for (double v : lp) s += Math.exp(v) * h1 * h2;
            assertEquals(1, s, 0.01, "∫ p(x | c = " + cc + ") dx");
        }
    }

    /** Samples against the density: KS distance of x₁'s marginal to the CDF integrated from the density on a grid. */
    @ParameterizedTest @ValueSource(ints = {0, 16})
    void samplesMatchTheDensity(int bins) {
        Flow flow = flow(bins);
        double cc = 1.0;
        int n = 4000;
        double[][] c = new double[n][];
        Arrays.fill(c, new double[] {cc});
        double[][] s = flow.sample(c, 5);
        int g = 200;
        double[][] x = new double[g * g][], cg = new double[g * g][];
        double h1 = 1.0 / g, h2 = 3.0 / g;
        for (int i = 0; i < g; i++)
            for (int j = 0; j < g; j++) {
                x[i * g + j] = new double[] {(i + 0.5) * h1, -1 + (j + 0.5) * h2};
                cg[i * g + j] = new double[] {cc};
            }
        double[] lp = flow.logDensity(x, cg);
        double[] cdf = new double[g + 1];
        for (int i = 0; i < g; i++) {
            double m = 0;
            for (int j = 0; j < g; j++) m += Math.exp(lp[i * g + j]) * h2;
            cdf[i + 1] = cdf[i] + m * h1;
        }
        for (int i = 0; i <= g; i++) cdf[i] /= cdf[g];
        double[] x1 = new double[n];
        for (int i = 0; i < n; i++) x1[i] = s[i][0];
        Arrays.sort(x1);
        double d = 0;
        for (int i = 0; i < n; i++) {
            double pos = x1[i] / h1;
            int k = Math.min(g - 1, (int) pos);
            double f = cdf[k] + (pos - k) * (cdf[k + 1] - cdf[k]);
            d = Math.max(d, Math.max(Math.abs(f - i / (double) n), Math.abs(f - (i + 1.0) / n)));
        }
        assertTrue(d < 1.95 / Math.sqrt(n), "KS distance " + d);
        // and the sample mean of x₂ against the density's
        double mean = 0, exact = 0;
        for (double[] v : s) mean += v[1] / n;
        double norm = 0;
        for (int k = 0; k < g * g; k++) {
            exact += x[k][1] * Math.exp(lp[k]);
            norm += Math.exp(lp[k]);
        }
        exact /= norm;
        double sd = 0;
        for (double[] v : s) sd += (v[1] - mean) * (v[1] - mean) / n;
        assertEquals(exact, mean, 5 * Math.sqrt(sd / n));
    }

    @ParameterizedTest @ValueSource(ints = {0, 16})
    void trainingLearnsTheDensity(int bins) {
        // held-out rows: the flow's mean log-density beats the uniform density on the box (−log 3) by a wide margin
        FlowData test = data(4000, 99);
        double[] lp = flow(bins).logDensity(test.x(), test.c());
        double mean = Arrays.stream(lp).average().orElseThrow();
        assertTrue(mean > -Math.log(3) + 0.5, "mean held-out log-density " + mean);
        var report = (bins == 0 ? trained : withReference).report();
        assertEquals(4, report.epochs());
        assertTrue(report.epochLosses().get(3) < report.epochLosses().get(0), "loss went down: " + report.epochLosses());
        // it learned how x depends on c: each row's own c beats the c of another row (an untrained flow, which is
        // the map alone, scores both alike)
        double gain = conditionGain(flow(bins), test);
        assertTrue(gain > 0.05, "own c against another row's: " + gain);
        // a rare step with a non-finite gradient is skipped (and counted); training goes on after it
        var provenance = (bins == 0 ? trained : withReference).model().provenance();
        assertTrue(provenance.skippedSteps() <= provenance.steps() / 20, "skipped " + provenance.skippedSteps());
    }

    /** Mean log-density of the rows with their own condition minus with the condition of another row (0 untrained). */
    static double conditionGain(Flow flow, FlowData test) {
        double[][] other = new double[test.rows()][];
        for (int i = 0; i < other.length; i++) other[i] = test.c()[(i + other.length / 2) % other.length];
        double own = Arrays.stream(flow.logDensity(test.x(), test.c())).average().orElseThrow();
        return own - Arrays.stream(flow.logDensity(test.x(), other)).average().orElseThrow();
    }

    /** With weight averaging the flow still learns the condition, and a saved flow keeps its setting. */
    @Test void averagedWeightsLearnAndRoundTrip(@TempDir Path dir) throws Exception {
        var config = FlowConfig.builder().layers(4).hidden(32).components(4).epochs(4).batchSize(256).seed(3)
                .referenceBins(16).averaging(0.9).build();
        try (Flow flow = FlowTrainer.of(config).train(data(8000, 1)).model()) {
            FlowData test = data(4000, 99);
            double gain = conditionGain(flow, test);
            assertTrue(gain > 0.05, "own c against another row's: " + gain);
            flow.save(dir);
            try (Flow loaded = Flow.load(dir)) {
                assertEquals(0.9, loaded.config().averaging());
                assertArrayEquals(flow.logDensity(test.x(), test.c()), loaded.logDensity(test.x(), test.c()), 1e-9);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FlowConfig.builder().averaging(1).build());
    }

    /**
     * {@link #data}'s rows paired with c' = c + N(0, 0.3²) (clamped to [0, 2]) and the exact log p(x | c') − log p(x | c):
     * x₁ does not depend on c, and x₂'s scaled position v ∈ (0, 1) has density (1 + c)·v^c.
     */
    static FlowData withRatios(FlowData data, long seed) {
        var r = new SplittableRandom(seed);
        int n = data.rows();
        double[][] paired = new double[n][];
        double[] ratio = new double[n];
        for (int i = 0; i < n; i++) {
            double c = data.c()[i][0], c2 = Math.min(2, Math.max(0, c + 0.3 * r.nextGaussian()));
            double x1 = data.x()[i][0], v = (data.x()[i][1] + 1) / 3 / (0.5 + 0.5 * x1);
            paired[i] = new double[] {c2};
            ratio[i] = Math.log((1 + c2) / (1 + c)) + (c2 - c) * Math.log(v);
        }
        return data.withRatios(paired, ratio);
    }

    /** Mean squared error of the flow's log p(x | c') − log p(x | c) against the exact one, on held-out pairs. */
    static double ratioError(Flow flow, FlowData pairs) {
        double[] own = flow.logDensity(pairs.x(), pairs.c()), other = flow.logDensity(pairs.x(), pairs.paired());
        double s = 0;
        for (int i = 0; i < own.length; i++) s += Math.pow(other[i] - own[i] - pairs.logRatio()[i], 2);
        return s / own.length;
    }

    /**
     * Training with the ratio term ("mining gold"): the flow's log-density ratios between nearby conditions come out
     * closer to the exact ones than maximum likelihood alone gives them with the same steps, and it still learns the
     * density; the weight is saved.
     */
    @Test void ratioTermTeachesHowTheDensityMovesWithTheCondition(@TempDir Path dir) throws Exception {
        var config = FlowConfig.builder().layers(4).hidden(32).components(4).epochs(4).batchSize(256).seed(3)
                .referenceBins(16).ratioWeight(20).build();
        FlowData test = withRatios(data(4000, 99), 5);
        try (Flow flow = FlowTrainer.of(config).train(withRatios(data(8000, 1), 4)).model()) {
            double gold = ratioError(flow, test), plain = ratioError(flow(16), test);
            assertTrue(gold < 0.5 * plain, "ratio error with the term " + gold + ", without " + plain);
            double gain = conditionGain(flow, test);
            assertTrue(gain > 0.05, "own c against another row's: " + gain);
            FlowData heldOut = data(4000, 99);
            double mean = Arrays.stream(flow.logDensity(heldOut.x(), heldOut.c())).average().orElseThrow();
            assertTrue(mean > -Math.log(3) + 0.5, "mean held-out log-density " + mean);
            flow.save(dir);
            try (Flow loaded = Flow.load(dir)) {
                assertEquals(20.0, loaded.config().ratioWeight());
            }
        }
    }

    @Test void ratioTermNeedsPairedRows() {
        var config = FlowConfig.builder().layers(2).hidden(8).components(2).epochs(1).batchSize(64).ratioWeight(1).build();
        var e = assertThrows(IllegalArgumentException.class, () -> FlowTrainer.of(config).train(data(500, 2)));
        assertTrue(e.getMessage().contains("ratioWeight"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlowConfig.builder().ratioWeight(-1).build());
        FlowData d = data(10, 2);
        assertThrows(IllegalArgumentException.class, () -> d.withRatios(new double[9][1], new double[10]));
        double[][] paired = new double[10][];
        Arrays.fill(paired, new double[] {1});
        double[] ratio = new double[10];
        ratio[3] = Double.NaN;
        var nan = assertThrows(IllegalArgumentException.class, () -> d.withRatios(paired, ratio));
        assertTrue(nan.getMessage().contains("row 3"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FlowData(d.x(), d.c(), LO, HI, paired, null));
    }

    @ParameterizedTest @ValueSource(ints = {0, 16})
    void catalogueSumsEventDensities(int bins) {
        Flow flow = flow(bins);
        FlowData test = data(50, 7);
        double[][] conditions = {{0.3}, {1.7}};
        double[] sums = flow.catalogue(test.x()).logLikelihood(conditions);
        for (int j = 0; j < 2; j++) {
            double[][] c = new double[50][];
            Arrays.fill(c, conditions[j]);
            double s = Arrays.stream(flow.logDensity(test.x(), c)).sum();
            assertEquals(s, sums[j], 1e-6 * Math.abs(s));
        }
    }

    @ParameterizedTest @ValueSource(ints = {0, 16})
    void savedFlowGivesTheSameDensity(int bins, @TempDir Path dir) throws Exception {
        Flow flow = flow(bins);
        flow.save(dir);
        FlowData test = data(100, 8);
        try (Flow loaded = Flow.load(dir)) {
            assertArrayEquals(flow.logDensity(test.x(), test.c()), loaded.logDensity(test.x(), test.c()), 1e-9);
            assertEquals(flow.config(), loaded.config());
            assertEquals(flow.provenance(), loaded.provenance());
            // and the same samples (the inverse of the map included)
            double[][] c = {{0.4}, {1.2}, {1.9}};
            double[][] a = flow.sample(c, 11), b = loaded.sample(c, 11);
            for (int i = 0; i < c.length; i++) assertArrayEquals(a[i], b[i], 0);
        }
    }

    /** A flow saved before the reference map existed (no {@code map}, no {@code referenceBins}) loads as a logit flow. */
    @Test void flowSavedWithoutTheMapLoadsAsLogit(@TempDir Path dir) throws Exception {
        Flow flow = flow(0);
        flow.save(dir);
        Path file = dir.resolve("flow.properties");
        var p = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(file)) { p.load(in); }
        assertEquals("logit", p.getProperty("map"));
        p.remove("map");
        p.remove("referenceBins");
        try (var out = java.nio.file.Files.newBufferedWriter(file)) { p.store(out, null); }
        FlowData test = data(100, 8);
        try (Flow loaded = Flow.load(dir)) {
            assertEquals(0, loaded.config().referenceBins());
            assertArrayEquals(flow.logDensity(test.x(), test.c()), loaded.logDensity(test.x(), test.c()), 1e-9);
        }
    }

    @Test void cancelStopsTraining() {
        var config = FlowConfig.builder().layers(2).hidden(8).components(2).epochs(3).batchSize(64).build();
        try (var t = FlowTrainer.of(config).train(data(500, 2), p -> { }, new AtomicBoolean(true))) {
            assertTrue(t.report().stopped());
            assertEquals(0, t.report().steps());
        }
    }

    @Test void badInputsAreRefused() {
        Flow flow = trained.model();
        assertThrows(IllegalArgumentException.class, () -> FlowConfig.builder().layers(0).build());
        assertThrows(IllegalArgumentException.class, () -> FlowConfig.builder().learningRate(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> new FlowData(new double[][] {{0.5, 3}, {0.5, 0}}, new double[][] {{1}, {1}}, LO, HI));
        assertThrows(IllegalArgumentException.class,
                () -> new FlowData(new double[][] {{0.5, 0}, {0.5, 0}}, new double[][] {{1}}, LO, HI));
        assertThrows(IllegalArgumentException.class, () -> flow.logDensity(new double[][] {{0.5, 0}}, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> flow.catalogue(new double[][] {{0.5, 5}}));
        assertEquals(Double.NEGATIVE_INFINITY, flow.logDensity(new double[][] {{1.5, 0}}, new double[][] {{1}})[0]);
    }
}
