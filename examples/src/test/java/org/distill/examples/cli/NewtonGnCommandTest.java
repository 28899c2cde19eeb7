package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.distill.examples.newton.NewtonGn;
import org.distill.neural.analysis.Distillation;
import org.distill.neural.gn.NodeInput;
import org.distill.neural.gn.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill example newton-gn} in-process: one tiny end-to-end run, and the usage errors. */
class NewtonGnCommandTest {
    @TempDir Path dir;

    static DistillCommandTest.Result run(String... args) { return DistillCommandTest.run(args); }

    @Test
    @Timeout(240)
    void tinyRunPrintsAndWritesEverything() throws IOException {
        Path json = dir.resolve("out.json"), png = dir.resolve("fig.png"), model = dir.resolve("model");
        var r = run("example", "newton-gn", "--law", "spring", "--variant", "l1", "--sims", "40", "--epochs", "1",
                "--hidden", "16", "--time", "2", "--threads", "1", "--json", json.toString(), "--plot", png.toString(),
                "--model-dir", model.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("newton-gn: spring law, 2-D, 4 bodies, l1 graph network (16 hidden, loss floor 1); 360 training and 40 test graphs")
                .contains("test loss: ").containsPattern("message\\d+ ≈ .*R² = ")
                .containsPattern("message\\d+ against its fit by separation .*\\n  r \\d")
                .containsPattern("formula for message\\d+ \\(central search, complexity \\d+, searched on 430 edges\\):")
                .contains("LaTeX: ").contains("form check: formula ≈ ").containsPattern("exact form: (yes|no).*form R² = ")
                .containsPattern("exact up to the receiver: (yes|no)")
                .contains("plot: " + png).contains("json: " + json).contains("network: " + model);

        @SuppressWarnings("unchecked")
        Map<String, Object> m = DistillCommandTest.readJson(json);
        JsonFieldsTest.assertFields(JsonFieldsTest.NEWTON_GN, m);
        assertThat(m).containsKeys("law", "variant", "test_loss", "message_r2", "formula", "latex", "variables",
                "form_r2", "form_exact", "epochs", "seconds", "basis", "trim", "message_r2_untrimmed");
        assertThat(m.get("basis")).isIn("force", "acceleration");
        assertThat(m.get("trim")).isEqualTo(0.1);
        assertThat(m.get("law")).isEqualTo("spring");
        assertThat(m.get("variant")).isEqualTo("l1");
        assertThat(m.get("test_loss")).isInstanceOf(Double.class);
        assertThat((List<?>) m.get("message_r2")).hasSize(2);
        assertThat((String) m.get("formula")).isNotBlank();
        assertThat(m.get("form_exact")).isInstanceOf(Boolean.class);
        assertThat((String) m.get("latex")).isNotBlank();
        assertThat(m.get("variables")).isEqualTo(List.of("dx", "dy", "r", "m1", "m2", "q1", "q2"));
        assertThat(m.get("edge_input")).isEqualTo("relative");
        assertThat(m.get("node_input")).isEqualTo("all");
        assertThat(m.get("loss_floor")).isEqualTo(1.0);
        assertThat(m.get("weighted_penalty")).isEqualTo(false);
        assertThat(m.get("relative_search")).isEqualTo(true);
        assertThat(m.get("closest")).isEqualTo(0.1);
        if (m.get("receiver_factor") != null) {                 // the formula splits: the node model is judged against it
            assertThat(r.out()).containsPattern("node model: .* one vector on the 160 test nodes within [0-9.]+ % \\(median\\) with the formula's receiver factor, [0-9.]+ % if the message were F(/m1)? itself");
            assertThat(m.get("node_response")).isNotNull();
        } else {
            assertThat(m.get("node_response")).isNull();
        }
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(1000);
        assertThat(model.resolve("graph-network.properties")).exists();

        var again = run("example", "newton-gn", "--law", "spring", "--plot", dir.resolve("other.png").toString(),
                "--model-dir", model.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.error()).isEqualTo("--model-dir " + model + " already holds a saved network; use --force to overwrite it");

        // the saved network distilled again, with the free search and the plain squared error; a different law is refused
        Path loadedJson = dir.resolve("loaded.json");
        var loaded = run("example", "newton-gn", "--law", "spring", "--variant", "l1", "--sims", "40", "--hidden", "16",
                "--time", "2", "--threads", "1", "--shape", "free", "--load", model.toString(), "--quiet",
                "--plot", dir.resolve("loaded.png").toString(), "--no-relative-search", "--closest", "0.2",
                "--json", loadedJson.toString());
        assertThat(loaded.code()).as(loaded.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = DistillCommandTest.readJson(loadedJson);
        assertThat(plain.get("relative_search")).isEqualTo(false);
        assertThat(plain.get("closest")).isEqualTo(0.2);
        assertThat(((Number) plain.get("search_edges")).intValue()).isLessThan(((Number) m.get("search_edges")).intValue());
        assertThat(loaded.out()).containsPattern("formula for message\\d+ \\(free search")
                .doesNotContain("network: ");
        assertThat(loadAs(model, dir, "--law", "r2").error())
                .contains("the network in " + model + " was trained with law spring, this run has r2");
        assertThat(loadAs(model, dir, "--law", "spring", "--edge-input", "distance").error())
                .contains("the network in " + model + " was trained with edge input relative (--edge-input), this run has distance");
        assertThat(loadAs(model, dir, "--law", "spring", "--node-input", "messages").error())
                .contains("the network in " + model + " was trained with node input all (--node-input), this run has messages");
        assertThat(loadAs(model, dir, "--law", "spring", "--weighted-penalty").error())
                .contains("the network in " + model + " was trained without --weighted-penalty, this run with it");
        assertThat(loadAs(model, dir, "--law", "spring", "--loss-floor", "2").error())
                .contains("the network in " + model + " was trained with loss floor 1.0 (--loss-floor), this run has 2.0");
        var both = run("example", "newton-gn", "--law", "spring", "--load", model.toString(), "--model-dir", model.toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.error()).contains("--load and --model-dir exclude each other");
    }

    @Test
    @Timeout(240)
    void restartsKeepTheNetworkWithTheLowestValidationLoss() throws IOException {
        Path json = dir.resolve("restarts.json");
        var r = run("example", "newton-gn", "--law", "spring", "--variant", "l1", "--sims", "40", "--epochs", "1",
                "--hidden", "16", "--time", "1", "--threads", "1", "--restarts", "3", "--json", json.toString(),
                "--plot", dir.resolve("restarts.png").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        // 40 simulations: 4 for testing as always, 4 more for validation, 32 (320 graphs) for training
        assertThat(r.out()).contains("l1 graph network (16 hidden, loss floor 1); 320 training and 40 test graphs")
                .containsPattern("restarts: 3 networks trained, validation loss .*; kept restart [123] \\(network seed \\d+\\)");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = DistillCommandTest.readJson(json);
        JsonFieldsTest.assertFields(JsonFieldsTest.NEWTON_GN, m);
        assertThat(((Number) m.get("restarts")).intValue()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        List<Double> losses = (List<Double>) m.get("validation_losses");
        assertThat(losses).hasSize(3).allSatisfy(l -> assertThat(l).isPositive());
        assertThat(losses.get(0)).isNotEqualTo(losses.get(1));         // different initialisations, different networks
        int kept = ((Number) m.get("chosen_restart")).intValue();
        assertThat(losses.get(kept - 1)).isEqualTo(losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "%.5g (kept)", losses.get(kept - 1)))
                .contains("kept restart " + kept + " (network seed " + NewtonGn.Settings.builder().restarts(3).build()
                        .restartSeed(kept - 1) + ")");
        assertThat(((Number) m.get("train_graphs")).intValue()).isEqualTo(320);
        assertThat(((Number) m.get("test_graphs")).intValue()).isEqualTo(40);
    }

    @Test void oneRestartIsThePlainRunAndRestartSeedsDoNotMeetOtherRuns() {
        var plain = NewtonGn.Settings.builder().seed(7).build();
        assertThat(plain.restarts()).isEqualTo(1);
        assertThat(plain.validationSimulations()).isZero();
        assertThat(plain.restartSeed(0)).isEqualTo(7);
        var three = NewtonGn.Settings.builder().seed(7).restarts(3).build();
        assertThat(three.validationSimulations()).isEqualTo(three.testSimulations()).isEqualTo(200);
        assertThat(List.of(three.restartSeed(0), three.restartSeed(1), three.restartSeed(2)))
                .containsExactly(7L, 7L + 1_000_003L, 7L + 2_000_006L);
    }

    @Test void badRestartsAreUsageErrors() {
        var zero = run("example", "newton-gn", "--law", "spring", "--restarts", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.error()).isEqualTo("--restarts must be in [1, 16]: 0");
        var few = run("example", "newton-gn", "--law", "spring", "--restarts", "2", "--sims", "2");
        assertThat(few.code()).isEqualTo(2);
        assertThat(few.error()).isEqualTo("--restarts need at least 3 simulations (one each for training, validation and test): 2");
        var loaded = run("example", "newton-gn", "--law", "spring", "--restarts", "2", "--load", dir.toString());
        assertThat(loaded.code()).isEqualTo(2);
        assertThat(loaded.error()).isEqualTo("--restarts apply to training, not to a loaded network");
    }

    @Test void closestGoesToTheDistillationAndBadValuesAreUsageErrors() {
        assertThat(NewtonGn.Settings.builder().build().closest()).isEqualTo(Distillation.DEFAULT_CLOSEST);
        assertThat(NewtonGn.Settings.builder().closest(0.25).build().closest()).isEqualTo(0.25);
        assertThat(NewtonGn.Settings.builder().build().relative()).isTrue();
        var half = run("example", "newton-gn", "--law", "spring", "--closest", "0.5");
        assertThat(half.code()).isEqualTo(2);
        assertThat(half.error()).isEqualTo("--closest must be in [0, 0.5): 0.5");
        var negative = run("example", "newton-gn", "--law", "spring", "--closest", "-0.1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.error()).isEqualTo("--closest must be in [0, 0.5): -0.1");
    }

    /** Distils the tiny l1 network saved in {@code model} with other settings {@code changes}: refused (status 1). */
    private static DistillCommandTest.Result loadAs(Path model, Path dir, String... changes) {
        var args = new java.util.ArrayList<>(List.of("example", "newton-gn", "--variant", "l1", "--sims", "40", "--hidden", "16",
                "--time", "2", "--threads", "1", "--load", model.toString(), "--quiet", "--plot",
                dir.resolve("refused.png").toString()));
        args.addAll(List.of(changes));
        var r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        return r;
    }

    @Test void theBottleneckDefaultsToNodeInputMessagesTheOthersToAll() {
        assertThat(NewtonGn.Settings.builder().variant(Variant.BOTTLENECK).build().nodeInput()).isEqualTo(NodeInput.MESSAGES);
        for (Variant v : List.of(Variant.L1, Variant.KL, Variant.STANDARD))
            assertThat(NewtonGn.Settings.builder().variant(v).build().nodeInput()).as(v.name()).isEqualTo(NodeInput.ALL);
        assertThat(NewtonGn.Settings.builder().variant(Variant.BOTTLENECK).nodeInput(NodeInput.ALL).build().nodeInput())
                .isEqualTo(NodeInput.ALL);
        assertThat(NewtonGn.Settings.builder().variant(Variant.L1).nodeInput(NodeInput.MESSAGES).build().nodeInput())
                .isEqualTo(NodeInput.MESSAGES);
    }

    @Test void theWeightedPenaltyOnAnotherVariantIsAUsageError() {
        var r = run("example", "newton-gn", "--law", "spring", "--variant", "bottleneck", "--weighted-penalty");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).contains("the weighted penalty needs the l1 variant and a loss floor, not bottleneck with loss floor 1.0");
    }

    @Test void unknownLawIsAUsageError() {
        var r = run("example", "newton-gn", "--law", "gravity");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--law: unknown pair law 'gravity'; expected one of r2, r1, spring, damped, charge, disc");
    }

    @Test void fourDimensionsAreAUsageError() {
        var r = run("example", "newton-gn", "--law", "r2", "--dim", "4");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--dim must be 2 or 3: 4");
    }

    @Test void existingOutputsAreNotOverwrittenWithoutForce() throws IOException {
        Path json = Files.writeString(dir.resolve("taken.json"), "{}"), png = Files.writeString(dir.resolve("taken.png"), "x");
        var r = run("example", "newton-gn", "--law", "spring", "--json", json.toString(), "--plot", dir.resolve("new.png").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--json " + json + " exists; use --force to overwrite it");
        var p = run("example", "newton-gn", "--law", "spring", "--plot", png.toString());
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.error()).isEqualTo("--plot " + png + " exists; use --force to overwrite it");
        assertThat(Files.readString(json)).isEqualTo("{}");
    }

    @Test void otherUsageErrors() {
        var variant = run("example", "newton-gn", "--law", "spring", "--variant", "sparse");
        assertThat(variant.code()).isEqualTo(2);
        assertThat(variant.error()).contains("--variant").contains("sparse");
        var sims = run("example", "newton-gn", "--law", "spring", "--sims", "1");
        assertThat(sims.code()).isEqualTo(2);
        assertThat(sims.error()).isEqualTo("--sims must be in [2, 100000]: 1");
        var floor = run("example", "newton-gn", "--law", "spring", "--loss-floor", "-1");
        assertThat(floor.code()).isEqualTo(2);
        assertThat(floor.error()).isEqualTo("--loss-floor must be 0 or in [1e-12, 1e12]: -1.0");
        var input = run("example", "newton-gn", "--law", "spring", "--edge-input", "polar");
        assertThat(input.code()).isEqualTo(2);
        assertThat(input.error()).contains("--edge-input").contains("polar");
        var reg = run("example", "newton-gn", "--law", "spring", "--variant", "bottleneck", "--reg", "0.1");
        assertThat(reg.code()).isEqualTo(2);
        assertThat(reg.error()).isEqualTo("--reg applies to the l1 and kl variants only, not bottleneck");
        var negative = run("example", "newton-gn", "--law", "spring", "--variant", "kl", "--reg", "-1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.error()).isEqualTo("--reg must be finite and >= 0: -1.0");
        var noLaw = run("example", "newton-gn");
        assertThat(noLaw.code()).isEqualTo(2);
        assertThat(noLaw.error()).contains("--law");
        var group = run("example");
        assertThat(group.code()).isEqualTo(2);
        assertThat(group.err()).contains("newton-gn");
    }
}
