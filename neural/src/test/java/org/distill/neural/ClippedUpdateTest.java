package org.distill.neural;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClippedUpdateTest {
    @Test void zeroClearsNanAndInfinityWhereSubtractionCannot() {
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDArray g = m.create(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2f});
            NDArray copy = g.duplicate();
            copy.subi(copy); // DJL's own way of zeroing gradients keeps the NaN
            assertThat(copy.toFloatArray()[0]).isNaN();
            ClippedUpdate.zero(g);
            assertThat(g.toFloatArray()).containsExactly(0f, 0f, 0f, 0f);
            NDArray d = m.create(new double[] {Double.NaN, -1});
            ClippedUpdate.zero(d);
            assertThat(d.toDoubleArray()).containsExactly(0d, 0d);
        }
    }

    /**
     * A DJL trainer's step with a NaN gradient is refused and its gradients cleared; the next finite step goes through
     * as if it had not happened.
     */
    @Test void finiteOrZeroedRefusesANanStepOfATrainer() {
        try (Model model = Model.newInstance("lin", Torch.device(), Torch.ENGINE)) {
            model.setBlock(Linear.builder().setUnits(1).build());
            var config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(2, 3));
                NDManager m = model.getNDManager();
                var weight = model.getBlock().getParameters().get(0).getValue().getArray();
                float[] before = weight.toFloatArray();
                double loss;
                try (GradientCollector c = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(m.create(new float[] {1, Float.NaN, 0, 1, 1, 1}, new Shape(2, 3))))
                            .singletonOrThrow();
                    NDArray objective = out.square().sum();
                    loss = objective.getFloat();
                    c.backward(objective);
                }
                assertThat(ClippedUpdate.finiteOrZeroed(trainer, loss)).isFalse();
                assertThat(weight.getGradient().toFloatArray()).containsOnly(0f);
                assertThat(weight.toFloatArray()).containsExactly(before);
                try (GradientCollector c = trainer.newGradientCollector()) {
                    NDArray out = trainer.forward(new NDList(m.ones(new Shape(2, 3)))).singletonOrThrow();
                    NDArray objective = out.square().sum();
                    loss = objective.getFloat();
                    c.backward(objective);
                }
                assertThat(ClippedUpdate.finiteOrZeroed(trainer, loss)).isTrue();
                assertThat(weight.getGradient().toFloatArray()).doesNotContain(Float.NaN);
                trainer.step();
                assertThat(weight.toFloatArray()).doesNotContain(Float.NaN).isNotEqualTo(before);
            }
        }
    }

    /** A step with a NaN gradient updates nothing, and the next finite step updates as if it had not happened. */
    @Test void aNonFiniteStepIsSkippedAndLeavesNoTrace() {
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDArray w = m.create(new double[] {1, 2});
            w.setRequiresGradient(true);
            var sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build();
            try (GradientCollector c = Torch.engine().newGradientCollector()) {
                c.backward(w.mul(Double.NaN).sum());
            }
            ClippedUpdate.apply(sgd, "w", List.of(w), 1.0, 10);
            assertThat(w.toDoubleArray()).containsExactly(1d, 2d);
            try (GradientCollector c = Torch.engine().newGradientCollector()) {
                c.backward(w.square().sum()); // gradient 2w = (2, 4)
            }
            ClippedUpdate.apply(sgd, "w", List.of(w), 5.0, 10);
            assertThat(w.toDoubleArray()).containsExactly(0d, 0d);
            assertThat(w.getGradient().getDataType()).isEqualTo(DataType.FLOAT64);
        }
    }
}
