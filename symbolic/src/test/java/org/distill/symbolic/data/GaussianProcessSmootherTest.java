package org.distill.symbolic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianProcessSmootherTest {

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }

    @Test
    void recoversASmoothFunctionAndTheNoiseLevel() {
        // f(x, z) = sin(2x) + z^2 / 2 on [-2, 2]^2, Gaussian noise of sd 0.2 (about 20 % of f's spread).
        Random r = new Random(1);
        int n = 150;
        double sigma = 0.2;
        double[][] x = new double[2][n];
        double[] f = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = -2 + 4 * r.nextDouble();
            x[1][i] = -2 + 4 * r.nextDouble();
            f[i] = Math.sin(2 * x[0][i]) + 0.5 * x[1][i] * x[1][i];
            y[i] = f[i] + sigma * r.nextGaussian();
        }
        GaussianProcessSmoother.Fit fit = GaussianProcessSmoother.smooth(x, y, 7);
        double raw = rms(y, f), smoothed = rms(fit.smoothed(), f);
        // The raw data are off by about sigma; the posterior mean by much less (here about a third).
        assertThat(raw).isCloseTo(sigma, within(0.03));
        assertThat(smoothed).isLessThan(0.5 * raw);
        // The fitted white-noise level is the true one (±20 %: 150 rows).
        assertThat(fit.noiseSd()).isCloseTo(sigma, within(0.2 * sigma));
        assertThat(fit.logTarget()).isFalse();
        assertThat(fit.trainingRows()).isEqualTo(n);
        // Both inputs matter: finite length scales within the bounds.
        for (double l : fit.lengthScales()) assertThat(l).isBetween(0.01, 100.0);
    }

    @Test
    void relativeNoiseOverManyDecadesIsSmoothedInLogSpace() {
        // y = 1e-8 x^-2 over x in [1e6, 1e9] (values 1e-26 to 1e-20) with 5 % relative noise.
        Random r = new Random(3);
        int n = 60;
        double[][] x = new double[1][n];
        double[] f = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = Math.pow(10, 6 + 3 * r.nextDouble());
            f[i] = 1e-8 / (x[0][i] * x[0][i]);
            y[i] = f[i] * (1 + 0.05 * r.nextGaussian());
        }
        GaussianProcessSmoother.Fit fit = GaussianProcessSmoother.smooth(x, y, 1);
        assertThat(fit.logTarget()).isTrue();
        double[] s = fit.smoothed();
        double rawRel = 0, smoothRel = 0;
        for (int i = 0; i < n; i++) {
            rawRel += Math.pow(y[i] / f[i] - 1, 2);
            smoothRel += Math.pow(s[i] / f[i] - 1, 2);
        }
        assertThat(Math.sqrt(smoothRel / n)).isLessThan(0.5 * Math.sqrt(rawRel / n));
        // The noise of ln y is the relative noise, 5 %.
        assertThat(fit.noiseSd()).isCloseTo(0.05, within(0.015));
    }

    @Test
    void manyRowsUseARandomSubsetAndPredictTheRest() {
        Random r = new Random(5);
        int n = 1500;
        double[][] x = new double[1][n];
        double[] f = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 3 * r.nextDouble();
            f[i] = Math.exp(-x[0][i]) * 4;
            y[i] = f[i] + 0.3 * r.nextGaussian();
        }
        GaussianProcessSmoother.Fit fit = GaussianProcessSmoother.smooth(x, y, 2);
        assertThat(fit.trainingRows()).isEqualTo(GaussianProcessSmoother.TRAINING_ROWS);
        assertThat(rms(fit.smoothed(), f)).isLessThan(0.2 * rms(y, f));
    }

    @Test
    void theSameSeedGivesTheSameSmoothing() {
        Random r = new Random(9);
        int n = 40;
        double[][] x = new double[1][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[0][i] = r.nextDouble();
            y[i] = x[0][i] + 0.1 * r.nextGaussian();
        }
        assertThat(GaussianProcessSmoother.smooth(x, y, 4).smoothed())
                .containsExactly(GaussianProcessSmoother.smooth(x, y, 4).smoothed());
    }

    @Test
    void aConstantTargetStaysAsItIs() {
        double[][] x = {{1, 2, 3, 4}};
        double[] y = {2, 2, 2, 2};
        assertThat(GaussianProcessSmoother.smooth(x, y, 0).smoothed()).containsExactly(y);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> GaussianProcessSmoother.smooth(new double[][] {{1, 2}}, new double[] {1, 2}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("denoising needs at least 3 rows, got 2");
        assertThatThrownBy(() -> GaussianProcessSmoother.smooth(new double[0][], new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("denoising needs at least 1 input column, got 0");
        assertThatThrownBy(() -> GaussianProcessSmoother.smooth(new double[][] {{1, 2}}, new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input column 0 has 2 rows, the target 3");
        assertThatThrownBy(() -> GaussianProcessSmoother.smooth(new double[][] {{1, 2, 3}}, new double[] {1, Double.NaN, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("target row 1: value must be finite: NaN");
        assertThatThrownBy(() -> GaussianProcessSmoother.smooth(new double[][] {{1, Double.POSITIVE_INFINITY, 3}},
                new double[] {1, 2, 3}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input column 0 row 1: value must be finite: Infinity");
    }
}
