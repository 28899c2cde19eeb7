package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distill.examples.cli.DistillCommandTest.Result;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill discover --denoise} and {@code --candidate-features}: the settings reach the search and the JSON. */
class DenoiseOptionTest {
    @TempDir Path dir;

    @Test @SuppressWarnings("unchecked")
    void denoiseIsInTheJsonSettingsAndLossesAreOnTheData() throws IOException {
        Path csv = dir.resolve("kepler.csv");
        Files.writeString(csv, DistillCommandTest.KEPLER, StandardCharsets.UTF_8);
        Path json = dir.resolve("front.json");
        Result r = DistillCommandTest.run("discover", csv.toString(), "--target", "period", "--denoise",
                "--candidate-features", "--generations", "10", "--seed", "1", "--threads", "2", "--quiet", "--no-simplify",
                "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> m = DistillCommandTest.readJson(json);
        Map<String, Object> settings = (Map<String, Object>) ((Map<String, Object>) m.get("provenance")).get("settings");
        assertThat(settings).containsEntry("denoise", true);
        // One input: no pair, no candidate feature; the setting is recorded all the same.
        assertThat(settings).containsEntry("features", true);
        // The reported loss of each equation is its mean squared error on the file's (original) periods.
        double[][] rows = DistillCommandTest.KEPLER.lines().filter(l -> !l.startsWith("#") && !l.startsWith("a"))
                .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
        for (Map<String, Object> e : (List<Map<String, Object>>) m.get("front")) {
            Expr expr = Parser.parse((String) e.get("equation"), List.of("a"));
            double mse = 0;
            for (double[] row : rows) mse += Math.pow(expr.evaluate(new double[] {row[0]}) - row[1], 2);
            mse /= rows.length;
            // The JSON prints the equation's constants to about 12 digits.
            assertThat((Double) e.get("loss")).as((String) e.get("equation")).isCloseTo(mse,
                    org.assertj.core.api.Assertions.within(1e-6 * mse + 1e-6));
        }
    }
}
