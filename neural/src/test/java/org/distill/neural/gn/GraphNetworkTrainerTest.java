package org.distill.neural.gn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.SpringGraphs;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingProgress;
import org.distill.neural.TrainingReport;
import org.distill.neural.analysis.ComponentFit;
import org.distill.neural.analysis.LinearMessageFit;
import org.distill.physics.nbody.GraphDataset;
import org.junit.jupiter.api.Test;

class GraphNetworkTrainerTest {

    @Test void shortRunOnSpringsLearnsTheForceThroughTheBottleneck() {
        GraphDataset train = SpringGraphs.generate(1500, 4, 2, 1), test = SpringGraphs.generate(300, 4, 2, 2);
        var config = GraphNetworkConfig.builder().variant(Variant.BOTTLENECK).hiddenSize(64).hiddenLayers(2)
                .epochs(8).batchSize(32).learningRate(3e-3).seed(1).build();
        List<TrainingProgress> progress = new ArrayList<>();
        try (var trained = GraphNetworkTrainer.of(config).train(train, progress::add)) {
            GraphNetwork gn = trained.model();
            assertThat(progress).hasSize(8);
            assertThat(progress.get(7).steps()).isEqualTo(8 * 47);
            assertThat(progress.get(7).loss()).isLessThan(0.4 * progress.get(0).loss());
            double zero = SpringGraphs.zeroLoss(test), loss = gn.loss(test);
            assertThat(loss).as("test loss vs predicting zero (%.3f)", zero).isLessThan(0.3 * zero);
            assertThat(gn.provenance().finalLoss()).isEqualTo(progress.get(7).loss());
            TrainingReport report = trained.report();
            assertThat(report.epochLosses()).containsExactlyElementsOf(progress.stream().map(TrainingProgress::loss).toList());
            assertThat(report.steps()).isEqualTo(gn.provenance().steps());
            assertThat(report.finalLoss()).isEqualTo(gn.provenance().finalLoss());
            assertThat(report.wallTime()).isEqualTo(gn.provenance().wallTime());
            assertThat(report.versions()).isEqualTo(gn.provenance().versions());
            assertThat(report.rows()).isEqualTo(train.graphs());
            assertThat(report.stopped()).isFalse();

            EdgeMessages messages = gn.messages(test);
            List<ComponentFit> fits = LinearMessageFit.fit(messages.messages(), SpringGraphs.forces(messages), 2);
            assertThat(fits).allSatisfy(fit -> assertThat(fit.r2()).isGreaterThan(0.8));
        }
    }

    @Test void theDataLossIsTheMeanL1ErrorOrItsRelativeFormAboveTheFloor() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            // two bodies in 2-D: true accelerations (3, −1) and (0.5, 0); errors (1, 1) and (0.25, −0.25)
            var truth = m.create(new float[] {3, -1, 0.5f, 0}, new ai.djl.ndarray.types.Shape(2, 2));
            var prediction = m.create(new float[] {4, 0, 0.75f, -0.25f}, new ai.djl.ndarray.types.Shape(2, 2));
            assertThat(GraphNetworkTrainer.dataLoss(prediction, truth, 0).getFloat()).isCloseTo(1.25f, within(1e-6f));
            // floor 1: weights 1/(4 + 1) and 1/(0.5 + 1), normalised to mean 1
            double w1 = 1 / 5.0, w2 = 1 / 1.5;
            assertThat(GraphNetworkTrainer.dataLoss(prediction, truth, 1).getFloat())
                    .isCloseTo((float) ((2 * w1 + 0.5 * w2) / (w1 + w2)), within(1e-6f));
            // a huge floor weighs every body alike: the plain loss again
            assertThat(GraphNetworkTrainer.dataLoss(prediction, truth, 1e7).getFloat()).isCloseTo(1.25f, within(1e-5f));
        }
    }

    @Test void theWeightedPenaltyWeighsEachEdgeByItsReceiversLossWeight() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            // two bodies (|a| = 4 and 0.5 in the L1 norm), one edge into each (n − 1 = 1) ... and with two edges each
            var truth = m.create(new float[] {3, -1, 0.5f, 0}, new ai.djl.ndarray.types.Shape(2, 2));
            double w1 = 1 / 5.0, w2 = 1 / 1.5, mean = (w1 + w2) / 2;
            // edges 0, 1 go to body 0, edges 2, 3 to body 1; |message| sums 1, 2, 3, 4
            var messages = m.create(new float[] {1, 0, 0, -2, 3, 0, -1, 3}, new ai.djl.ndarray.types.Shape(4, 2));
            double expected = ((1 + 2) * w1 / mean + (3 + 4) * w2 / mean) / 4;
            assertThat(GraphNetworkTrainer.weightedL1(messages, truth, 1).getFloat()).isCloseTo((float) expected, within(1e-5f));
            // a huge floor: the plain mean L1 norm of the messages
            assertThat(GraphNetworkTrainer.weightedL1(messages, truth, 1e7).getFloat()).isCloseTo(2.5f, within(1e-5f));
        }
        assertThatThrownBy(() -> GraphNetworkConfig.builder().variant(Variant.L1).weightedPenalty(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weightedPenalty needs the L1 variant and a lossFloor > 0");
        assertThat(GraphNetworkConfig.builder().variant(Variant.L1).lossFloor(1).weightedPenalty(true).build().weightedPenalty()).isTrue();
    }

    @Test void cancelStopsTrainingAndKeepsWhatWasLearned() {
        GraphDataset train = SpringGraphs.generate(64, 3, 2, 4);
        var config = GraphNetworkConfig.builder().hiddenSize(8).hiddenLayers(1).messageDim(4).epochs(50)
                .batchSize(16).seed(2).build();
        var cancel = new AtomicBoolean();
        List<TrainingProgress> progress = new ArrayList<>();
        try (var trained = GraphNetworkTrainer.of(config).train(train, p -> {
            progress.add(p);
            if (p.epoch() == 2) cancel.set(true);
        }, cancel)) {
            GraphNetwork gn = trained.model();
            assertThat(trained.report().stopped()).isTrue();
            assertThat(trained.report().epochs()).isEqualTo(2);
            assertThat(progress).hasSize(2);
            assertThat(gn.provenance().steps()).isEqualTo(2 * 4);
            assertThat(gn.provenance().finalLoss()).isEqualTo(progress.get(1).loss());
            assertThat(gn.loss(train)).isFinite();
        }
        try (var gn = GraphNetworkTrainer.of(config).train(train, TrainingListener.NONE, new AtomicBoolean(true)).model()) {
            assertThat(gn.provenance().steps()).isZero();
            assertThat(gn.predict(train)).hasSize(train.accelerations().length);
        }
    }

    @Test void rejectsEmptyData() {
        var empty = new GraphDataset(2, 3, new float[0], new float[0]);
        assertThatThrownBy(() -> GraphNetworkTrainer.of(GraphNetworkConfig.defaults()).train(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("data has no graphs");
    }
}
