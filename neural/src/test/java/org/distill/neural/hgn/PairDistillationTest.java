package org.distill.neural.hgn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.function.DoubleBinaryOperator;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.NBodyData;
import org.distill.physics.nbody.PairLaw;
import org.junit.jupiter.api.Test;

class PairDistillationTest {
    /** 300 graphs of 4 bodies under r⁻², as the example samples them (10 per system): 1 800 pairs. */
    private static final GraphDataset R2 = NBodyData.builder().law(PairLaw.R2).dim(2).bodies(4).simulations(30).steps(500)
            .keepEvery(50).seed(5).build().generate();

    /**
     * A closed-form pair term {@code scale·V(r, m1, m2) + c(m1, m2)}, with V a function of the separation and masses
     * and c a mass-only offset (the Hamiltonian's freedom): the network a perfect training would give.
     */
    private static PairTerm closedForm(double scale, RadialPotential v, DoubleBinaryOperator offset) {
        return new PairTerm() {
            @Override public int dim() { return 2; }

            @Override public double[] pairValues(double[] x, int rows) {
                double[] out = new double[rows];
                for (int k = 0; k < rows; k++)
                    out[k] = scale * v.value(x[5 * k + 2], x[5 * k + 3], x[5 * k + 4]) + offset.applyAsDouble(x[5 * k + 3], x[5 * k + 4]);
                return out;
            }

            @Override public double[] pairRadialDerivative(double[] x, int rows) {
                double[] out = new double[rows];
                for (int k = 0; k < rows; k++) {
                    double r = x[5 * k + 2], h = 1e-6;
                    out[k] = scale * (v.value(r + h, x[5 * k + 3], x[5 * k + 4]) - v.value(r - h, x[5 * k + 3], x[5 * k + 4])) / (2 * h);
                }
                return out;
            }
        };
    }

    interface RadialPotential { double value(double r, double m1, double m2); }

    private static PairDistillation search(long generations) {
        return PairDistillation.builder()
                .regressor(PairDistillation.regressor().timeLimit(null).generations(generations).threads(1).seed(1).build()).build();
    }

    /**
     * φ = 0.8·(−m1·m2/r') + (0.7·m1² − 0.3·m2 + 1): the mass offset hides the potential in the raw values, the gauge
     * removes it, and the search returns the −m1·m2/r form (matching in value and derivative).
     */
    @Test void recoversTheInverseDistanceFormDespiteMassOffsets() {
        PairTerm term = closedForm(0.8, (r, m1, m2) -> -m1 * m2 / (r + PairLaw.SOFTENING), (m1, m2) -> 0.7 * m1 * m1 - 0.3 * m2 + 1);
        PairDistillation.Result res = search(200).run(term, R2, PairLaw.R2);
        assertThat(res.valueFit().a()).isCloseTo(0.8, offset(1e-9));
        assertThat(res.valueFit().plainR2()).isCloseTo(1, offset(1e-12));
        assertThat(res.forceFit().a()).isCloseTo(0.8, offset(1e-4));
        assertThat(res.forceFit().r2()).isGreaterThan(0.9999);
        assertThat(res.searchRows()).isEqualTo(1800 - 181);        // pairs strictly above the one at the 10 % quantile
        assertThat(res.formula()).as(res.formula()).contains("m1").contains("m2").contains("r");
        assertThat(res.formFit().r2()).as(res.formula()).isGreaterThan(0.99);
        assertThat(res.formForceFit().r2()).as(res.formula()).isGreaterThan(0.99);
        assertThat(res.forceFit().relativeError()).isLessThan(1e-4);
        assertThat(res.matches()).isTrue();
    }

    /** The raw values of the same term are nowhere near −m1·m2/r': the gauge is what makes the comparison possible. */
    @Test void withoutTheGaugeTheMassOffsetHidesThePotential() {
        double[] x = new double[5 * 200], raw = new double[200], u = new double[200];
        var random = new java.util.SplittableRandom(3);
        PairTerm term = closedForm(0.8, (r, m1, m2) -> -m1 * m2 / (r + PairLaw.SOFTENING), (m1, m2) -> 0.7 * m1 * m1 - 0.3 * m2 + 1);
        for (int k = 0; k < 200; k++) {
            double r = 0.3 + 3 * random.nextDouble(), m1 = Math.exp(random.nextGaussian()), m2 = Math.exp(random.nextGaussian());
            x[5 * k] = r;
            x[5 * k + 2] = r;
            x[5 * k + 3] = m1;
            x[5 * k + 4] = m2;
            u[k] = PairLaw.R2.potential(r, 0, 0, m1, m2);
        }
        System.arraycopy(term.pairValues(x, 200), 0, raw, 0, 200);
        assertThat(PairDistillation.Fit.of(u, raw, 0.1).r2()).isLessThan(0.9);
    }

