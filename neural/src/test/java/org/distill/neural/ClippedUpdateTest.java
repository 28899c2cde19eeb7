package org.distill.neural;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
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
