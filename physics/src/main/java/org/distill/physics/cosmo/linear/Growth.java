package org.distill.physics.cosmo.linear;

import java.util.Objects;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.distill.physics.cosmo.Cosmology;

/**
 * Linear growth factors of first and second order for a flat w-CDM cosmology, by integrating the
 * growth equations in x = ln a (neutrinos counted as matter, growth scale-independent; for the
 * scale-dependent growth with massive neutrinos see {@link EisensteinHuPower}).
 *
 * <p>With primes for d/d ln a, E(a) = H/H0 from {@link Cosmology#e(double)} and Ω_m(a) from
 * {@link Cosmology#omegaMAt(double)}:
 * <pre>
 *   D1'' + (2 + dlnE/dlna) D1' = (3/2) Ω_m(a) D1
 *   D2'' + (2 + dlnE/dlna) D2' = (3/2) Ω_m(a) (D2 − D1²)
 *   dlnE/dlna = −(3/2) [Ω_m(a) + (1 + w)(1 − Ω_m(a))]
 * </pre>
 * started deep in matter domination (a = 1e-8) on the growing modes D1 = a, D2 = −(3/7) a². The
 * second-order factor follows the sign and normalisation of Bouchet et al. (1995) and FastPM
 * (Feng et al. 2016): D2 ≈ −(3/7) D1² at early times, and the 2LPT displacement is
 * x = q − D1 ∇φ1 + D2 ∇φ2 with ∇²φ1 = δ_L(q) (the linear density at a = 1) and
 * ∇²φ2 = Σ_{i&gt;j} (φ1,ii φ1,jj − φ1,ij²) (Scoccimarro 1998, eqs. 5–6); the velocities are
 * a H (−f1 D1 ∇φ1 + f2 D2 ∇φ2).
 *
 * <p>{@link #d1(double)} is normalised to D1(1) = 1 and {@link #d2(double)} to D1(1)² (so that
 * D2/D1² → −3/7 early; D2(1) ≈ −0.42 for Ω_m ≈ 0.3); the matter-era normalisations (→ a and
 * −(3/7) a² as a → 0) are {@link #d1MatterEra(double)} and {@link #d2MatterEra(double)}.
 *
 * <p>The equations are solved once with Commons Math's {@link DormandPrince853Integrator} (relative
 * tolerance 1e-12) onto a grid of 1500 points in ln a from 1e-8 to {@value #A_MAX}, storing D and
 * D' at each node; values in between come from cubic Hermite interpolation with the exact
 * derivatives D', D'' from the equations (error ≪ 1e-9). Below the grid D1 ∝ a and D2 ∝ a² (matter
 * era). Instances are immutable and thread-safe.
 */
public final class Growth {
    /** Largest scale factor tabulated. */
    public static final double A_MAX = 2.0;
    private static final double A_MIN = 1e-8;
    private static final int NODES = 1500;

    private final Cosmology cosmology;
    private final double x0;
    private final double dx;
    /** y[i] = {D1, D1', D2, D2'} at x_i, matter-era normalisation. */
    private final double[][] y;
    private final double d1Today;

    private Growth(Cosmology cosmology) {
        this.cosmology = cosmology;
        this.x0 = Math.log(A_MIN);
        this.dx = (Math.log(A_MAX) - x0) / (NODES - 1);
        this.y = new double[NODES][];
        FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
            @Override public int getDimension() { return 4; }
            @Override public void computeDerivatives(double x, double[] s, double[] ds) { derivatives(x, s, ds); }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-6 * dx, dx, 1e-30, 1e-12);
        double a0 = A_MIN;
        double[] state = {a0, a0, -3.0 / 7 * a0 * a0, -6.0 / 7 * a0 * a0};
        y[0] = state.clone();
        for (int i = 1; i < NODES; i++) {
            double[] next = state.clone();
            integrator.integrate(ode, x0 + (i - 1) * dx, state, x0 + i * dx, next);
            state = next;
            y[i] = state.clone();
        }
        this.d1Today = interpolate(0, 0);
    }

    /**
     * The growth factors of {@code cosmology} (about 5 ms to build).
     *
     * @throws NullPointerException if {@code cosmology} is null
     */
    public static Growth of(Cosmology cosmology) {
        return new Growth(Objects.requireNonNull(cosmology, "cosmology"));
    }

    /** The cosmology these growth factors belong to. */
    public Cosmology cosmology() { return cosmology; }

    private void derivatives(double x, double[] s, double[] ds) {
        double a = Math.exp(x);
        double om = cosmology.omegaMAt(a);
        double dlnE = -1.5 * (om + (1 + cosmology.w()) * (1 - om));
        ds[0] = s[1];
        ds[1] = -(2 + dlnE) * s[1] + 1.5 * om * s[0];
        ds[2] = s[3];
        ds[3] = -(2 + dlnE) * s[3] + 1.5 * om * (s[2] - s[0] * s[0]);
    }

    /** Component {@code c} (0: D1, 2: D2) or its derivative (d = 1) at ln a = x, Hermite-interpolated. */
    private double interpolate(double x, int c) {
        double u = (x - x0) / dx;
        if (u < 0) {
            // matter era: D1 ∝ a, D2 ∝ a²
            double p = c < 2 ? 1 : 2;
            return y[0][c] * Math.exp(p * (x - x0));
        }
        int i = Math.min((int) u, NODES - 2);
        double t = u - i;
        double[] lo = y[i];
        double[] hi = y[i + 1];
        double[] dlo = new double[4];
        double[] dhi = new double[4];
        derivatives(x0 + i * dx, lo, dlo);
        derivatives(x0 + (i + 1) * dx, hi, dhi);
        double t2 = t * t;
        double t3 = t2 * t;
        double h00 = 2 * t3 - 3 * t2 + 1;
        double h10 = t3 - 2 * t2 + t;
        double h01 = -2 * t3 + 3 * t2;
        double h11 = t3 - t2;
        return h00 * lo[c] + h10 * dx * dlo[c] + h01 * hi[c] + h11 * dx * dhi[c];
    }

    private double at(double a, int c) {
        if (!(a > 0 && a <= A_MAX * (1 + 1e-12))) {
            throw new IllegalArgumentException("scale factor must be in (0, " + A_MAX + "]: " + a);
        }
        return interpolate(Math.log(a), c);
    }

    /** D1(a) normalised to the matter era, D1 → a as a → 0. */
    public double d1MatterEra(double a) { return at(a, 0); }

    /** D2(a) normalised to the matter era, D2 → −(3/7) a² as a → 0. */
    public double d2MatterEra(double a) { return at(a, 2); }

    /** Linear growth factor D1(a), normalised to D1(1) = 1. */
    public double d1(double a) { return at(a, 0) / d1Today; }

    /** Growth rate f1 = dlnD1/dlna. */
    public double f1(double a) { return at(a, 1) / at(a, 0); }

    /** Second-order growth factor D2(a) in units of D1(1)², so that D2/D1² → −3/7 as a → 0. */
    public double d2(double a) { return at(a, 2) / (d1Today * d1Today); }

    /** Second-order growth rate f2 = dlnD2/dlna (≈ 2 Ω_m(a)^(6/11)). */
    public double f2(double a) { return at(a, 3) / at(a, 2); }

    /** D1(1) in the matter-era normalisation (D1(a)/a at a = 1; ≈ 0.78 for Ω_m = 0.3). */
    public double d1TodayMatterEra() { return d1Today; }
}
