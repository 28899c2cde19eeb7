package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.distill.examples.cli.DistillCommandTest.Result;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill discover --template ... / --linear}: errors, and small runs with closed-form answers. */
class TemplateOptionsTest {
    @TempDir Path dir;
    Path halo;

    /** delta = 0.3 + e²/(1.5 + 0.7·M), the halo formula's shape. */
    @BeforeEach void writeHalo() throws IOException {
        StringBuilder sb = new StringBuilder("e,M,delta\n");
        Random r = new Random(5);
        for (int i = 0; i < 60; i++) {
            double e = 0.5 + 2.5 * r.nextDouble(), m = 0.5 + 2.5 * r.nextDouble();
            sb.append(e).append(',').append(m).append(',').append(0.3 + e * e / (1.5 + 0.7 * m)).append('\n');
        }
        halo = dir.resolve("halo.csv");
        Files.writeString(halo, sb.toString(), StandardCharsets.UTF_8);
    }

    private Result discover(String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "discover";
        args[1] = halo.toString();
        args[2] = "--target=delta";
        System.arraycopy(more, 0, args, 3, more.length);
        return DistillCommandTest.run(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "f(e) + g(q)| --template: unknown variable 'q' at column 10 of 'f(e) + g(q)': expected one of [e, M]",
            "c1 + f()| --template: searched function 'f' needs at least one argument (the variables it may use) at column 6 of 'c1 + f()'",
            "c1*e + c2| --template 'c1*e + c2' has no searched function: write one as a call of a new name, e.g. f(x) or g(x, y)",
            "f(e) +| --template: unexpected end at column 7 of 'f(e) +': expected a number, a variable, a function or '('"})
    void badTemplatesAreOneLineUsageErrors(String template, String message) {
        Result r = discover("--template", template, "--generations", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo(message);
    }

    @Test void tooSmallAComplexityForTheTemplate() {
        Result r = discover("--template", "c1 + f(e)/(c2 + c3*M)", "--max-complexity", "5", "--generations", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--template 'c1 + f(e)/(c2 + c3*M)' has complexity 9 with every searched function "
                + "a single leaf: more than maxComplexity 5");
    }

    @Test void theHaloTemplateFindsTheKernel() {
        Result r = discover("--template", "c1 + f(e)/(c2 + c3*M)", "--generations", "30", "--threads", "1", "--seed", "2",
                "--ops", "+,-,*,/");
        assertThat(r.code()).as(r.err()).isZero();
        String chosen = r.out().lines().dropWhile(l -> !l.startsWith("Chosen equation")).skip(1).findFirst().orElseThrow();
        Expr law = Parser.parse(chosen.strip().substring("delta = ".length()), List.of("e", "M"));
        for (double[] p : new double[][] {{1, 1}, {2.5, 0.7}, {0.6, 2.9}}) {
            assertThat(law.evaluate(p)).as(chosen).isCloseTo(0.3 + p[0] * p[0] / (1.5 + 0.7 * p[1]), within(1e-6));
        }
    }
}
