package org.distill.symbolic.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.Test;

class ValidationTest {
    private static Columns line(int n, double[] noise) {
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 2 * i + 1 + noise[i % noise.length];
        }
        return new Columns(new double[][] {x}, y, null, n);
    }

    @Test
    void leaveOneOutOfAConstantIsTheClosedForm() {
        // The mean refitted without row i predicts it with error (y_i − mean)·n/(n−1): the
        // leave-one-out loss of a constant is n/(n−1)² · Σ(y − mean)² / ... = n²/(n−1)² · variance.
        double[] y = {1, 2, 4, 8, 16};
        Columns c = new Columns(new double[][] {{0, 0, 0, 0, 0}}, y, null, 5);
        Validation v = new Validation(c, Loss.MSE, 1, true);
        Validation.Score s = v.score(Parser.parse("3.0", List.of("x")));
        double mean = 6.2, var = 0;
        for (double t : y) var += (t - mean) * (t - mean);
        var /= 5;
        assertThat(s.loss()).isCloseTo(var * 25.0 / 16.0, within(1e-6));
        assertThat(s.rows()).hasSize(5);
    }

    @Test
    void exactLawValidatesExactlyAndIsDeterministic() {
        Columns c = line(40, new double[] {0});
        Validation.Score a = new Validation(c, Loss.MSE, 3, true).score(Parser.parse("1.7*x + 0.2", List.of("x")));
        assertThat(a.loss()).isLessThan(1e-18);
        Columns noisy = line(40, new double[] {0.3, -0.2, 0.1, -0.4, 0.25});
        double s1 = new Validation(noisy, Loss.MSE, 3, true).score(Parser.parse("1.7*x + 0.2", List.of("x"))).loss();
        double s2 = new Validation(noisy, Loss.MSE, 3, true).score(Parser.parse("1.7*x + 0.2", List.of("x"))).loss();
        assertThat(s1).isEqualTo(s2);
    }

    @Test
    void largeDataUsesOneHeldOutFifth() {
        Columns c = line(2000, new double[] {0.5, -0.5});
        Validation.Score s = new Validation(c, Loss.MSE, 1, true).score(Parser.parse("2.0*x + 1.0", List.of("x")));
        assertThat(s.rows()).hasSize(400);
        assertThat(s.loss()).isCloseTo(0.25, within(0.01));
    }

    @Test
    void sinesSampledFewerThanFourTimesPerPeriodAreBounded() {
        // 40 rows at x = 0..39: sin(0.5x) moves 0.5 rad between rows (fine); sin(2x) moves 2 rad
        // > pi/2 (fewer than four samples per period): infinite validation loss unless unbounded.
        Columns c = line(40, new double[] {0});
        Validation bounded = new Validation(c, Loss.MSE, 1, true);
        assertThat(bounded.undersampled(Parser.parse("2.0*x + sin(0.5*x)", List.of("x")))).isFalse();
        assertThat(bounded.undersampled(Parser.parse("2.0*x + 0.1*cos(2.0*x)", List.of("x")))).isTrue();
        assertThat(bounded.score(Parser.parse("2.0*x + 1.0 + 0.1*cos(2.0*x)", List.of("x"))).loss()).isInfinite();
        assertThat(new Validation(c, Loss.MSE, 1, false).score(Parser.parse("2.0*x + 1.0 + 0.1*cos(2.0*x)", List.of("x"))).loss())
                .isFinite();
    }

    @Test
    void chirpsAndHugePhasesAreBoundedToo() {
        // x log-uniform from 1e6 to 1e9: sin(2e14/x^2) is slow on most rows (median gap small)
        // and fast below x = 1e7, where its gaps cover most of the argument's range.
        int n = 40;
        double[][] x = new double[1][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) x[0][i] = Math.pow(10, 6 + 3.0 * i / (n - 1));
        Validation v = new Validation(new Columns(x, y, null, n), Loss.MSE, 1, true);
        assertThat(v.undersampled(Parser.parse("1e-20*(1 + 0.1*sin(2e14/(x*x)))", List.of("x")))).isTrue();
        assertThat(v.undersampled(Parser.parse("1e-20*(1 + 0.1*sin(2e5/x))", List.of("x")))).isFalse();
        // t from 0 to 30: cos(sqrt(t) + 2.1e13) is a slow cosine whose phase only the last digits fix.
        double[][] t = new double[1][n];
        for (int i = 0; i < n; i++) t[0][i] = 30.0 * i / (n - 1);
        Validation w = new Validation(new Columns(t, y, null, n), Loss.MSE, 1, true);
        assertThat(w.undersampled(Parser.parse("4926.5 - 3251.5*cos(sqrt(t) + 2.1e13)", List.of("t")))).isTrue();
        assertThat(w.undersampled(Parser.parse("4926.5 - 3251.5*cos(sqrt(t) + 2.1)", List.of("t")))).isFalse();
        assertThat(w.undersampled(Parser.parse("cos(0.2*t + 100)", List.of("t")))).isFalse();
    }

    @Test
    void sinesAndCosinesWhoseArgumentHardlyMovesAreTaylorTricks() {
        // Δx over 0..39: 1.5e-4·Δx moves 0.006 rad, a quadratic in disguise (I.8.14's distance); 0.01·Δx moves 0.39 rad.
        Columns c = line(40, new double[] {0});
        org.distill.symbolic.eval.Evaluator ev = new org.distill.symbolic.eval.Evaluator();
        List<String> x = List.of("x");
        assertThat(Validation.flatArgument(Parser.parse("9495*sqrt(2 - 2*cos(0.00015*x))", x), ev, c)).isTrue();
        assertThat(Validation.flatArgument(Parser.parse("x + sin(0.00015*x + 1.3)", x), ev, c)).isTrue();
        assertThat(Validation.flatArgument(Parser.parse("cos(0.01*x)", x), ev, c)).isFalse();
        assertThat(Validation.flatArgument(Parser.parse("x*cos(2.0)", x), ev, c)).isFalse(); // a constant, not a trick
        assertThat(Validation.flatArgument(Parser.parse("sqrt(x)", x), ev, c)).isFalse();
        // The finish refuses it; unbounded it validates like the law it imitates.
        assertThat(new Validation(c, Loss.MSE, 1, true).score(Parser.parse("cos(0.00015*x)", x)).loss())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new Validation(c, Loss.MSE, 1, false).score(Parser.parse("cos(0.00015*x)", x)).loss())
                .isLessThan(Double.POSITIVE_INFINITY);
    }

    @Test
    void aPoleBetweenRowsIsRefused() {
        // The eight planets (a in AU, period in days): 0.00036/sin(sqrt(a)) is finite at every planet but infinite at
        // a = pi^2 = 9.87, between Saturn (9.54) and Uranus (19.2); one run of issue 13's Kepler check chose it.
        double[] a = {0.38709927, 0.72333566, 1.00000261, 1.52371034, 5.20288700, 9.53667594, 19.18916464, 30.06992276};
        double[] period = {87.9691, 224.701, 365.256363, 686.980, 4332.589, 10759.22, 30688.5, 60195};
        Columns planets = new Columns(new double[][] {a}, period, null, a.length);
        List<String> names = List.of("a");
        assertThat(Search.hasPoleBetweenRows(
                Parser.parse("365.069484046*sqrt(a)*(a + 0.000361513443707/sin(sqrt(a)))", names), planets)).isTrue();
        assertThat(Search.hasPoleBetweenRows(Parser.parse("365.069830126*a*sqrt(a)", names), planets)).isFalse();
        // A zero next to the pole (at 8.8745 and 8.875, between Jupiter and Saturn): about -1 at every planet, a pole
        // between them; another run chose it.
        assertThat(Search.hasPoleBetweenRows(
                Parser.parse("-365.052952948*a*sqrt(a)*((a - 8.87449670353)/(8.875 - a))", names), planets)).isTrue();

        Columns c = new Columns(new double[][] {{-2.5, -1.5, -0.5, 0.5, 1.5, 2.5}}, new double[6], null, 6);
        org.distill.symbolic.eval.Evaluator ev = new org.distill.symbolic.eval.Evaluator();
        List<String> x = List.of("x");
        assertThat(Validation.hiddenPole(Parser.parse("1 + 2/x", x), ev, c)).isTrue();
        assertThat(Validation.hiddenPole(Parser.parse("x*x + 0.001/(x - 0.1)", x), ev, c)).isTrue();
        assertThat(Validation.hiddenPole(Parser.parse("tan(x)", x), ev, c)).isTrue();        // cos x changes sign at ±pi/2
        assertThat(Validation.hiddenPole(Parser.parse("tan(0.5*x)", x), ev, c)).isFalse();   // |x/2| < pi/2 on the rows
        assertThat(Validation.hiddenPole(Parser.parse("sin(x)/x", x), ev, c)).isFalse();     // a removable singularity
        assertThat(Validation.hiddenPole(Parser.parse("(x*x - 0.01)/(x - 0.1)", x), ev, c)).isFalse();   // x + 0.1
        assertThat(Validation.hiddenPole(Parser.parse("(x - 0.0995)/(x - 0.1)", x), ev, c)).isTrue();   // zero beside the pole
        // The pole of y/z cancels in the whole equation, y*z/(y/z) = z^2 (LinearTermsSearchTest's law is found so).
        Columns yz = new Columns(new double[][] {{-1.5, 0.5, 1.2, -0.7}, {0.8, -1.1, 1.4, -0.3}}, new double[4], null, 4);
        assertThat(Validation.hiddenPole(Parser.parse("-0.4*y*z/(y/z) + 3", List.of("y", "z")), ev, yz)).isFalse();
        assertThat(Validation.hiddenPole(Parser.parse("-0.4*y/z + 3", List.of("y", "z")), ev, yz)).isTrue();
        assertThat(Validation.hiddenPole(Parser.parse("1/(x*x + 1)", x), ev, c)).isFalse();  // one sign
        assertThat(Validation.hiddenPole(Parser.parse("x/cos(2.0)", x), ev, c)).isFalse();   // no variable below
    }
}