    /** A pair term of another law (2-D gravity, m1·m2·log r') does not pass as r⁻², in derivative or in form. */
    @Test void anotherLawDoesNotMatch() {
        PairTerm term = closedForm(1, (r, m1, m2) -> m1 * m2 * Math.log(r + PairLaw.SOFTENING), (m1, m2) -> 0);
        PairDistillation.Result res = search(30).run(term, R2, PairLaw.R2);
        assertThat(res.forceFit().relativeError()).isGreaterThan(0.1);
        assertThat(res.matches()).as(res.formula()).isFalse();
    }

    /** A term with the right r-dependence but the wrong mass dependence (m2 only) does not match either. */
    @Test void wrongMassDependenceDoesNotMatch() {
        PairTerm term = closedForm(1, (r, m1, m2) -> -m2 / (r + PairLaw.SOFTENING), (m1, m2) -> 0);
        PairDistillation.Result res = search(30).run(term, R2, PairLaw.R2);
        assertThat(res.forceFit().relativeError()).isGreaterThan(0.1);
        assertThat(res.matches()).as(res.formula()).isFalse();
    }

    /** Least trimmed squares ignores the worst tenth: 5 % gross outliers leave the trimmed fit exact. */
    @Test void trimmedFitIgnoresOutliers() {
        double[] x = new double[400], y = new double[400];
        for (int i = 0; i < 400; i++) {
            x[i] = i / 40.0;
            y[i] = 2 * x[i] + 1 + (i % 20 == 0 ? 500 : 0);
        }
        PairDistillation.Fit f = PairDistillation.Fit.of(x, y, 0.1);
        assertThat(f.a()).isCloseTo(2, offset(1e-9));
        assertThat(f.b()).isCloseTo(1, offset(1e-9));
        assertThat(f.r2()).isCloseTo(1, offset(1e-12));
        assertThat(f.plainR2()).isLessThan(0.1);
        assertThat(PairDistillation.Fit.of(new double[] {1, 1, 1}, new double[] {1, 2, 3}, 0.1).r2()).isNaN();
    }

    @Test void sampleAndQuantile() {
        int[] s = PairDistillation.sample(1000, 50, 4);
        assertThat(s).hasSize(50).isSorted().doesNotHaveDuplicates();
        assertThat(s[0]).isNotNegative();
        assertThat(s[49]).isLessThan(1000);
        assertThat(PairDistillation.sample(7, 7, 4)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(PairDistillation.quantile(new double[] {5, 1, 4, 2, 3}, 0.5)).isEqualTo(3);
    }

    @Test void badSettingsAndInputs() {
        assertThatThrownBy(() -> PairDistillation.builder().trim(0.5).build()).hasMessage("trim must be in [0, 0.5): 0.5");
        assertThatThrownBy(() -> PairDistillation.builder().closest(-0.1).build()).hasMessage("closest must be in [0, 0.5): -0.1");
        assertThatThrownBy(() -> PairDistillation.builder().maxPairs(5).build()).hasMessage("maxPairs must be at least 10: 5");
        assertThatThrownBy(() -> PairDistillation.builder().regressor(null)).isInstanceOf(NullPointerException.class).hasMessage("regressor");
        assertThatThrownBy(() -> PairDistillation.regressor().maxComplexity(1).build()).hasMessageContaining("maxComplexity must be in [3, 200]");
        PairTerm threeD = new PairTerm() {
            @Override public int dim() { return 3; }
            @Override public double[] pairValues(double[] inputs, int rows) { return new double[rows]; }
            @Override public double[] pairRadialDerivative(double[] inputs, int rows) { return new double[rows]; }
        };
        assertThatThrownBy(() -> search(1).run(threeD, R2, PairLaw.R2)).hasMessage("the data are 2-D, the pair term 3-D");
    }
}
