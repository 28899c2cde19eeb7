package org.distill.physics.cosmo.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.distill.physics.cosmo.Cosmology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearPowerTest {
    @Test
    void topHatVarianceOfAPowerLawHasItsClosedForm() {
        // P = A k⁻²: σ²(R) = A/(2π² R) ∫ W² dx = A/(2π² R) · 3π/5 = 3A/(10π R), and dlnσ/dlnR = −1/2
        LinearPower p = k -> 7 / (k * k);
        for (double r : new double[] {0.1, 1, 8, 100}) {
            assertThat(p.sigma(r)).isCloseTo(Math.sqrt(3 * 7 / (10 * Math.PI * r)), within(1e-7 * p.sigma(r)));
            assertThat(p.dlnSigmaDlnR(r)).isCloseTo(-0.5, within(1e-6));
        }
        // P = k^-1: ∫ x W² dx = 9/4, σ² = 9/(8π² R²) (the window's tail beyond x = 400 is ~1e-5 of it)
        LinearPower q = k -> 1 / k;
        assertThat(q.sigma(2)).isCloseTo(Math.sqrt(9 / (8 * Math.PI * Math.PI * 4)), within(2e-5 * q.sigma(2)));
    }

    @Test
    void dlnSigmaDlnRAgreesWithAFiniteDifference() {
        EisensteinHuPower p = LinearPower.eisensteinHu(Cosmology.QUIJOTE);
        for (double r : new double[] {0.5, 8, 30}) {
            double h = 1e-4;
            double fd = (Math.log(p.sigma(r * Math.exp(h))) - Math.log(p.sigma(r * Math.exp(-h)))) / (2 * h);
            assertThat(p.dlnSigmaDlnR(r)).isCloseTo(fd, within(1e-6));
        }
    }

    @Test
    void massesAndRadiiAreInverse() {
        double omega = 0.3175;
        double r = LinearPower.radius(1e14, omega);
        assertThat(LinearPower.mass(r, omega)).isCloseTo(1e14, within(1e14 * 1e-13));
        // M(8 Mpc/h) for Ω_m = 0.3175: (4π/3) 2.775e11 × 0.3175 × 512
        assertThat(LinearPower.mass(8, omega)).isCloseTo(4 * Math.PI / 3 * 2.775e11 * 0.3175 * 512, within(1e3));
        EisensteinHuPower p = LinearPower.eisensteinHu(Cosmology.QUIJOTE);
        assertThat(p.sigmaM(LinearPower.mass(8, omega))).isCloseTo(0.834, within(1e-12));
        assertThatThrownBy(() -> LinearPower.radius(-1, omega)).hasMessageContaining("mass must be positive (M☉/h): -1.0");
        assertThatThrownBy(() -> p.sigma(0)).hasMessageContaining("radius must be positive and finite (Mpc/h): 0.0");
    }

    @Test
    void tabulatedSpectrumReproducesItsRowsAndExtrapolatesAsPowerLaws() {
        double[] k = {0.01, 0.02, 0.05, 0.1, 1};
        double[] p = {1000, 3000, 4000, 2000, 20};
        TabulatedPower t = LinearPower.tabulated(k, p);
        for (int i = 0; i < k.length; i++) assertThat(t.at(k[i])).isCloseTo(p[i], within(1e-12 * p[i]));
        // log-log between rows: geometric mean of k gives geometric mean of P
        assertThat(t.at(Math.sqrt(0.1 * 1))).isCloseTo(Math.sqrt(2000 * 20), within(1e-9));
        // below: slope ln3/ln2 of the first two rows; above: slope −2 of the last two
        double n0 = Math.log(3) / Math.log(2);
        assertThat(t.at(0.001)).isCloseTo(1000 * Math.pow(0.1, n0), within(1e-9));
        assertThat(t.at(10)).isCloseTo(20 * Math.pow(10, -2), within(1e-12));
        assertThat(t.at(0)).isZero();
        // copies, not views
        k[0] = 5;
        assertThat(t.k()[0]).isEqualTo(0.01);
        assertThatThrownBy(() -> LinearPower.tabulated(new double[] {1, 1}, new double[] {1, 1}))
                .hasMessageContaining("k must be strictly increasing: k[1] = 1.0 after 1.0");
        assertThatThrownBy(() -> LinearPower.tabulated(new double[] {1, 2}, new double[] {1, 0}))
                .hasMessageContaining("p[1] must be positive and finite: 0.0");
        assertThatThrownBy(() -> LinearPower.tabulated(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("k has 2 values, p 1");
    }

    @Test
    void readFileReproducesTheSpectrumItWasWrittenFrom(@TempDir Path dir) throws IOException {
        EisensteinHuPower eh = LinearPower.eisensteinHu(Cosmology.QUIJOTE);
        StringBuilder text = new StringBuilder("# k [h/Mpc]   P [(Mpc/h)^3]\n\n");
        int n = 400;
        double[] ks = new double[n];
        for (int i = 0; i < n; i++) {
            ks[i] = Math.pow(10, -4 + 6.0 * i / (n - 1));
            text.append(String.format("%.17g %.17g%n", ks[i], eh.at(ks[i])));
        }
        Path file = dir.resolve("matterpower.dat");
        Files.writeString(file, text);
        TabulatedPower t = LinearPower.read(file);
        assertThat(t.k()).hasSize(n);
        for (double k : ks) assertThat(t.at(k)).isCloseTo(eh.at(k), within(1e-12 * eh.at(k)));
        // between rows the interpolation follows the smooth spectrum closely (1.5 % spacing in k)
        for (double k : new double[] {3e-4, 0.0123, 0.2, 3.3}) assertThat(t.at(k) / eh.at(k)).isCloseTo(1, within(2e-3));
        assertThat(t.sigma(8)).isCloseTo(0.834, within(1e-3));
    }

    @Test
    void badFilesGiveLocatedErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# comment\n0.01 100\n0.02 abc\n");
        assertThatThrownBy(() -> LinearPower.read(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad + " line 3: P is not a finite number: 'abc'");
        Files.writeString(bad, "0.01 100\n0.02 200\n0.015 300\n");
        assertThatThrownBy(() -> LinearPower.read(bad)).hasMessage(bad + " line 3: k must be strictly increasing: '0.015' after 0.02");
        Files.writeString(bad, "0.01 100\n0.02 -5\n");
        assertThatThrownBy(() -> LinearPower.read(bad)).hasMessage(bad + " line 2: P must be positive: '-5'");
        Files.writeString(bad, "0.01\n");
        assertThatThrownBy(() -> LinearPower.read(bad)).hasMessage(bad + " line 1: expected two columns k P: '0.01'");
        Files.writeString(bad, "# nothing\n0.01 5\n");
        assertThatThrownBy(() -> LinearPower.read(bad)).hasMessage(bad + ": needs at least 2 data lines (k P), found 1");
        assertThatThrownBy(() -> LinearPower.read(dir.resolve("missing.txt"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("missing.txt");
        // commas and extra columns are accepted
        Files.writeString(bad, "0.01,100,7\n0.02,200,8\n");
        assertThat(LinearPower.read(bad).at(0.02)).isEqualTo(200);
    }
}
