package org.distill.examples.dm2gal;

import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.special.Erf;

/**
 * The mass-only halo occupation distribution of Zheng et al. (2007), five parameters (masses in M☉/h, log base 10):
 * <pre>
 *   ⟨N_cen⟩(M) = ½ [1 + erf((log M − log M_min)/σ)]
 *   ⟨N_sat⟩(M) = ((M − M_0)/M_1)^α  for M &gt; M_0, else 0
 * </pre>
 * Centrals are Bernoulli, satellites Poisson, independently.
 */
public record Zheng07(double logMmin, double sigma, double logM0, double logM1, double alpha) {
    public Zheng07 {
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be > 0: " + sigma);
        if (!Double.isFinite(logMmin + logM0 + logM1 + alpha)) throw new IllegalArgumentException("HOD parameters must be finite");
    }

    public double centrals(double mass) { return 0.5 * (1 + Erf.erf((Math.log10(mass) - logMmin) / sigma)); }

    public double satellites(double mass) {
        double m0 = Math.pow(10, logM0);
        return mass > m0 ? Math.pow((mass - m0) / Math.pow(10, logM1), alpha) : 0;
    }

    /**
     * The maximum-likelihood parameters for halos of masses {@code mass} holding {@code centrals} (0 or 1) and
     * {@code satellites} galaxies: the Bernoulli likelihood of the centrals and the Poisson likelihood of the
     * satellites, each maximised by Nelder–Mead from {@code start}.
     */
    public static Zheng07 fit(double[] mass, int[] centrals, int[] satellites, Zheng07 start) {
        MultivariateFunction cen = p -> {
            if (!(p[1] > 0.01)) return 1e300;
            var h = new Zheng07(p[0], p[1], start.logM0, start.logM1, start.alpha);
            double nll = 0;
            for (int i = 0; i < mass.length; i++) {
                double q = Math.min(1 - 1e-9, Math.max(1e-9, h.centrals(mass[i])));
                nll -= centrals[i] > 0 ? Math.log(q) : Math.log(1 - q);
            }
            return nll;
        };
        MultivariateFunction sat = p -> {
            if (!(p[2] > 0.05 && p[2] < 5)) return 1e300;
            var h = new Zheng07(start.logMmin, start.sigma, p[0], p[1], p[2]);
            double nll = 0;
            for (int i = 0; i < mass.length; i++) {
                double l = Math.max(1e-12, h.satellites(mass[i]));
                nll -= satellites[i] * Math.log(l) - l;
            }
            return nll;
        };
        double[] c = minimise(cen, new double[] {start.logMmin, start.sigma}, new double[] {0.2, 0.1});
        double[] s = minimise(sat, new double[] {start.logM0, start.logM1, start.alpha}, new double[] {0.3, 0.2, 0.2});
        return new Zheng07(c[0], c[1], s[0], s[1], s[2]);
    }

    private static double[] minimise(MultivariateFunction f, double[] x0, double[] steps) {
        PointValuePair best = null;
        double[] x = x0;
        for (int restart = 0; restart < 3; restart++) {   // Nelder–Mead restarted from its optimum
            PointValuePair p = new SimplexOptimizer(1e-10, 1e-10).optimize(new MaxEval(20_000), new ObjectiveFunction(f),
                    GoalType.MINIMIZE, new InitialGuess(x), new NelderMeadSimplex(steps));
            if (best == null || p.getValue() < best.getValue()) best = p;
            x = best.getPoint();
        }
        return best.getPoint();
    }

    /** A Poisson deviate of mean {@code mean} (inversion; means here are small). */
    static int poisson(double mean, SplittableRandom random) {
        if (mean <= 0) return 0;
        double l = Math.exp(-mean), p = random.nextDouble();
        int k = 0;
        double term = l, cdf = l;
        while (p > cdf && k < 10_000) {
            k++;
            term *= mean / k;
            cdf += term;
        }
        return k;
    }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "log Mmin = %.3f, sigma = %.3f, log M0 = %.3f, log M1 = %.3f, alpha = %.3f",
                logMmin, sigma, logM0, logM1, alpha);
    }
}
