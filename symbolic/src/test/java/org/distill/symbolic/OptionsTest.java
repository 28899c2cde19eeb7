package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void summaryKeepsItsFormat() {
        // The strings the summary gave before the settings were read by name (provenance in JSON files).
        assertThat(SymbolicRegressor.builder().build().options().summary()).isEqualTo(
                "operators=[+, -, *, /, sqrt, exp, log, sin, cos, asin], maxComplexity=30, maxDepth=10, populationSize=200, "
                + "islands=8, generationsPerEpoch=10, migrants=10, generations=100, maxEvaluations=0, timeLimit=null, "
                + "targetLoss=0.0, loss=mse, linearScaling=true, batchSize=0, parsimony=0.001, adaptiveParsimony=1.0, "
                + "optimizeProbability=0.05, crossoverProbability=0.1, maxPhenotypeAge=40, tournamentSize=8, simplify=true");
        assertThat(SymbolicRegressor.builder().operators(Op.ADD, Op.MUL).timeLimit(Duration.ofSeconds(90))
                .loss(Loss.huber(1.0)).simplify(false).build().options().summary()).isEqualTo(
                "operators=[+, *], maxComplexity=30, maxDepth=10, populationSize=200, islands=8, generationsPerEpoch=10, "
                + "migrants=10, generations=0, maxEvaluations=0, timeLimit=PT1M30S, targetLoss=0.0, loss=huber(1.0), "
                + "linearScaling=true, batchSize=0, parsimony=0.001, adaptiveParsimony=1.0, optimizeProbability=0.05, "
                + "crossoverProbability=0.1, maxPhenotypeAge=40, tournamentSize=8, simplify=false");
    }

    @Test
    void describeGivesEverySettingButTheListenerAsPlainValues() {
        SymbolicRegressor.Options o = SymbolicRegressor.builder().operators(Op.ADD, Op.MUL, Op.SIN)
                .allowAllNesting().forbidNesting("sin", "sin").forbidNesting("exp", "sin")
                .initialExpressions(List.of(Expr.of(Op.MUL, Expr.variable(0), Expr.constant(2))))
                .seed(5).threads(3).listener(p -> { }).build().options();
        Map<String, Object> d = o.describe();
        List<String> names = Arrays.stream(SymbolicRegressor.Options.class.getRecordComponents())
                .map(RecordComponent::getName) // the executor says where islands run, not what the search does
                .filter(n -> !n.equals("listener") && !n.equals("executor")).toList();
        assertThat(d.keySet()).containsExactlyElementsOf(names);
        assertThat(d.get("operators")).isEqualTo(List.of("+", "*", "sin"));
        assertThat(d.get("forbiddenNesting")).isEqualTo(List.of(List.of("exp", "sin"), List.of("sin", "sin")));
        assertThat(d.get("initialExpressions")).isEqualTo(List.of("2*x0"));
        assertThat(d.get("timeLimit")).isNull();
        assertThat(d.get("simplifyTimeout")).isEqualTo("PT2S");
        assertThat(d.get("loss")).isEqualTo("mse");
        assertThat(d.get("seed")).isEqualTo(5L);
        assertThat(d.get("threads")).isEqualTo(3);
        assertThat(d.get("simplify")).isEqualTo(true);
        for (Object v : d.values()) assertThat(plain(v)).as(String.valueOf(v)).isTrue();
    }

    private static boolean plain(Object v) {
        if (v instanceof List<?> l) return l.stream().allMatch(OptionsTest::plain);
        return v == null || v instanceof Number || v instanceof Boolean || v instanceof String;
    }

    @Test
    void toBuilderGivesEqualSettings() {
        ProgressListener listener = p -> { };
        SymbolicRegressor.Options o = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.COS)
                .maxComplexity(17).maxDepth(7).forbidNesting("cos", "cos").populationSize(50).islands(3)
                .generationsPerEpoch(4).migrants(5).maxEvaluations(12345).timeLimit(Duration.ofMillis(2500))
                .targetLoss(1e-9).seed(11).threads(2).loss(Loss.MAE).linearScaling(false).batchSize(64)
                .parsimony(0.01).adaptiveParsimony(2).optimizeProbability(0.2).crossoverProbability(0.3)
                .maxPhenotypeAge(12).tournamentSize(4).simplifyTimeout(Duration.ofSeconds(1)).simplify(false)
                .initialExpressions(List.of(Expr.variable(0))).listener(listener).build().options();
        assertThat(o.toBuilder().build().options()).isEqualTo(o);
        assertThat(SymbolicRegressor.of(o).toBuilder().build().options()).isEqualTo(o);
        // The builder from toBuilder is independent of the settings it came from.
        SymbolicRegressor.Builder b = o.toBuilder();
        b.forbidNesting("sqrt", "cos");
        assertThat(o.forbiddenNesting()).doesNotContain(List.of("sqrt", "cos"));
        assertThat(b.build().options().forbiddenNesting()).contains(List.of("sqrt", "cos"), List.of("cos", "cos"));
    }

    @Test
    void withersChangeOneSetting() {
        SymbolicRegressor r = SymbolicRegressor.builder().seed(3).maxComplexity(12).build();
        assertThat(r.options().generations()).isEqualTo(100);
        SymbolicRegressor timed = r.withTimeLimit(Duration.ofSeconds(2)).withGenerations(0);
        assertThat(timed.options().timeLimit()).isEqualTo(Duration.ofSeconds(2));
        assertThat(timed.options().generations()).isZero();
        assertThat(timed.options().maxComplexity()).isEqualTo(12);
        assertThat(timed.options().seed()).isEqualTo(3);
        assertThat(r.withSeed(9).options()).isEqualTo(r.toBuilder().seed(9).build().options());
        assertThat(r.options().timeLimit()).as("the original is unchanged").isNull();
        assertThat(timed.withTimeLimit(null).options().generations()).as("no stopping rule: 100 generations").isEqualTo(100);
    }

    @Test
    void provenanceCarriesTheSettingsToSearchAgain() {
        Dataset data = SymbolicRegressorTest.sample(60, 1, -1, 1, 3, x -> 2 * x[0] * x[0] + 1);
        SymbolicRegressor r = SymbolicRegressor.builder().operators(Op.ADD, Op.MUL).islands(2).populationSize(40)
                .generations(10).seed(4).threads(1).simplify(false).build();
        ParetoFront front = r.fit(data);
        Provenance p = front.provenance();
        assertThat(p.settings()).isEqualTo(r.options());
        assertThat(p.options()).isEqualTo(r.options().summary());
        assertThat(p.settings().toBuilder().build().options()).isEqualTo(r.options());
        assertThat(SymbolicRegressor.of(p.settings()).fit(data).equations()).isEqualTo(front.equations());
        assertThat(new Provenance(1, List.of("x"), "y", "o", 0, 1, 0, 0, Duration.ZERO, "s", "v", "mse").settings()).isNull();
    }
}
