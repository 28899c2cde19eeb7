package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill example streams} in-process: a tiny end-to-end run, loading the saved model, and usage errors. */
class StreamsCommandTest {
    @TempDir Path dir;

    static DistillCommandTest.Result run(String... args) { return DistillCommandTest.run(args); }

    @Test
    @Timeout(120)
    void tinyRunPrintsAndWritesEverythingThenLoadsTheModel() throws IOException {
        Path json = dir.resolve("out.json"), png = dir.resolve("sky.png"), model = dir.resolve("model"), data = dir.resolve("tasks.bin");
        var r = run("example", "streams", "--tasks", "6", "--test-tasks", "2", "--support", "5", "--epochs", "1",
                "--hidden", "8", "--field-ratio", "5", "--trees", "3", "--rounds", "1", "--fine-tune", "2", "--threads", "1",
                "--json", json.toString(), "--plot", png.toString(), "--model-dir", model.toString(), "--data", data.toString(),
                "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("streams: 2 test streams (never trained on)")
                .contains("set model: trained on 5 tasks (1 more for the threshold)")
                .contains("decision thresholds (tuned on training tasks, max mean MCC)")
                .containsPattern("Deep Sets \\(no retraining\\) +\\d\\.\\d{3} ± \\d\\.\\d{3}")
                .contains("Deep Sets + fine-tuning").contains("Random forest per stream").contains("RF + self-labelling")
                .contains("by support size:").contains("plot: " + png).contains("json: " + json).contains("model: " + model);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = DistillCommandTest.readJson(json);
        JsonFieldsTest.assertFields(JsonFieldsTest.STREAMS, m);
        for (String group : new String[] {"methods", "deep_sets_by_support"}) {
            @SuppressWarnings("unchecked")
            var summaries = (Map<String, Map<String, Object>>) m.get(group);
            assertThat(summaries).isNotEmpty();
            summaries.values().forEach(s -> JsonFieldsTest.assertFields(JsonFieldsTest.STREAMS_SUMMARY, s));
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> methods = (Map<String, Map<String, Object>>) m.get("methods");
        assertThat(methods).containsOnlyKeys("Deep Sets (no retraining)", "Deep Sets + fine-tuning",
                "Random forest per stream", "RF + self-labelling");
        assertThat(methods.get("Random forest per stream")).containsKeys("precision", "recall", "f1",
                "balanced_accuracy", "mcc", "mcc_std", "seconds");
        assertThat((Double) methods.get("Deep Sets (no retraining)").get("mcc")).isBetween(-1.0, 1.0);
        assertThat(m.get("test_tasks")).isEqualTo(2L);
        assertThat(m.get("model_loaded")).isEqualTo(false);
        assertThat(Files.size(png)).isGreaterThan(1000);
        assertThat(model.resolve("deep-sets.properties")).exists();
        assertThat(data).exists();

        // again: the model is loaded, the tasks are read, and the Deep Sets results are the same
        Path json2 = dir.resolve("again.json");
        var again = run("example", "streams", "--tasks", "6", "--test-tasks", "2", "--support", "5", "--trees", "3",
                "--rounds", "1", "--threads", "1", "--json", json2.toString(), "--plot", dir.resolve("sky2.png").toString(),
                "--model-dir", model.toString(), "--data", data.toString(), "--quiet");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("set model: loaded from " + model);
        @SuppressWarnings("unchecked")
        Map<String, Object> m2 = DistillCommandTest.readJson(json2);
        assertThat(m2.get("model_loaded")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        var ds2 = ((Map<String, Map<String, Object>>) m2.get("methods")).get("Deep Sets (no retraining)");
        assertThat(ds2.get("mcc")).isEqualTo(methods.get("Deep Sets (no retraining)").get("mcc"));

        // a saved model with another seed could have trained on these test tasks: refused
        var other = run("example", "streams", "--tasks", "6", "--test-tasks", "2", "--support", "5", "--seed", "1",
                "--plot", dir.resolve("sky3.png").toString(), "--model-dir", model.toString(), "--data", data.toString(), "--quiet");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.error()).isEqualTo(model + " holds a model trained with seed 0 on 6 tasks; use that seed and at least"
                + " that many training tasks, so that the test tasks are ones it never saw");
    }

    @Test void usageErrors() throws IOException {
        var support = run("example", "streams", "--support", "0");
        assertThat(support.code()).isEqualTo(2);
        assertThat(support.error()).isEqualTo("--support must be in [1, 1000]: 0");
        var tasks = run("example", "streams", "--tasks", "1");
        assertThat(tasks.code()).isEqualTo(2);
        assertThat(tasks.error()).isEqualTo("--tasks must be in [2, 100000]: 1");
        var ratio = run("example", "streams", "--field-ratio", "0.5");
        assertThat(ratio.code()).isEqualTo(2);
        assertThat(ratio.error()).isEqualTo("--field-ratio must be in [1, 10000]: 0.5");
        Path taken = Files.writeString(dir.resolve("taken.json"), "{}");
        var json = run("example", "streams", "--json", taken.toString(), "--plot", dir.resolve("p.png").toString());
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.error()).isEqualTo("--json " + taken + " exists; use --force to overwrite it");
        assertThat(Files.readString(taken)).isEqualTo("{}");
    }

    @Test void tooFewTasksInTheDataFileIsADataError() throws IOException {
        Path data = dir.resolve("tasks.bin");
        org.distill.physics.streams.StreamTaskFile.save(data,
                org.distill.physics.streams.StreamTaskGenerator.builder().fieldRatio(2).build().generate(0, 2));
        var r = run("example", "streams", "--tasks", "4", "--test-tasks", "2", "--data", data.toString(),
                "--plot", dir.resolve("p.png").toString(), "--quiet");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(data + " holds 2 tasks; 6 are needed (training tasks + test tasks)");
    }

    /** The default run, end to end; the numbers it prints are recorded in docs/STREAMS.md. */
    @Test
    @Tag("slow")
    @Timeout(1200)
    void defaultRunBeatsBothForestsInMeanMcc() throws IOException {
        Path json = dir.resolve("default.json");
        var r = run("example", "streams", "--json", json.toString(), "--plot", dir.resolve("sky.png").toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> methods = (Map<String, Map<String, Object>>) (DistillCommandTest.readJson(json)).get("methods");
        double ds = (Double) methods.get("Deep Sets (no retraining)").get("mcc");
        assertThat(ds).isGreaterThanOrEqualTo((Double) methods.get("Random forest per stream").get("mcc"));
        assertThat(ds).isGreaterThanOrEqualTo((Double) methods.get("RF + self-labelling").get("mcc"));
    }
}
