package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill example hgn} in-process: one tiny spring run end to end, and the usage errors. */
class HgnCommandTest {
    @TempDir Path dir;

    static DistillCommandTest.Result run(String... args) { return DistillCommandTest.run(args); }

    @Test
    @Timeout(90)
    void tinySpringRunPrintsAndWritesEverything() throws IOException {
        Path json = dir.resolve("hgn.json"), png = dir.resolve("hgn.png");
        var r = run("example", "hgn", "--law", "spring", "--sims", "2", "--epochs", "1", "--hidden", "8", "--time", "1",
                "--threads", "1", "--json", json.toString(), "--plot", png.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("hgn: spring law, 2-D, 4 bodies, 2 simulations").contains("test loss: ")
                .contains("pair term vs true potential, relative to r0 = ").contains("radial derivative: dphi/dr ≈ ")
                .contains("trimmed").contains("relative error").contains("form of the true potential (both trimmed R² >= 0.9, relative errors <= 0.1): ")
                .contains("Pareto front")
                .contains("formula for the pair term").contains("LaTeX: ").contains("plot: " + png).contains("json: " + json);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = DistillCommandTest.readJson(json);
        JsonFieldsTest.assertFields(JsonFieldsTest.HGN, m);
        assertThat(m).containsKeys("law", "test_loss", "zero_loss", "reference_r", "pair_r2", "pair_r2_untrimmed", "pair_force_r2",
                "pair_force_r2_untrimmed", "formula", "latex", "formula_r2", "formula_force_r2", "form_matches", "search_pairs", "front", "pair_force_relative_error",
                "formula_force_relative_error");
        assertThat(m.get("selection")).isEqualTo("score");
        assertThat(m.get("law")).isEqualTo("spring");
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    @Test void usageErrors() {
        var law = run("example", "hgn", "--law", "gravity");
        assertThat(law.code()).isEqualTo(2);
        assertThat(law.error()).startsWith("--law: unknown pair law 'gravity'");
        var damped = run("example", "hgn", "--law", "damped");
        assertThat(damped.code()).isEqualTo(2);
        assertThat(damped.error()).isEqualTo("--law must conserve energy for a Hamiltonian: damped");
        var sims = run("example", "hgn", "--law", "r2", "--sims", "1");
        assertThat(sims.error()).isEqualTo("--sims must be in [2, 100000]: 1");
    }
}
