package org.distill.physics.gw;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A phenomenological population of binary black holes (after Wong, Contardo &amp; Ho 2020): four hyper-parameters λ =
 * (α, m_max, β, κ) ({@link PopulationParameters}) and six observables per event, x = (m₁, q, a₁, a₂, cos t₁, z), each
 * distributed independently given λ:
 * <ul>
 * <li>primary mass m₁ ∈ [5, 100] M☉: p(m₁) ∝ m₁^−α · S((m_max − m₁)/w), a power law with a logistic taper
 *     S(u) = 1/(1 + e^−u) of width w = 4 M☉ around m_max (normalised by 8-point Gauss–Legendre quadrature on 64
 *     panels in log m₁; relative error below 1e-10);</li>
 * <li>mass ratio q = m₂/m₁ ∈ [0.1, 1]: p(q) ∝ q^β (normalised analytically);</li>
 * <li>spin magnitudes a₁, a₂ ∈ [0, 1]: independent Beta(2, 5), whatever λ;</li>
 * <li>cosine of the primary's spin tilt cos t₁ ∈ [−1, 1]: p = (1 + cos t₁ / 2)/2 (mildly aligned), whatever λ;</li>
 * <li>redshift z ∈ [0, 2]: p(z) ∝ dV_c/dz · (1 + z)^(κ − 1) (a rate density evolving as (1 + z)^κ, one factor
 *     1/(1 + z) for time dilation), flat ΛCDM with Ω_m = 0.3 (normalised by quadrature).</li>
 * </ul>
 * No measurement noise and no selection effects: the events are the true source parameters, every one detected.
 * Sampling is exact (inverse CDFs, order statistics, and rejection for the taper and the redshift) and the density
 * is exact up to the quadrature error of the two normalisations. Immutable and thread-safe.
 */
public final class PopulationModel {
    /** The observables' names, in the order of an event's components. */
    public static final List<String> OBSERVABLES = List.of("m1", "q", "a1", "a2", "cos_t1", "z");
    /** Lower edges of the observables' supports. */
    static final double[] LO = {5, 0.1, 0, 0, -1, 0};
    /** Upper edges of the observables' supports. */
    static final double[] HI = {100, 1, 1, 1, 1, 2};
    static final double M_LO = 5, M_HI = 100, TAPER = 4, Q_MIN = 0.1, Z_MAX = 2, OMEGA_M = 0.3, TILT = 0.5;
    private static final double LOG_BETA_25 = Math.log(30); // 1/B(2, 5)

    private static final int PANELS = 64;
    private static final double[] GL_X, GL_W; // 8-point Gauss–Legendre on [−1, 1]
    static {
        var gl = new org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory().legendre(8);
        GL_X = new double[8];
        GL_W = new double[8];
        for (int i = 0; i < 8; i++) {
            GL_X[i] = gl.getPoint(i);
            GL_W[i] = gl.getWeight(i);
        }
    }

    private static final PopulationModel INSTANCE = new PopulationModel();

    /** log m nodes and weights for the mass normalisation; z nodes, weights·dVc/dz for the redshift one. */
    private final double[] massNode = new double[PANELS * 8], massWeight = new double[PANELS * 8];
    private final double[] zLog1p = new double[PANELS * 8], zWeight = new double[PANELS * 8];
    private final double maxVolume; // max of dVc/dz on [0, Z_MAX] (dimensionless, c/H0 = 1)

    private PopulationModel() {
        double a = Math.log(M_LO), b = Math.log(M_HI);
        quadrature(a, b, massNode, massWeight);
        double[] zNode = new double[PANELS * 8];
        quadrature(0, Z_MAX, zNode, zWeight);
        double max = 0;
        for (int i = 0; i < zNode.length; i++) {
            double v = comovingVolume(zNode[i]);
            zLog1p[i] = Math.log1p(zNode[i]);
            zWeight[i] *= v;
        }
        for (int i = 0; i <= 2000; i++) max = Math.max(max, comovingVolume(Z_MAX * i / 2000.0));
        maxVolume = max * 1.01; // dVc/dz is smooth and slowly varying: 1 % above the finely gridded maximum
    }

    /** The model (it has no settings). */
    public static PopulationModel of() { return INSTANCE; }

    private static void quadrature(double a, double b, double[] node, double[] weight) {
        double h = (b - a) / PANELS;
        for (int p = 0; p < PANELS; p++)
            for (int i = 0; i < 8; i++) {
                node[p * 8 + i] = a + h * (p + 0.5 + 0.5 * GL_X[i]);
                weight[p * 8 + i] = 0.5 * h * GL_W[i];
            }
    }

    /** Lower edges of the observables' supports (m₁, q, a₁, a₂, cos t₁, z). */
    public static double[] lower() { return LO.clone(); }

