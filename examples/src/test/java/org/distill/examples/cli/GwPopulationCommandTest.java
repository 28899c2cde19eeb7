package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill example gw-population} in-process: a tiny end-to-end run, loading the saved flow, usage errors. */
class GwPopulationCommandTest {
    /** The --json fields the issue lists and the rest, with their types (see {@link JsonFieldsTest}). */
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("truth", "{}"), Map.entry("posterior_flow", "{}"), Map.entry("posterior_exact", "{}"),
            Map.entry("flow_test_nll", "n"), Map.entry("exact_test_nll", "n"), Map.entry("kl_per_event", "n"),
            Map.entry("kl_std_error", "n"), Map.entry("events", "i"), Map.entry("train_rows", "i"), Map.entry("test_rows", "i"),
            Map.entry("model_loaded", "b"), Map.entry("training_steps", "i?"), Map.entry("training_seconds", "n?"),
            Map.entry("skipped_steps", "i"), Map.entry("peak_check", "{}?"), Map.entry("ratio_weight", "n"),
            Map.entry("covered95", "i"), Map.entry("cases", "i"), Map.entry("max_mean_shift", "n"),
            Map.entry("catalogues", "[{}]"), Map.entry("seed", "i"), Map.entry("seconds", "n"));
    static final List<String> PARAMETERS = List.of("alpha", "m_max", "beta", "kappa");

    @TempDir Path dir;

    static DistillCommandTest.Result run(String... args) { return DistillCommandTest.run(args); }

    private String[] tiny(String... more) {
        var base = List.of("example", "gw-population", "--train-rows", "400", "--test-rows", "40", "--epochs", "1",
                "--hidden", "8", "--layers", "2", "--events", "30", "--walkers", "8", "--steps", "40", "--burn-in", "10", "--peak-events", "200",
                "--quiet");
        var all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    @Timeout(300)
    void tinyRunPrintsAndWritesEverythingThenLoadsTheFlow() throws IOException {
        Path json = dir.resolve("out.json"), png = dir.resolve("corner.png"), model = dir.resolve("flow");
        var r = run(tiny("--json", json.toString(), "--plot", png.toString(), "--model-dir", model.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("flow: 2 coupling layers x 8 units, trained on 400 events")
                .contains("flow: trained with the log-density-ratio term, weight 300")
                .contains("held-out density (40 events): flow NLL").contains("catalogue 1 (30 events)")
                .containsPattern("likelihood peaks \\(200 events at the truth\\): predicted \\|dmean\\|/sd for 30 events \\(systematic \\+- catalogue scatter\\) alpha (\\d\\.\\d\\d|NaN) \\+- (\\d|NaN)")
                .containsPattern("alpha +2\\.350 +\\d\\.\\d{3} \\[").contains("R-hat").contains("plot: " + png)
                .contains("json: " + json).contains("model: " + model);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = DistillCommandTest.readJson(json);
        JsonFieldsTest.assertFields(FIELDS, m);
        for (String p : new String[] {"posterior_flow", "posterior_exact"}) {
            @SuppressWarnings("unchecked")
            var post = (Map<String, Map<String, Object>>) m.get(p);
            assertThat(post).containsOnlyKeys(PARAMETERS);
            for (var v : post.values()) {
                assertThat(v).containsKeys("mean", "lo", "hi");
                assertThat((Double) v.get("lo")).isLessThanOrEqualTo((Double) v.get("mean"));
                assertThat((Double) v.get("hi")).isGreaterThanOrEqualTo((Double) v.get("mean"));
            }
        }
        @SuppressWarnings("unchecked")
        var peak = (Map<String, Object>) m.get("peak_check");
        assertThat(peak).containsKeys("events", "catalogue_events", "shift", "scatter", "width_ratio", "flow_peak", "exact_peak");
        assertThat(peak.get("events")).isEqualTo(200L);
        assertThat(m.get("ratio_weight")).isEqualTo(300.0);
        @SuppressWarnings("unchecked")
        var truth = (Map<String, Object>) m.get("truth");
        assertThat(List.copyOf(truth.keySet())).isEqualTo(PARAMETERS);
        // kl_per_event is the difference of the two NLLs on the same events
        assertThat((Double) m.get("kl_per_event"))
                .isCloseTo((Double) m.get("flow_test_nll") - (Double) m.get("exact_test_nll"), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Files.size(png)).isGreaterThan(1000);
        assertThat(model.resolve("flow.properties")).exists();

        Path json2 = dir.resolve("again.json");
        var again = run(tiny("--json", json2.toString(), "--plot", dir.resolve("c2.png").toString(), "--model-dir", model.toString()));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("flow: loaded from " + model).contains("weight 300");
        @SuppressWarnings("unchecked")
        Map<String, Object> m2 = DistillCommandTest.readJson(json2);
        assertThat(m2.get("model_loaded")).isEqualTo(true);
        assertThat(m2.get("flow_test_nll")).isEqualTo(m.get("flow_test_nll"));
        assertThat(m2.get("posterior_flow")).isEqualTo(m.get("posterior_flow"));
    }

    @Test void usageErrors() throws IOException {
        var events = run("example", "gw-population", "--events", "0");
        assertThat(events.code()).isEqualTo(2);
        assertThat(events.error()).isEqualTo("--events must be in [1, 1000000]: 0");
        var walkers = run("example", "gw-population", "--walkers", "7");
        assertThat(walkers.code()).isEqualTo(2);
        assertThat(walkers.error()).isEqualTo("--walkers must be even and in [4, 100000]: 7");
        var burn = run("example", "gw-population", "--steps", "10", "--burn-in", "10");
        assertThat(burn.code()).isEqualTo(2);
        assertThat(burn.error()).startsWith("--burn-in must be in [0, steps");
        var ratio = run("example", "gw-population", "--ratio-weight", "-1");
        assertThat(ratio.code()).isEqualTo(2);
        assertThat(ratio.error()).isEqualTo("--ratio-weight must be in [0, 1e6]: -1.0");
        Path taken = Files.writeString(dir.resolve("taken.json"), "{}");
        var json = run("example", "gw-population", "--json", taken.toString(), "--plot", dir.resolve("p.png").toString());
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.error()).isEqualTo("--json " + taken + " exists; use --force to overwrite it");
    }
}
