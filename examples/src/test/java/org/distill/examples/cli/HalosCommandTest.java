package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill example halos} in-process: a tiny end-to-end run (then again from the cache) and usage errors. */
class HalosCommandTest {
    @TempDir Path dir;

    static final Map<String, String> HALOS = Map.ofEntries(
            Map.entry("gn_error", "n"), Map.entry("formula", "s"), Map.entry("latex", "s"), Map.entry("formula_error", "n"),
            Map.entry("baselines", "{}"), Map.entry("baselines.constant", "n"), Map.entry("baselines.hand_made", "n"),
            Map.entry("baselines.paper_form", "n"), Map.entry("ood_formula_error", "n?"), Map.entry("ood_gn_error", "n?"),
            Map.entry("halos_train", "i"), Map.entry("halos_test", "i"));

    static DistillCommandTest.Result run(String... args) { return DistillCommandTest.run(args); }

    private String[] tiny(String... more) {
        String[] base = {"example", "halos", "--boxes", "2", "--box", "128", "--particles", "32", "--mesh", "32", "--steps", "6",
                "--min-members", "20", "--epochs", "3", "--hidden", "16", "--time", "2", "--threads", "1",
                "--cache", dir.resolve("cache").toString(), "--quiet"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    @Timeout(300)
    void tinyRunPrintsTheTableAndWritesJsonPlotAndCache() throws IOException {
        Path json = dir.resolve("out.json"), png = dir.resolve("halos.png");
        var r = run(tiny("--json", json.toString(), "--plot", png.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("mean |delta - prediction| on the test halos:").contains("graph network")
                .contains("distilled formula").contains("hand-made").contains("paper's form, refitted")
                .contains("out of distribution").contains("plot: " + png).contains("json: " + json);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = DistillCommandTest.readJson(json);
        JsonFieldsTest.assertFields(HALOS, m);
        assertThat(((Number) m.get("halos_train")).intValue()).isPositive();
        assertThat(Files.size(png)).isGreaterThan(1000);
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.count()).isEqualTo(3); // two boxes and the out-of-distribution box
        }

        // again: the halo tables come from the cache, and the same seed gives the same network and baselines
        Path json2 = dir.resolve("again.json");
        var again = run(tiny("--json", json2.toString(), "--plot", dir.resolve("again.png").toString()));
        assertThat(again.code()).as(again.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> m2 = DistillCommandTest.readJson(json2);
        assertThat(m2.get("halos_train")).isEqualTo(m.get("halos_train"));
        assertThat(m2.get("baselines")).isEqualTo(m.get("baselines"));
    }

    @Test
    void badInputIsOneUsageLine() {
        var r = run("example", "halos", "--boxes", "0", "--quiet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--boxes must be in [1, 64]: 0");
        var edge = run("example", "halos", "--edge-radius", "10", "--quiet");
        assertThat(edge.code()).isEqualTo(2);
        assertThat(edge.error()).isEqualTo("--edge-radius must be in [20, 200) Mpc/h: 10.0");
        var quijote = run("example", "halos", "--quijote", dir.resolve("missing").toString(), "--quiet");
        assertThat(quijote.code()).isEqualTo(2);
        assertThat(quijote.error()).isEqualTo("--quijote " + dir.resolve("missing") + " is not a folder");
        var dim = run("example", "halos", "--message-dim", "0", "--quiet");
        assertThat(dim.code()).isEqualTo(2);
        assertThat(dim.error()).isEqualTo("--message-dim must be in [1, 4096]: 0");
        var time = run("example", "halos", "--time", "-1", "--quiet");
        assertThat(time.code()).isEqualTo(2);
        assertThat(time.error()).startsWith("--time must be a number of seconds");
    }
}
