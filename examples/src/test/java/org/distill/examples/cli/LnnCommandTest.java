package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill example lnn} in-process: one tiny relativistic run end to end, and the usage errors. */
class LnnCommandTest {
    @TempDir Path dir;

    static DistillCommandTest.Result run(String... args) { return DistillCommandTest.run(args); }

    @Test
    @Timeout(90)
    void tinyRelativisticRunPrintsAndWritesEverything() throws IOException {
        Path json = dir.resolve("rel.json");
        String prefix = dir.resolve("rel").toString();
        var r = run("example", "lnn", "--system", "relativistic", "--states", "64", "--epochs", "2", "--hidden", "8",
                "--duration", "0.5", "--time", "1", "--threads", "1", "--json", json.toString(), "--plot-prefix", prefix, "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("lnn: relativistic; 64 training states; networks 3 x 8 softplus (lnn separable: L = T(q̇) + U(q)); 20 rollouts of 0.500 time units")
                .contains("energy drift |E(end) - E(0)|/|E(0)|").contains("accelerations, mean |â - a|/|a| by speed band (trained on |v| <= 0.800):")
                .contains("  |v| in (0.950, 0.990]: lnn ").contains("  over time (lnn / baseline):  t=0.125: ")
                .contains("learned Lagrangian ≈ ").contains("plots: " + prefix + "-trajectories.png")
                .contains("json: " + json);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = DistillCommandTest.readJson(json);
        JsonFieldsTest.assertFields(JsonFieldsTest.LNN, m);
        assertThat(m).containsKeys("energy_drift_model", "energy_drift_baseline", "formula", "latex", "lagrangian_r2",
                "accel_error_outside_model", "accel_error_outside_baseline", "seconds", "lagrangian_gauge_r2",
                "lagrangian_velocity_term", "accel_error_bands", "energy_drift_times", "energy_drift_model_over_time",
                "energy_drift_baseline_over_time", "learning_rate", "batch");
        assertThat((java.util.List<?>) m.get("accel_error_bands")).hasSize(4);
        assertThat((java.util.List<?>) m.get("energy_drift_model_over_time")).hasSize(4);
        assertThat(m.get("system")).isEqualTo("relativistic");
        assertThat(m.get("train_states")).isEqualTo(64L);
        for (String plot : new String[] {"-trajectories.png", "-energy.png", "-accelerations.png"})
            assertThat(Files.size(Path.of(prefix + plot))).isGreaterThan(1000);

        var again = run("example", "lnn", "--system", "relativistic", "--plot-prefix", prefix);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.error()).isEqualTo("plot " + prefix + "-trajectories.png exists; use --force to overwrite it");
    }

    @Test void usageErrors() {
        var r = run("example", "lnn", "--system", "triple-pendulum");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--system: unknown system 'triple-pendulum'; expected one of double-pendulum, relativistic, wave");
        var e = run("example", "lnn", "--system", "relativistic", "--epochs", "0");
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.error()).isEqualTo("--epochs must be in [1, 100000]: 0");
        var s = run("example", "lnn", "--system", "double-pendulum", "--states", "3");
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.error()).isEqualTo("--states must be in [16, 10000000]: 3");
        var w = run("example", "lnn", "--system", "wave", "--separable");
        assertThat(w.code()).isEqualTo(2);
        assertThat(w.error()).contains("separable applies to the Lagrangian network, not the wave chain's graph network");
        var l = run("example", "lnn", "--system", "relativistic", "--lr", "2");
        assertThat(l.error()).isEqualTo("--lr must be in (0, 1]: 2.0");
        var t = run("example", "lnn", "--system", "double-pendulum", "--time", "0");
        assertThat(t.error()).isEqualTo("--time must be a number of seconds in (0, 10000000]: 0.0");
    }
}
