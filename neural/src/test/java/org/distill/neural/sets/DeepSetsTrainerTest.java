package org.distill.neural.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingProgress;
import org.distill.neural.classify.BinaryMetrics;
import org.junit.jupiter.api.Test;

class DeepSetsTrainerTest {

    @Test void shortTrainingLowersTheLossAndFindsMembersOfUnseenTasks() {
        List<SetTask> train = SyntheticSets.generate(40, 800, 40, 1), test = SyntheticSets.generate(5, 2000, 40, 2);
        var config = DeepSetsConfig.builder().hidden(48).context(24).epochs(12).tasksPerBatch(8).queriesPerTask(128)
                .maxSupport(30).learningRate(3e-3).seed(5).build();
        List<TrainingProgress> progress = new ArrayList<>();
        try (var trained = DeepSetsTrainer.of(config).train(train, progress::add, new AtomicBoolean())) {
            DeepSets model = trained.model();
            assertThat(progress).hasSize(12);
            assertThat(trained.report().rows()).isEqualTo(36);
            assertThat(trained.report().steps()).isEqualTo(12 * 5);
            assertThat(trained.report().epochLosses()).containsExactlyElementsOf(progress.stream().map(TrainingProgress::loss).toList());
            assertThat(trained.report().stopped()).isFalse();
            // 40 usable tasks, 4 for validation: 36 trained on, in 5 steps of <= 8 per epoch
            assertThat(model.provenance().validationTasks()).isEqualTo(4);
            assertThat(model.provenance().tasks()).isEqualTo(36);
            assertThat(model.provenance().steps()).isEqualTo(12 * 5);
            assertThat(progress.get(11).loss()).isLessThan(0.7 * progress.get(0).loss());
            assertThat(model.provenance().finalLoss()).isEqualTo(progress.get(11).loss());
            assertThat(model.threshold()).isGreaterThan(0.5);
            double sum = 0;
            for (SetTask t : test) {
                int[] support = Arrays.copyOf(t.memberIndices(), 10);
                sum += BinaryMetrics.of(t.member(), model.classify(t.features(), support), support).mcc();
            }
            assertThat(sum / test.size()).isGreaterThan(0.5);
        }
    }

    @Test void cancelStopsTrainingAndKeepsTheModel() {
        List<SetTask> train = SyntheticSets.generate(8, 300, 20, 3);
        var config = DeepSetsConfig.builder().hidden(8).context(4).epochs(50).tasksPerBatch(4).queriesPerTask(16)
                .maxSupport(10).seed(1).build();
        var cancel = new AtomicBoolean();
        List<TrainingProgress> progress = new ArrayList<>();
        try (var trained = DeepSetsTrainer.of(config).train(train, p -> {
            progress.add(p);
            if (p.epoch() == 2) cancel.set(true);
        }, cancel)) {
            DeepSets model = trained.model();
            assertThat(trained.report().stopped()).isTrue();
            assertThat(progress).hasSize(2);
            assertThat(model.provenance().steps()).isEqualTo(2 * 2); // 7 trained tasks, batches of 4
            assertThat(model.scores(train.get(0).features(), Arrays.copyOf(train.get(0).memberIndices(), 5))).hasSize(320);
        }
    }

    @Test void fineTuningMakesANewModelAndLeavesTheBase() {
        List<SetTask> train = SyntheticSets.generate(8, 300, 20, 4);
        SetTask target = SyntheticSets.generate(1, 500, 30, 5).get(0);
        var trainer = DeepSetsTrainer.of(DeepSetsConfig.builder().hidden(16).context(8).epochs(2).tasksPerBatch(4)
                .queriesPerTask(32).maxSupport(10).seed(2).build());
        int[] support = Arrays.copyOf(target.memberIndices(), 8);
        try (DeepSets base = trainer.train(train).model()) {
            double[] before = base.scores(target.features(), support);
            try (DeepSets tuned = trainer.fineTune(base, target.features(), support, 20, 1e-3, 9)) {
                assertThat(base.scores(target.features(), support)).containsExactly(before);
                assertThat(tuned.scores(target.features(), support)).isNotEqualTo(before);
                assertThat(tuned.threshold()).isEqualTo(base.threshold());
                assertThat(tuned.provenance().steps()).isEqualTo(base.provenance().steps() + 20);
            }
            assertThatThrownBy(() -> trainer.fineTune(base, target.features(), new int[] {support[0]}, 5, 1e-3, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("fine-tuning needs at least 2 support stars: 1");
            assertThatThrownBy(() -> trainer.fineTune(base, target.features(), support, 0, 1e-3, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("steps must be in [1, 100000]: 0");
        }
    }

    @Test void badInputIsRejected() {
        var trainer = DeepSetsTrainer.of(DeepSetsConfig.builder().epochs(1).build());
        assertThatThrownBy(() -> trainer.train(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no training tasks");
        List<SetTask> few = SyntheticSets.generate(2, 50, 5, 1);
        assertThatThrownBy(() -> trainer.train(few, TrainingListener.NONE, new AtomicBoolean()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no task has at least minSupport + 1 = 6 members");
        assertThatThrownBy(() -> DeepSetsConfig.builder().minSupport(10).maxSupport(5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minSupport must be in [1, 5]: 10");
        assertThatThrownBy(() -> DeepSetsConfig.builder().positiveFraction(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("positiveFraction must be in (0, 1): 1.0");
        assertThatThrownBy(() -> DeepSetsConfig.builder().validationFraction(0.6).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("validationFraction must be in [0, 0.5]: 0.6");
    }

    @Test void supportSizesAreLogUniformWithinBounds() {
        var random = new java.util.SplittableRandom(1);
        int[] counts = new int[151];
        for (int i = 0; i < 20000; i++) counts[DeepSetsTrainer.logUniform(5, 150, random)]++;
        for (int k = 0; k < 5; k++) assertThat(counts[k]).isZero();
        // log-uniform: [5, 10) and [75, 150] hold about the same share (ln 2 / ln(151/5) ≈ 0.20 each)
        int low = Arrays.stream(counts, 5, 10).sum(), high = Arrays.stream(counts, 75, 151).sum();
        assertThat(low / 20000.0).isBetween(0.17, 0.24);
        assertThat(high / 20000.0).isBetween(0.17, 0.24);
        assertThat(DeepSetsTrainer.logUniform(7, 7, random)).isEqualTo(7);
    }
}
