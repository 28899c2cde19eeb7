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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code distill discover --loss-weights none|relative|auto}: the setting reaches the search and the JSON. */
class LossWeightsOptionTest {
    @TempDir Path dir;

    private Result discover(Path json, String... weights) throws IOException {
        Path csv = dir.resolve("kepler.csv");
        Files.writeString(csv, DistillCommandTest.KEPLER, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("discover", csv.toString(), "--target", "period",
                "--generations", "10", "--seed", "1", "--threads", "2", "--quiet", "--no-simplify", "--json", json.toString()));
        if (weights.length > 0) args.addAll(List.of("--loss-weights", weights[0]));
        return DistillCommandTest.run(args.toArray(String[]::new));
    }

    /** Kepler's periods (88 to 60 195 days) span more than a factor 100: auto is relative. */
    @ParameterizedTest @ValueSource(strings = {"relative", "AUTO"}) @SuppressWarnings("unchecked")
    void relativeWeightsAreInTheJsonSettingsAndTheLossesAreWeighted(String weights) throws IOException {
        Path json = dir.resolve("front.json");
        Result r = discover(json, weights);
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> m = DistillCommandTest.readJson(json);
        Map<String, Object> settings = (Map<String, Object>) ((Map<String, Object>) m.get("provenance")).get("settings");
        assertThat(settings).containsEntry("weighting", weights.toLowerCase(java.util.Locale.ROOT));
        // Each reported loss is the squared error weighted by 1/period², Σ w·r² / Σ w.
        double[][] rows = DistillCommandTest.KEPLER.lines().filter(l -> !l.startsWith("#") && !l.startsWith("a"))
                .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
        for (Map<String, Object> e : (List<Map<String, Object>>) m.get("front")) {
            Expr expr = Parser.parse((String) e.get("equation"), List.of("a"));
            double sum = 0, wsum = 0;
            for (double[] row : rows) {
                double w = 1 / (row[1] * row[1]);
                sum += w * Math.pow(expr.evaluate(new double[] {row[0]}) - row[1], 2);
                wsum += w;
            }
            // The JSON prints the equation's constants to about 12 digits.
            assertThat((Double) e.get("loss")).as((String) e.get("equation")).isCloseTo(sum / wsum,
                    org.assertj.core.api.Assertions.within(1e-6 * sum / wsum + 1e-6));
        }
    }

    @Test @SuppressWarnings("unchecked")
    void noneIsTheDefault() throws IOException {
        Path json = dir.resolve("none.json");
        assertThat(discover(json).code()).isZero();
        Map<String, Object> settings = (Map<String, Object>) ((Map<String, Object>) DistillCommandTest.readJson(json)
                .get("provenance")).get("settings");
        assertThat(settings).containsEntry("weighting", "none");
    }

    @Test
    void aBadValueIsOneLineNamingIt() throws IOException {
        Result r = discover(dir.resolve("bad.json"), "inverse");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--loss-weights: unknown weighting 'inverse': expected none, relative or auto");
    }
}
