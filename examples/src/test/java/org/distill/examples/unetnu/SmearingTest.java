package org.distill.examples.unetnu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmearingTest {
    @Test void compressAndExpandAreInverse() {
        float[] d = {-1f, -0.5f, 0f, 3f, 250f};
        float[] back = UnetNeutrinos.expand(UnetNeutrinos.compress(d));
        for (int i = 0; i < d.length; i++) assertThat((double) back[i]).isCloseTo(d[i], within(1e-4 * (1 + Math.abs(d[i]))));
    }

    /**
     * Residuals of ±a around the prediction, equally often, in the low half; ±b in the high half: the factor of each bin
     * is the mean of e^residual, cosh(a) or cosh(b), so the mapped-back prediction keeps the mean of e^s of its bin.
     */
    @Test void factorIsTheMeanOfTheExponentiatedResidualPerBin() {
        int n = 4000;
        float[] p = new float[n], t = new float[n];
        double a = 0.3, b = 0.8;
        for (int i = 0; i < n; i++) {
            p[i] = i < n / 2 ? -1f + i * 1e-4f : 2f + i * 1e-4f;
            double r = (i % 2 == 0 ? 1 : -1) * (i < n / 2 ? a : b);
            t[i] = (float) (p[i] + r);
        }
        var smearing = UnetNeutrinos.Smearing.fit(List.of(p), List.of(t), 2);
        assertThat(smearing.factors()[0]).isCloseTo(Math.cosh(a), within(1e-5));
        assertThat(smearing.factors()[1]).isCloseTo(Math.cosh(b), within(1e-5));
        float[] d = smearing.expand(new float[] {-0.5f, 2.5f});
        assertThat((double) d[0]).isCloseTo(Math.exp(-0.5) * Math.cosh(a) - 1.1, within(1e-5));
        assertThat((double) d[1]).isCloseTo(Math.exp(2.5) * Math.cosh(b) - 1.1, within(1e-4));
        // the mapped-back mean of the whole set equals the target's mean of e^s − 1.1
        double mean = 0, target = 0;
        float[] all = smearing.expand(p);
        for (int i = 0; i < n; i++) { mean += all[i] / n; target += (Math.exp(t[i]) - 1.1) / n; }
        assertThat(mean).isCloseTo(target, within(1e-3 * Math.abs(target)));
    }
}
