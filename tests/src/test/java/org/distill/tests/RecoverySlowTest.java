package org.distill.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.SymbolicRegressor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Longer recovery runs on laws from the Feynman table (noise-free, sampled in the table's ranges):
 * the chosen equation must reproduce the law on fresh points. Run with {@code ./test --slow}.
 */
@Tag("slow")
class RecoverySlowTest {

    record Law(String name, List<String> vars, double lo, double hi, ToDoubleFunction<double[]> f) {
        @Override public String toString() { return name; }
    }

    static List<Law> laws() {
        return List.of(
                new Law("I.12.1 F = mu*Nn", List.of("mu", "Nn"), 1, 5, x -> x[0] * x[1]),
                new Law("I.14.3 U = m*g*z", List.of("m", "g", "z"), 1, 5, x -> x[0] * x[1] * x[2]),
                new Law("I.29.4 k = omega/c", List.of("omega", "c"), 1, 10, x -> x[0] / x[1]),
                new Law("I.39.10 E = 3/2*pF*V", List.of("pF", "V"), 1, 5, x -> 1.5 * x[0] * x[1]),
                new Law("II.3.24 h = P/(4*pi*r^2)", List.of("P", "r"), 1, 5, x -> x[0] / (4 * Math.PI * x[1] * x[1])),
                new Law("I.12.2 F = q1*q2/(4*pi*eps*r^2)", List.of("q1", "q2", "eps", "r"), 1, 5,
                        x -> x[0] * x[1] / (4 * Math.PI * x[2] * x[3] * x[3])),
                new Law("I.6.2a f = exp(-theta^2/2)/sqrt(2*pi)", List.of("theta"), 1, 3,
                        x -> Math.exp(-x[0] * x[0] / 2) / Math.sqrt(2 * Math.PI)),
                new Law("I.25.13 Ve = q/C", List.of("q", "C"), 1, 5, x -> x[0] / x[1]),
                new Law("II.27.18 E = eps*Ef^2", List.of("eps", "Ef"), 1, 5, x -> x[0] * x[1] * x[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("laws")
    void recovers(Law law) {
        int p = law.vars().size();
        Random r = new Random(1);
        double[][] x = new double[1000][p];
        double[] y = new double[1000];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) x[i][j] = law.lo() + (law.hi() - law.lo()) * r.nextDouble();
            y[i] = law.f().applyAsDouble(x[i]);
        }
        Dataset data = Dataset.of(x, y).withVariables(law.vars());
        Equation best = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT, Op.EXP, Op.SQUARE)
                .maxComplexity(25).generations(1000).targetLoss(1e-24).seed(3).build().fit(data).best();
        for (int i = 0; i < 100; i++) {
            double want = law.f().applyAsDouble(x[i]);
            double got = best.predict(new double[][] {x[i]})[0];
            assertThat(Math.abs(got - want)).as("%s: %s", law, best).isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(want)));
        }
    }
}
