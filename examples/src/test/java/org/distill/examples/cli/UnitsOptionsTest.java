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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code distill discover --units ...}: errors, and small runs with closed-form answers. */
class UnitsOptionsTest {
    @TempDir Path dir;
    Path pendulum;

    @BeforeEach void writePendulum() throws IOException {
        StringBuilder sb = new StringBuilder("L,g,m,T\n");
        Random r = new Random(3);
        for (int i = 0; i < 30; i++) {
            double l = 0.2 + 2 * r.nextDouble(), g = 1 + 20 * r.nextDouble(), m = 0.5 + r.nextDouble();
            sb.append(l).append(',').append(g).append(',').append(m).append(',').append(2 * Math.PI * Math.sqrt(l / g)).append('\n');
        }
        pendulum = dir.resolve("pendulum.csv");
        Files.writeString(pendulum, sb.toString(), StandardCharsets.UTF_8);
    }

    private Result discover(String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "discover";
        args[1] = pendulum.toString();
        args[2] = "--target=T";
        System.arraycopy(more, 0, args, 3, more.length);
        return DistillCommandTest.run(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "L=m,g=m/s^^2,m=kg,T=s| --units: unit of 'g': malformed unit 'm/s^^2' at column 5: unexpected '^'; expected an exponent (an integer, or (p/q))",
            "L=m,g=m/s^2,m=furlong| --units: unit of 'm': malformed unit 'furlong' at column 1: unknown unit 'furlong'; expected one of m s kg K A N J W Pa Hz C V Ohm Ω F H T rad sr",
            "L=m,g=m/s^2,m=kg,X=s| --units: units given for 'X', which is neither a feature column [L, g, m] nor the target 'T'",
            "L=m,g=m/s^2| --units: no unit for column m: every feature column needs one (1 for dimensionless)",
            "L=m,g,m=kg| --units: 'g' is not COL=UNIT",
            "L=m,L=s,g=m/s^2,m=kg| --units: column 'L' is given twice"})
    void badUnitsAreOneLineUsageErrors(String units, String message) {
        Result r = discover("--units", units, "--generations", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo(message);
    }

    @Test void optionsThatNeedUnits() {
        assertThat(discover("--units-mode", "forbid").error()).isEqualTo("--units-mode needs --units");
        assertThat(discover("--dimensionless-constants").error()).isEqualTo("--dimensionless-constants needs --units");
        assertThat(discover("--buckingham").error()).isEqualTo("--buckingham needs --units");
        Result r = discover("--units", "L=m,g=m/s^2,m=kg,T=s", "--units-mode", "strict");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--units-mode: unknown units mode 'strict': expected penalty, forbid or off");
        Result noTarget = discover("--units", "L=m,g=m/s^2,m=kg", "--buckingham");
        assertThat(noTarget.code()).isEqualTo(2);
        assertThat(noTarget.error()).contains("--buckingham: Buckingham-Π reduction needs units for every column and for the target 'T'");
    }

    @Test void forbiddenInconsistencyStillFindsThePendulum() {
        Result r = discover("--units", "L=m,g=m/s^2,m=kg,T=s", "--units-mode", "forbid", "--generations", "30",
                "--threads", "1", "--no-simplify", "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        String chosen = r.out().lines().dropWhile(l -> !l.startsWith("Chosen equation")).skip(1).findFirst().orElseThrow();
        Expr law = Parser.parse(chosen.strip().substring("T = ".length()), List.of("L", "g", "m"));
        assertThat(law.evaluate(new double[] {1.0, 9.81, 1})).isCloseTo(2 * Math.PI * Math.sqrt(1 / 9.81), within(1e-6));
    }

    @Test void buckinghamFindsThePendulumInClosedForm() {
        Result r = discover("--units", "L=m,g=m/s^2,m=kg,T=s", "--buckingham");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Pi_T = T*g^(1/2)/L^(1/2)").contains("No dimensionless group of the inputs");
        String line = r.out().lines().filter(l -> l.startsWith("  T = ")).findFirst().orElseThrow();
        Expr law = Parser.parse(line.strip().substring("T = ".length()), List.of("L", "g", "m"));
        assertThat(law.evaluate(new double[] {2.0, 9.81, 1})).isCloseTo(2 * Math.PI * Math.sqrt(2 / 9.81), within(1e-9));
    }

    @Test void buckinghamSearchesTheGroupsAndMapsBack() throws IOException {
        // R = v^2 sin(2θ)/g: one group θ, Pi_R = R·g/v^2 = sin(2θ)
        StringBuilder sb = new StringBuilder("v,theta,g,R\n");
        Random rnd = new Random(8);
        for (int i = 0; i < 40; i++) {
            double v = 1 + 20 * rnd.nextDouble(), th = 0.1 + 1.3 * rnd.nextDouble(), g = 1 + 20 * rnd.nextDouble();
            sb.append(v).append(',').append(th).append(',').append(g).append(',').append(v * v * Math.sin(2 * th) / g).append('\n');
        }
        Path range = dir.resolve("range.csv");
        Files.writeString(range, sb.toString(), StandardCharsets.UTF_8);
        Result r = DistillCommandTest.run("discover", range.toString(), "--target", "R", "--units", "v=m/s,theta=1,g=m/s^2,R=m",
                "--buckingham", "--ops", "+,*,sin", "--generations", "30", "--threads", "1", "--no-simplify", "--seed", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Pi1 = theta").contains("Pi_R = R*g/v^2").contains("In the original columns:");
        String line = r.out().lines().dropWhile(l -> !l.startsWith("In the original columns:")).skip(1).findFirst().orElseThrow();
        Expr law = Parser.parse(line.strip().substring("R = ".length()), List.of("v", "theta", "g"));
        assertThat(law.evaluate(new double[] {10, 0.5, 9.81})).isCloseTo(100 * Math.sin(1.0) / 9.81, within(1e-6));
    }
}