    /** Upper edges of the observables' supports. */
    public static double[] upper() { return HI.clone(); }

    // ---- the redshift part: flat ΛCDM in units c/H0 = 1 ----

    static double hubble(double z) { return Math.sqrt(OMEGA_M * Math.pow(1 + z, 3) + 1 - OMEGA_M); }

    /** Comoving distance (c/H0 = 1), 8-point Gauss–Legendre on 8 panels: relative error far below 1e-12. */
    static double comovingDistance(double z) {
        double h = z / 8, s = 0;
        for (int p = 0; p < 8; p++)
            for (int i = 0; i < 8; i++) s += GL_W[i] / hubble(h * (p + 0.5 + 0.5 * GL_X[i]));
        return s * h / 2;
    }

    /** dV_c/dz (c/H0 = 1): 4π D_c² / E(z). */
    static double comovingVolume(double z) {
        double d = comovingDistance(z);
        return 4 * Math.PI * d * d / hubble(z);
    }

    /** log ∫_0^zmax dVc/dz (1 + z)^(κ − 1) dz. */
    double logRedshiftNorm(double kappa) {
        double s = 0;
        for (int i = 0; i < zWeight.length; i++) s += zWeight[i] * Math.exp((kappa - 1) * zLog1p[i]);
        return Math.log(s);
    }

    /** log ∫ m^−α S((m_max − m)/w) dm over [5, 100], in u = log m. */
    double logMassNorm(double alpha, double mMax) {
        double s = 0;
        for (int i = 0; i < massNode.length; i++) {
            double u = massNode[i], m = Math.exp(u);
            s += massWeight[i] * Math.exp((1 - alpha) * u) / (1 + Math.exp((m - mMax) / TAPER));
        }
        return Math.log(s);
    }

    // ---- densities ----

    /** log of the logistic taper S((m_max − m)/w), stable for both signs. */
    static double logTaper(double m, double mMax) {
        double u = (m - mMax) / TAPER; // log S = −log(1 + e^u)
        return u > 0 ? -u - Math.log1p(Math.exp(-u)) : -Math.log1p(Math.exp(u));
    }

    /**
     * The exact log-density of one event x = (m₁, q, a₁, a₂, cos t₁, z) given λ; −∞ outside the support.
     *
     * @throws IllegalArgumentException if the event does not have 6 components
     */
    public double logDensity(double[] x, PopulationParameters lambda) {
        Objects.requireNonNull(lambda, "lambda");
        checkEvent(x);
        if (!inSupport(x)) return Double.NEGATIVE_INFINITY;
        return logVarying(x, lambda.toArray()) + logFixed(x);
    }

    private static void checkEvent(double[] x) {
        Objects.requireNonNull(x, "event");
        if (x.length != 6) throw new IllegalArgumentException("an event has 6 observables, got " + x.length);
    }

    static boolean inSupport(double[] x) {
        for (int i = 0; i < 6; i++) if (!(x[i] >= LO[i] && x[i] <= HI[i])) return false;
        return true;
    }

    /** The λ-independent part of log p(x | λ): spins, tilt and the comoving volume. */
    static double logFixed(double[] x) {
        return 2 * LOG_BETA_25 + Math.log(x[2]) + 4 * Math.log1p(-x[2]) + Math.log(x[3]) + 4 * Math.log1p(-x[3])
                + Math.log((1 + TILT * x[4]) / 2) + Math.log(comovingVolume(x[5]));
    }

    /**
     * {@code log p(x | to) − log p(x | from)} for one event and two hyper-parameter vectors {α, m_max, β, κ}: the
     * λ-independent terms (spins, tilt, comoving volume) cancel and are not computed.
     *
     * @throws IllegalArgumentException if the event does not have 6 components or lies outside the support, or a
     *                                  hyper-parameter vector does not have 4
     */
    public double logRatio(double[] x, double[] from, double[] to) {
        checkEvent(x);
        if (!inSupport(x)) throw new IllegalArgumentException("event outside the support: " + java.util.Arrays.toString(x));
        return logVarying(x, to) - logVarying(x, from);
    }

    private double logVarying(double[] x, double[] l) {
        Objects.requireNonNull(l, "lambda");
        if (l.length != 4) throw new IllegalArgumentException("λ has 4 components {α, m_max, β, κ}, got " + l.length);
        return -l[0] * Math.log(x[0]) + logTaper(x[0], l[1]) - logMassNorm(l[0], l[1])
                + l[2] * Math.log(x[1]) - PowerLaw.logNorm(Q_MIN, 1, l[2])
                + (l[3] - 1) * Math.log1p(x[5]) - logRedshiftNorm(l[3]);
    }

