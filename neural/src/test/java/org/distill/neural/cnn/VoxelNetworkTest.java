package org.distill.neural.cnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.distill.neural.Torch;
import org.distill.neural.Trained;
import org.distill.neural.TrainingReport;
import org.junit.jupiter.api.Test;

class VoxelNetworkTest {
    static float[] noise(int n, long seed) {
        var r = new SplittableRandom(seed);
        float[] f = new float[n * n * n];
        for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
        return f;
    }

    /** Mean over the 6 face neighbours (periodic), a local linear map a small network can learn. */
    static float[] neighbourMean(float[] f, int n) {
        float[] out = new float[f.length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) {
                    double s = 0;
                    for (int d = -1; d <= 1; d += 2) {
                        s += f[(Math.floorMod(i + d, n) * n + j) * n + k];
                        s += f[(i * n + Math.floorMod(j + d, n)) * n + k];
                        s += f[(i * n + j) * n + Math.floorMod(k + d, n)];
                    }
                    out[(i * n + j) * n + k] = (float) (s / 6);
                }
        return out;
    }

    @Test void periodicPadEqualsTheWrappedCubeAndCropUndoesIt() {
        int n = 5, p = 2;
        float[] f = noise(n, 1);
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDArray x = m.create(f, new Shape(1, 1, n, n, n));
            NDArray padded = Periodic.pad(x, p);
            assertThat(padded.getShape()).isEqualTo(new Shape(1, 1, n + 2 * p, n + 2 * p, n + 2 * p));
            assertThat(padded.toFloatArray()).containsExactly(Periodic.cube(f, n, -p, -p, -p, n + 2 * p));
            assertThat(Periodic.crop(padded, p).toFloatArray()).containsExactly(f);
        }
        // a cube is the field read with wrapped indices
        float[] c = Periodic.cube(f, n, 3, -1, 4, 3);
        assertThat(c[(1 * 3 + 2) * 3 + 2]).isEqualTo(f[(4 * n + 1) * n + 1]);
        assertThat(c[(2 * 3) * 3]).isEqualTo(f[(0 * n + 4) * n + 4]);
        float[] s = Periodic.shift(f, n, 1, 2, 3);
        assertThat(s[(1 * n + 2) * n + 3]).isEqualTo(f[0]);
        assertThat(Periodic.shift(s, n, -1, -2, -3)).containsExactly(f);
        assertThatThrownBy(() -> Periodic.cube(new float[7], 2, 0, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 8 values: got 7");
    }

    @Test void augmentationPermutesAndFlipsAxes() {
        int n = 3;
        float[] f = new float[27];
        for (int i = 0; i < 27; i++) f[i] = i;
        float[] out = new float[27];
        VoxelTrainer.transform(f, n, new int[] {0, 1, 2}, new boolean[3], out, 0);
        assertThat(out).containsExactly(f);
        VoxelTrainer.transform(f, n, new int[] {2, 1, 0}, new boolean[] {true, false, false}, out, 0);
        // out[a, b, c] = f[c, b, n-1-a]
        assertThat(out[(0 * n + 1) * n + 2]).isEqualTo(f[(2 * n + 1) * n + 2]);
        assertThat(out[(2 * n + 0) * n + 1]).isEqualTo(f[(1 * n) * n]);
    }

    private static Trained<VoxelNetwork> briefly(VoxelConfig.Builder b, int n, float[] input, float[] target) {
        return VoxelTrainer.of(b.channels(4).epochs(1).stepsPerEpoch(2).batchSize(2).subVolume(4).margin(2).build())
                .train(VoxelData.of(n, new float[][] {input}, target));
    }

    @Test void plainNetworkIsTranslationEquivariantOnAPeriodicBox() {
        int n = 8;
        float[] x = noise(n, 2);
        try (var t = briefly(VoxelConfig.builder().depth(3), n, x, neighbourMean(x, n))) {
            VoxelNetwork net = t.model();
            float[] y = net.predict(new float[][] {x}, n);
            assertThat(y).hasSize(n * n * n);
            // conv weights and biases, batch-norm scale and shift (running statistics are not trained), the 1×1×1 output
            assertThat(net.parameterCount()).isEqualTo((27 * 4 + 4 + 8) + 2 * (27 * 16 + 4 + 8) + (4 + 1));
            for (float v : y) assertThat(Float.isFinite(v)).isTrue();
            float[] shiftedOut = net.predict(new float[][] {Periodic.shift(x, n, 1, 2, 3)}, n);
            float[] outShifted = Periodic.shift(y, n, 1, 2, 3);
            for (int i = 0; i < y.length; i++) assertThat(shiftedOut[i]).isCloseTo(outShifted[i], org.assertj.core.data.Offset.offset(1e-4f));
            // and the output is not a constant (the test would pass trivially)
            assertThat(y[0]).isNotEqualTo(y[1]);
        }
    }

    @Test void uNetKeepsTheShapeAndIsEquivariantUnderShiftsByItsCoarsestCell() {
        int n = 8;
        float[] x = noise(n, 3);
        // not residual: a residual network starts as the identity, which is equivariant under any shift
        try (var t = briefly(VoxelConfig.builder().architecture(Architecture.UNET).depth(2), n, x, neighbourMean(x, n))) {
            VoxelNetwork net = t.model();
            float[] y = net.predict(new float[][] {x}, n);
            assertThat(y).hasSize(n * n * n);
            float[] shiftedOut = net.predict(new float[][] {Periodic.shift(x, n, 2, 4, 6)}, n);
            float[] outShifted = Periodic.shift(y, n, 2, 4, 6);
            for (int i = 0; i < y.length; i++) assertThat(shiftedOut[i]).isCloseTo(outShifted[i], org.assertj.core.data.Offset.offset(1e-4f));
            assertThatThrownBy(() -> net.predict(new float[][] {noise(5, 1)}, 5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("multiple of 2");
        }
    }

    @Test void residualUNetStartsAsTheIdentity() {
        int n = 8;
        float[] x = noise(n, 6);
        // one Adam step at a negligible rate: the network is (to rounding) the untrained one
        var b = VoxelConfig.builder().architecture(Architecture.UNET).depth(2).residual(true).batchNorm(false).learningRate(1e-9);
        try (var t = briefly(b, n, x, neighbourMean(x, n))) {
            float[] y = t.model().predict(new float[][] {x}, n);
            for (int i = 0; i < y.length; i++) assertThat(y[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
        // without the residual connection the same untrained U-Net is far from it
        try (var t = briefly(b.residual(false), n, x, neighbourMean(x, n))) {
            float[] y = t.model().predict(new float[][] {x}, n);
            double d = 0;
            for (int i = 0; i < y.length; i++) d += Math.abs(y[i] - x[i]) / y.length;
            assertThat(d).isGreaterThan(0.1);
        }
    }

    @Test void regressionTrainingLowersTheLossAndLearnsALocalMap() {
        int n = 12;
        float[] x = noise(n, 4), y = neighbourMean(x, n);
        var config = VoxelConfig.builder().depth(1).channels(8).batchNorm(false).epochs(4).stepsPerEpoch(25).batchSize(4)
                .subVolume(6).margin(1).learningRate(1e-2).seed(5).build();
        try (var t = VoxelTrainer.of(config).train(VoxelData.of(n, new float[][] {x}, y))) {
            TrainingReport r = t.report();
            assertThat(r.steps()).isEqualTo(100);
            assertThat(r.epochLosses().get(3)).isLessThan(0.5 * r.epochLosses().get(0));
            // on a box never seen: mean squared error well below the target's variance (1/6)
            float[] xt = noise(n, 9), yt = neighbourMean(xt, n), p = t.model().predict(new float[][] {xt}, n);
            double mse = 0;
            for (int i = 0; i < p.length; i++) mse += (p[i] - yt[i]) * (p[i] - yt[i]);
            assertThat(mse / p.length).isLessThan(0.5 / 6);
        }
    }

    @Test void weightedClassifierLearnsARareClass() {
        int n = 12;
        float[] x = noise(n, 6), y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] > 1.3f ? 1 : 0;         // about 10 % occupied
        var config = VoxelConfig.builder().depth(1).channels(4).batchNorm(false).objective(Objective.CLASSIFY).positiveWeight(5)
                .epochs(3).stepsPerEpoch(25).batchSize(4).subVolume(6).margin(1).learningRate(2e-2).seed(7).build();
        try (var t = VoxelTrainer.of(config).train(VoxelData.of(n, new float[][] {x}, y))) {
            assertThat(t.report().epochLosses().get(2)).isLessThan(t.report().epochLosses().get(0));
            float[] p = t.model().predict(new float[][] {x}, n);
            int hit = 0, occupied = 0;
            for (int i = 0; i < p.length; i++) {
                assertThat(p[i]).isBetween(0f, 1f);
                if (y[i] > 0) { occupied++; if (p[i] > 0.5f) hit++; }
            }
            assertThat((double) hit / occupied).as("recall").isGreaterThan(0.8);
        }
    }

    /** A smooth field (sum of a few long waves) plus small-scale noise on a side-8 cube, as (2, 1, 8, 8, 8). */
    private static float[] smoothPlusNoise(long seed) {
        var r = new SplittableRandom(seed);
        int side = 8;
        float[] f = new float[2 * side * side * side];
        for (int b = 0; b < 2; b++)
            for (int i = 0; i < side; i++)
                for (int j = 0; j < side; j++)
                    for (int k = 0; k < side; k++)
                        f[((b * side + i) * side + j) * side + k] = (float) (Math.sin(2 * Math.PI * (i + b) / side)
                                + 0.7 * Math.cos(2 * Math.PI * (j - 2 * k) / side) + 0.3 * r.nextGaussian());
        return f;
    }

    /** A copy of a (…, 8, 8, 8) field averaged over its 6 face neighbours (periodic per cube): smoother, less power. */
    private static float[] smoothed(float[] f) {
        int n = 8, cells = n * n * n;
        float[] out = new float[f.length];
        for (int b = 0; b < f.length / cells; b++) {
            float[] cube = java.util.Arrays.copyOfRange(f, b * cells, (b + 1) * cells);
            System.arraycopy(neighbourMean(cube, n), 0, out, b * cells, cells);
        }
        return out;
    }

    @Test void bandPowerLossIsZeroForThePerfectPredictionAndGrowsWithLostPower() {
        float[] target = smoothPlusNoise(11);
        float[] shrunk = target.clone(), shrunkMore = target.clone();
        for (int i = 0; i < target.length; i++) { shrunk[i] *= 0.9f; shrunkMore[i] *= 0.7f; }
        float[] smooth = smoothed(target);
        Shape shape = new Shape(2, 1, 8, 8, 8);
        for (boolean exp : new boolean[] {false, true}) {
            try (NDManager m = Torch.engine().newBaseManager()) {
                NDArray t = m.create(target, shape);
                double same = VoxelTrainer.bandPowerLoss(m.create(target.clone(), shape), t, exp).getFloat();
                double little = VoxelTrainer.bandPowerLoss(m.create(shrunk, shape), t, exp).getFloat();
                double more = VoxelTrainer.bandPowerLoss(m.create(shrunkMore, shape), t, exp).getFloat();
                double blurred = VoxelTrainer.bandPowerLoss(m.create(smooth, shape), t, exp).getFloat();
                assertThat(same).as("exp " + exp).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(little).as("exp " + exp).isGreaterThan(1e-3);
                assertThat(more).as("exp " + exp).isGreaterThan(2 * little);
                assertThat(blurred).as("exp " + exp).isGreaterThan(1e-3);
                // a constant offset of the whole prediction counts too (it is an error of the block averages)
                assertThat(VoxelTrainer.bandPowerLoss(m.create(target.clone(), shape).add(0.5f), t, exp).getFloat()).isGreaterThan(1e-2f);
            }
        }
        try (NDManager m = Torch.engine().newBaseManager()) {
            assertThatThrownBy(() -> VoxelTrainer.bandPowerLoss(m.zeros(new Shape(1, 1, 2, 2, 2)), m.zeros(new Shape(1, 1, 2, 2, 2)), false))
                    .hasMessageContaining("side >= 4: 2");
        }
    }

    @Test void badSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> VoxelConfig.builder().powerWeight(-1).build()).hasMessage("powerWeight must be in [0, 1000]: -1.0");
        assertThatThrownBy(() -> VoxelConfig.builder().objective(Objective.CLASSIFY).powerWeight(1).build())
                .hasMessageContaining("powerWeight applies to REGRESS");
        assertThatThrownBy(() -> VoxelConfig.builder().channels(0).build()).hasMessage("channels must be in [1, 512]: 0");
        assertThatThrownBy(() -> VoxelConfig.builder().architecture(Architecture.UNET).depth(3).subVolume(6).margin(0).build())
                .hasMessageContaining("multiple of 4: 6");
        assertThatThrownBy(() -> VoxelConfig.builder().objective(Objective.CLASSIFY).residual(true).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VoxelData.of(4, new float[][] {new float[64]}, new float[63]))
                .hasMessageContaining("needs 64 values: got 63");
    }
}
