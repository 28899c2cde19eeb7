package org.distill.neural.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The set model's invariances, its files and its input checks, on a briefly trained model. */
class DeepSetsTest {
    private static DeepSets model;
    private static SetTask window;

    @BeforeAll static void train() {
        List<SetTask> tasks = SyntheticSets.generate(10, 600, 30, 11);
        var config = DeepSetsConfig.builder().hidden(32).context(16).epochs(2).tasksPerBatch(4).queriesPerTask(64)
                .maxSupport(25).seed(3).build();
        model = DeepSetsTrainer.of(config).train(tasks).model();
        window = SyntheticSets.generate(1, 1000, 200, 12).get(0);
    }

    @AfterAll static void close() { model.close(); }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 20, 77, 150})
    void encoderAndScoresAreInvariantToTheOrderOfSupportAndWindow(int k) {
        var random = new SplittableRandom(k);
        float[][] x = window.features();
        int n = x.length;
        int[] support = DeepSetsTrainer.sample(window.memberIndices(), k, random);
        float[] context = model.encode(x, support);
        double[] scores = model.scores(x, support);
        assertThat(context).hasSize(16);
        for (int trial = 0; trial < 3; trial++) {
            // shuffle the support's order, and the window's rows (moving the support indices with them)
            int[] perm = DeepSetsTrainer.permutation(n, random); // new row r holds old row perm[r]
            int[] where = new int[n];
            float[][] shuffled = new float[n][];
            for (int r = 0; r < n; r++) {
                shuffled[r] = x[perm[r]];
                where[perm[r]] = r;
            }
            int[] moved = new int[k];
            for (int i = 0; i < k; i++) moved[i] = where[support[i]];
            DeepSetsTrainer.shuffle(moved, random);
            float[] c = model.encode(shuffled, moved);
            for (int j = 0; j < c.length; j++) assertThat(c[j]).isCloseTo(context[j], within(1e-6f));
            double[] s = model.scores(shuffled, moved);
            for (int r = 0; r < n; r++) assertThat(s[r]).isCloseTo(scores[perm[r]], within(1e-6));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 40, 150})
    void meanPoolingItselfIsOrderInvariantUpToFloatRounding(int k) {
        // below the canonical ordering of the public methods: the block pools the rows in the order given
        var random = new SplittableRandom(100 + k);
        float[][] x = window.features();
        float[] flat = Standardization.of(x).apply(x);
        int[] support = DeepSetsTrainer.sample(window.memberIndices(), k, random);
        float[] reference = model.encode(DeepSets.gather(flat, 7, support), k);
        for (int trial = 0; trial < 5; trial++) {
            DeepSetsTrainer.shuffle(support, random);
            float[] c = model.encode(DeepSets.gather(flat, 7, support), k);
            for (int j = 0; j < c.length; j++)
                assertThat(c[j]).isCloseTo(reference[j], within(1e-5f * (1 + Math.abs(reference[j]))));
        }
    }

    @Test void repeatingTheSupportDoesNotChangeTheMean() {
        // mean pooling: the support {a, b} and {a, a, b, b} (as rows of a window) encode alike
        float[][] x = window.features();
        int[] m = window.memberIndices();
        float[][] doubled = Arrays.copyOf(x, x.length + 2);
        doubled[x.length] = x[m[0]];
        doubled[x.length + 1] = x[m[1]];
        // the window's standardisation changes slightly with the two extra rows; compare on the same window
        float[] a = model.encode(doubled, new int[] {m[0], m[1]});
        float[] b = model.encode(doubled, new int[] {m[0], m[1], x.length, x.length + 1});
        for (int j = 0; j < a.length; j++) assertThat(b[j]).isCloseTo(a[j], within(1e-5f));
    }

    @Test void savedModelScoresTheSame(@TempDir Path dir) throws IOException {
        int[] support = Arrays.copyOf(window.memberIndices(), 10);
        model.save(dir);
        assertThat(dir.resolve("deep-sets.properties")).exists();
        try (DeepSets loaded = DeepSets.load(dir)) {
            assertThat(loaded.config()).isEqualTo(model.config());
            assertThat(loaded.threshold()).isEqualTo(model.threshold());
            assertThat(loaded.provenance()).isEqualTo(model.provenance());
            assertThat(loaded.scores(window.features(), support)).containsExactly(model.scores(window.features(), support));
        }
        Files.writeString(dir.resolve("deep-sets.properties"), "format=other\n");
        assertThatThrownBy(() -> DeepSets.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a saved Deep Sets model");
    }

    @Test void classifyMarksTheSupportAndUsesTheThreshold() {
        int[] support = Arrays.copyOf(window.memberIndices(), 8);
        double[] p = model.scores(window.features(), support);
        boolean[] all = model.classify(window.features(), support, 0);
        boolean[] none = model.classify(window.features(), support, 1);
        for (boolean b : all) assertThat(b).isTrue();
        int marked = 0;
        for (boolean b : none) if (b) marked++;
        assertThat(marked).isEqualTo((int) Arrays.stream(p).filter(v -> v >= 1).count() + 8);
        assertThat(model.threshold()).isBetween(0.0, 1.0);
    }

    @Test void badInputIsRejected() {
        float[][] x = window.features();
        assertThatThrownBy(() -> model.scores(x, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("support is empty: at least one known member is needed");
        assertThatThrownBy(() -> model.scores(x, new int[] {x.length}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("support index must be in [0, " + x.length + "): " + x.length);
        assertThatThrownBy(() -> model.scores(x, new int[] {2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("support index repeated: 2");
        assertThatThrownBy(() -> model.scores(new float[][] {{1, 2}}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window row 0 has 2 features, the model takes 7");
        float[][] bad = {x[0].clone()};
        bad[0][3] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> model.scores(bad, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window row 0, column 3 is not finite: Infinity");
        assertThatThrownBy(() -> model.classify(x, new int[] {0}, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be in [0, 1]: 1.5");
        assertThatThrownBy(() -> SetTask.of(new float[][] {{1}}, new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("features has 1 rows, member 2");
    }
}