    /**
     * The catalogue's log-likelihood Σᵢ log p(xᵢ | λ), as a function of λ = {α, m_max, β, κ}; the λ-independent
     * terms are computed once here. The function returns −∞ where λ is outside the prior box
     * ({@link PopulationParameters#inPrior}), and is thread-safe.
     */
    public CatalogueLikelihood catalogueLikelihood(double[][] events) {
        Objects.requireNonNull(events, "events");
        if (events.length == 0) throw new IllegalArgumentException("the catalogue has no events");
        double fixed = 0, sumLogM = 0, sumLogQ = 0, sumLog1pZ = 0;
        double[] masses = new double[events.length];
        for (int i = 0; i < events.length; i++) {
            double[] x = events[i];
            checkEvent(x);
            if (!inSupport(x)) throw new IllegalArgumentException("event " + i + " is outside the support: "
                    + java.util.Arrays.toString(x));
            fixed += logFixed(x);
            sumLogM += Math.log(x[0]);
            sumLogQ += Math.log(x[1]);
            sumLog1pZ += Math.log1p(x[5]);
            masses[i] = x[0];
        }
        int n = events.length;
        double f = fixed, lm = sumLogM, lq = sumLogQ, lz = sumLog1pZ;
        return lambda -> {
            if (!PopulationParameters.inPrior(lambda)) return Double.NEGATIVE_INFINITY;
            double taper = 0;
            for (double m : masses) taper += logTaper(m, lambda[1]);
            return f - lambda[0] * lm + taper - n * logMassNorm(lambda[0], lambda[1])
                    + lambda[2] * lq - n * PowerLaw.logNorm(Q_MIN, 1, lambda[2])
                    + (lambda[3] - 1) * lz - n * logRedshiftNorm(lambda[3]);
        };
    }

    /** Σ log p(event | λ) as a function of λ (an array {α, m_max, β, κ}). */
    @FunctionalInterface
    public interface CatalogueLikelihood {
        double logLikelihood(double[] lambda);
    }

    // ---- sampling ----

    /** {@code n} independent events drawn exactly from p(x | λ). */
    public double[][] sample(PopulationParameters lambda, int n, RandomGenerator random) {
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(random, "random");
        if (n < 0) throw new IllegalArgumentException("n must be >= 0: " + n);
        double[][] out = new double[n][];
        double[] l = lambda.toArray();
        for (int i = 0; i < n; i++) out[i] = draw(l, random);
        return out;
    }

    /**
     * {@code n} pairs (λ, x): λ drawn uniformly from the prior box and one event x from p(x | λ) — the training set
     * of an emulator.
     */
    public Draws sampleAcrossPrior(int n, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (n < 0) throw new IllegalArgumentException("n must be >= 0: " + n);
        double[][] lambdas = new double[n][4], events = new double[n][];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++)
                lambdas[i][k] = PopulationParameters.PRIOR_LO[k]
                        + random.nextDouble() * (PopulationParameters.PRIOR_HI[k] - PopulationParameters.PRIOR_LO[k]);
            events[i] = draw(lambdas[i], random);
        }
        return new Draws(lambdas, events);
    }

    /** Hyper-parameters and one event drawn for each. */
    public record Draws(double[][] lambdas, double[][] events) {
        public Draws {
            if (lambdas.length != events.length)
                throw new IllegalArgumentException(lambdas.length + " hyper-parameter rows, " + events.length + " events");
        }
    }

    private double[] draw(double[] l, RandomGenerator r) {
        double m;
        do m = PowerLaw.inverseCdf(M_LO, M_HI, -l[0], r.nextDouble());
        while (r.nextDouble() * (1 + Math.exp((m - l[1]) / TAPER)) > 1); // accept with probability S
        double q = PowerLaw.inverseCdf(Q_MIN, 1, l[2], r.nextDouble());
        double a1 = beta25(r), a2 = beta25(r);
        // tilt: CDF F(c) = (c + 1)/2 + γ (c² − 1)/4, inverted
        double u = r.nextDouble(), g = TILT;
        double c = (-0.5 + Math.sqrt(0.25 - g * (0.5 - g / 4 - u))) / (g / 2);
        c = Math.max(-1, Math.min(1, c));
        double z, bound = maxVolume * Math.max(1, Math.pow(1 + Z_MAX, l[3] - 1));
        do z = Z_MAX * r.nextDouble();
        while (r.nextDouble() * bound > comovingVolume(z) * Math.pow(1 + z, l[3] - 1));
        return new double[] {m, q, a1, a2, c, z};
    }

    /** Beta(2, 5): the second smallest of six uniforms. */
    private static double beta25(RandomGenerator r) {
        double s1 = 2, s2 = 2;
        for (int i = 0; i < 6; i++) {
            double u = r.nextDouble();
            if (u < s1) {
                s2 = s1;
                s1 = u;
            } else if (u < s2) s2 = u;
        }
        return s2;
    }
}
