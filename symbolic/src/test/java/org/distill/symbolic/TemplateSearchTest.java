package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.distill.symbolic.expr.Op;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Template searches on laws with closed forms, and the errors of bad templates. */
class TemplateSearchTest {

    private static SymbolicRegressor.Builder quick() {
        return SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SIN, Op.EXP)
                .maxComplexity(20)
                .generations(60)
                .threads(2)
                .seed(1);
    }

    private static void print(ParetoFront f) {
        for (Equation e : f.equations()) System.out.println(e.complexity() + "  " + e.loss() + "  " + e);
        System.out.println("best: " + f.best() + "  evals " + f.provenance().evaluations());
    }

    @Test
    @Tag("slow") // the default run has the same law as a raw front and the halo from the CLI
    void recoversTheSearchedPartsOfAProduct() {
        // y = 2.5 + sin(x)·z²: the template fixes the sum and the product, the search finds sin(x) and z².
        ToDoubleFunction<double[]> law = v -> 2.5 + Math.sin(v[0]) * v[2] * v[2];
        Dataset data = SymbolicRegressorTest.sample(200, 3, -3, 3, 5, law).withVariables("x", "y", "z");
        ParetoFront front = quick().template("c1 + f(x)*g(z)").build().fit(data);
        print(front);
        SymbolicRegressorTest.assertRecovers(front.best(), 3, -3, 3, law);
    }

    @Test
    void theRawFrontHoldsTheComposedPartsOfTheTemplate() {
        // The unsimplified front (a progress snapshot) decomposes into the searched parts:
        // f(a)·g(b) = sin(a)·b², each part up to a factor.
        ToDoubleFunction<double[]> law = v -> 2.5 + Math.sin(v[0]) * v[2] * v[2];
        Dataset data = SymbolicRegressorTest.sample(200, 3, -3, 3, 5, law).withVariables("x", "y", "z");
        SymbolicRegressor r = quick().template("c1 + f(x)*g(z)").build();
        Progress last = r.stream(data).reduce((a, b) -> b).orElseThrow();
        Equation best = last.front().select(Selection.ACCURACY);
        org.distill.symbolic.search.Template t = org.distill.symbolic.search.Template.parse(
                "c1 + f(x)*g(z)", data.variables(), Op.DEFAULTS);
        org.distill.symbolic.expr.Expr[] parts = t.decompose(best.expression());
        assertThat(parts).as(best.toString()).isNotNull();
        double k = parts[0].evaluate(new double[] {1.0}) / Math.sin(1.0);
        for (double a : new double[] {-2.5, -0.7, 0.4, 2.9}) {
            assertThat(parts[0].evaluate(new double[] {a})).as("f = %s", parts[0]).isCloseTo(k * Math.sin(a), within(1e-6));
            assertThat(parts[1].evaluate(new double[] {a})).as("g = %s", parts[1]).isCloseTo(a * a / k, within(1e-6));
        }
    }

    @Test
    @Tag("slow") // the default run has the same law as a raw front and the halo from the CLI
    void recoversTheHaloKernel() {
        ToDoubleFunction<double[]> law = v -> 0.3 + v[0] * v[0] / (1.5 + 0.7 * v[1]);
        Dataset data = SymbolicRegressorTest.sample(200, 2, 0.5, 3, 6, law).withVariables("e", "M");
        ParetoFront front = quick().template("c1 + f(e)/(c2 + c3*M)").build().fit(data);
        print(front);
        SymbolicRegressorTest.assertRecovers(front.best(), 2, 0.5, 3, law);
    }

    @Test
    void findsOneKernelCalledTwice() {
        // A kernel summed over two neighbours: the same tree at both calls, its constant tied.
        ToDoubleFunction<double[]> law = v -> Math.exp(-0.5 * v[0] * v[0]) + Math.exp(-0.5 * v[1] * v[1]);
        Dataset data = SymbolicRegressorTest.sample(200, 2, -2, 2, 7, law).withVariables("r1", "r2");
        ParetoFront front = quick().template("f(r1) + f(r2)").build().fit(data);
        print(front);
        SymbolicRegressorTest.assertRecovers(front.best(), 2, -2, 2, law);
    }

    @Test
    void badTemplatesAreRefusedWithOneLine() {
        assertThatThrownBy(() -> SymbolicRegressor.builder().template("f(x) +").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template: unexpected end at column 7 of 'f(x) +': expected a number, a variable, a function or '('");
        assertThatThrownBy(() -> SymbolicRegressor.builder().template("c1*x").build())
                .hasMessageStartingWith("template 'c1*x' has no searched function");
        assertThatThrownBy(() -> SymbolicRegressor.builder().template(" ").build())
                .hasMessageStartingWith("template is blank");
        assertThatThrownBy(() -> SymbolicRegressor.builder().template("g()").build())
                .hasMessageStartingWith("template: searched function 'g' needs at least one argument");
        assertThatThrownBy(() -> SymbolicRegressor.builder().maxComplexity(5).template("c1 + f(x)/(c2 + c3*x)").build())
                .hasMessage("template 'c1 + f(x)/(c2 + c3*x)' has complexity 9 with every searched function a single leaf: "
                        + "more than maxComplexity 5");
        Dataset data = SymbolicRegressorTest.sample(20, 2, 0, 1, 1, v -> v[0]).withVariables("x", "y");
        SymbolicRegressor r = SymbolicRegressor.builder().template("f(x) + g(q)").generations(1).build();
        assertThatThrownBy(() -> r.fit(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("template: unknown variable 'q' at column 10 of 'f(x) + g(q)': expected one of [x, y]");
        // With candidate features asked for too: a template gets none, so its variables are still the data's.
        SymbolicRegressor withFeatures = SymbolicRegressor.builder().template("f(x) + g(q)").features(true).generations(1).build();
        assertThatThrownBy(() -> withFeatures.fit(data))
                .hasMessage("template: unknown variable 'q' at column 10 of 'f(x) + g(q)': expected one of [x, y]");
    }

    @Test
    void theTemplateIsASettingShownInTheProvenance() {
        SymbolicRegressor.Options o = SymbolicRegressor.builder().template("c1 + f(x)").linear(false).build().options();
        assertThat(o.describe()).containsEntry("template", "c1 + f(x)").containsEntry("linear", false);
        assertThat(o.toBuilder().build().options()).isEqualTo(o);
        assertThat(SymbolicRegressor.builder().build().options().describe()).containsEntry("template", null)
                .containsEntry("linear", true);
    }
}
