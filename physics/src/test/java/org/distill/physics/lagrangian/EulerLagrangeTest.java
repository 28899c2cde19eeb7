package org.distill.physics.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EulerLagrangeTest {
    static List<MechanicalSystem> systems() {
        return List.of(DoublePendulum.of(), DoublePendulum.of(3.7), RelativisticParticle.of(), new RelativisticParticle(-2, 0.95),
                new WaveChain(7, 0.3), WaveChain.of());
    }

    @ParameterizedTest @MethodSource("systems")
    void solverMatchesAnalyticAccelerations(MechanicalSystem system) {
        var random = new SplittableRandom(11);
        int n = system.dof();
        double[] q = new double[n], qd = new double[n], exact = new double[n];
        for (int trial = 0; trial < 50; trial++) {
            system.sample(random, q, qd);
            for (int i = 0; i < n && system instanceof WaveChain; i++) qd[i] = random.nextGaussian();
            system.acceleration(q, qd, exact);
            double[] solved = EulerLagrange.acceleration(system, q, qd);
            for (int i = 0; i < n; i++)
                assertThat(solved[i]).as("%s trial %d, q̈%d", system.name(), trial, i)
                        .isCloseTo(exact[i], org.assertj.core.data.Offset.offset(1e-8 * (1 + Math.abs(exact[i]))));
        }
    }

    @ParameterizedTest @MethodSource("systems")
    void derivativesMatchFiniteDifferences(MechanicalSystem system) {
        var random = new SplittableRandom(5);
        int n = system.dof();
        double[] q = new double[n], qd = new double[n];
        system.sample(random, q, qd);
        Derivatives d = system.derivatives(q, qd);
        assertThat(d.value()).isEqualTo(system.value(q, qd));
        double h = 1e-5;
        for (int j = 0; j < n; j++) {
            double[] qp = q.clone(), qm = q.clone(), vp = qd.clone(), vm = qd.clone();
            qp[j] += h; qm[j] -= h; vp[j] += h; vm[j] -= h;
            double fd = (system.value(qp, qd) - system.value(qm, qd)) / (2 * h);
            assertThat(d.gradQ()[j]).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(fd))));
            // ∂/∂q̇_j and ∂/∂q_j of the velocity gradient, itself by central differences
            double[] gvp = velocityGradient(system, q, vp), gvm = velocityGradient(system, q, vm);
            double[] gqp = velocityGradient(system, qp, qd), gqm = velocityGradient(system, qm, qd);
            for (int i = 0; i < n; i++) {
                double hvv = (gvp[i] - gvm[i]) / (2 * h), mixed = (gqp[i] - gqm[i]) / (2 * h);
                assertThat(d.hessianVV()[i][j]).as("H_vv[%d][%d]", i, j)
                        .isCloseTo(hvv, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(hvv))));
                assertThat(d.mixed()[i][j]).as("mixed[%d][%d]", i, j)
                        .isCloseTo(mixed, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(mixed))));
            }
        }
    }

    private static double[] velocityGradient(Lagrangian l, double[] q, double[] qd) {
        double h = 1e-5;
        double[] g = new double[qd.length];
        for (int i = 0; i < qd.length; i++) {
            double[] p = qd.clone(), m = qd.clone();
            p[i] += h; m[i] -= h;
            g[i] = (l.value(q, p) - l.value(q, m)) / (2 * h);
        }
        return g;
    }

    @Test void ridgeAndPseudoInverse() {
        // L = ½q̇1² + q1 (q̇2 absent): singular velocity Hessian; the pseudo-inverse gives q̈ = (1, 0)
        var d = new Derivatives(0, new double[] {1, 0}, new double[][] {{1, 0}, {0, 0}}, new double[][] {{0, 0}, {0, 0}});
        assertThat(EulerLagrange.acceleration(d, new double[] {0, 0}, 0)).containsExactly(1.0, 0.0);
        double[] ridged = EulerLagrange.acceleration(d, new double[] {0, 0}, 0.5);
        assertThat(ridged[0]).isCloseTo(1 / 1.5, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test void badInputs() {
        var d = new Derivatives(0, new double[] {1}, new double[][] {{1}}, new double[][] {{0}});
        assertThatThrownBy(() -> EulerLagrange.acceleration(d, new double[] {0}, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ridge");
        assertThatThrownBy(() -> EulerLagrange.acceleration(d, new double[] {0, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qd has 2");
        assertThatThrownBy(() -> new Derivatives(0, new double[] {1, 2}, new double[][] {{1}}, new double[][] {{0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hessianVV has 1 rows");
        assertThatThrownBy(() -> RelativisticParticle.of().energy(new double[] {0}, new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("< 1");
        assertThatThrownBy(() -> new WaveChain(2, 1)).hasMessageContaining("sites must be in [3, 100000]: 2");
        assertThatThrownBy(() -> DoublePendulum.of(0)).hasMessageContaining("g must be finite and > 0: 0.0");
    }

    /** Finite differences of the values alone reproduce the analytic derivatives, hence the analytic q̈. */
    @Test void finiteDifferencesMatchTheAnalyticDerivatives() {
        var system = DoublePendulum.of();
        var random = new SplittableRandom(11);
        double[] q = new double[2], qd = new double[2];
        for (int k = 0; k < 5; k++) {
            system.sample(random, q, qd);
            Derivatives exact = system.derivatives(q, qd), numeric = FiniteDifferences.derivatives(system, q, qd, 1e-4);
            for (int i = 0; i < 2; i++) {
                assertThat(numeric.gradQ()[i]).isCloseTo(exact.gradQ()[i], org.assertj.core.data.Offset.offset(1e-6));
                for (int j = 0; j < 2; j++) {
                    assertThat(numeric.hessianVV()[i][j]).isCloseTo(exact.hessianVV()[i][j], org.assertj.core.data.Offset.offset(1e-5));
                    assertThat(numeric.mixed()[i][j]).isCloseTo(exact.mixed()[i][j], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
            double[] a = EulerLagrange.acceleration(numeric, qd, 0), b = new double[2];
            system.acceleration(q, qd, b);
            for (int i = 0; i < 2; i++) assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(b[i]))));
        }
        assertThatThrownBy(() -> FiniteDifferences.derivatives(system, q, qd, 0)).hasMessageContaining("h must be finite and > 0: 0.0");
        assertThatThrownBy(() -> FiniteDifferences.derivatives(system, new double[1], qd, 1e-4))
                .hasMessageContaining("q and qd have 1 and 2 components, expected 2");
    }
}
