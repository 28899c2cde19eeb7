package org.distill.examples.gw;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.distill.neural.flow.Flow;
import org.distill.physics.gw.PopulationModel;
import org.distill.physics.gw.PopulationParameters;

/**
 * Where the flow's likelihood peaks, against the exact model's, without sampling: the mean log-likelihood per event
 * of a large catalogue drawn at the truth, expanded to second order around the truth by central differences (steps
 * of 2 % of each prior range), gives each model's maximum λ* = λ − H⁻¹g and curvature H. For a catalogue of
 * {@code catalogueEvents} events the posterior's standard deviations are about √(diag(−H⁻¹) / N), so
 * |λ*_flow − λ*_exact| / sd_exact predicts the posteriors' mean shift, and √(diag(H_flow⁻¹) / diag(H_exact⁻¹)) the
 * ratio of their widths; both models see the same events, so the catalogue's own scatter cancels in the shift.
 * That shift is the systematic part. A catalogue of N events adds a random part: each event moves the two peaks by
 * −H⁻¹gᵢ (its own gradient gᵢ, by central differences of its log-density), and the spread of the difference of these
 * moves over the events, divided by √N, is the shift's scatter from catalogue to catalogue; in units of sd_exact it
 * does not depend on N.
 *
 * @param events          events of the large catalogue
 * @param catalogueEvents the catalogue size the shift is quoted for
 * @param shift           predicted |mean_flow − mean_exact| / sd_exact per parameter, the systematic part (NaN where a
 *                        curvature is not negative definite)
 * @param scatter         the standard deviation of mean_flow − mean_exact from catalogue to catalogue, in units of
 *                        sd_exact
 * @param widthRatio      predicted sd_flow / sd_exact per parameter
 * @param flowPeak        the flow's maximum λ*
 * @param exactPeak       the exact model's maximum λ*
 */
public record PeakCheck(int events, int catalogueEvents, double[] shift, double[] scatter, double[] widthRatio,
                        double[] flowPeak, double[] exactPeak) {
    /** Central-difference steps as a fraction of each prior range. */
    static final double STEP = 0.02;

    public PeakCheck {
        shift = shift.clone();
        scatter = scatter.clone();
        widthRatio = widthRatio.clone();
        flowPeak = flowPeak.clone();
        exactPeak = exactPeak.clone();
    }

    /** The largest predicted shift (NaN if any is NaN). */
    public double maxShift() {
        double m = 0;
        for (double s : shift) m = Double.isNaN(s) || Double.isNaN(m) ? Double.NaN : Math.max(m, s);
        return m;
    }

    /**
     * Runs the check with {@code events} events drawn at {@code truth} (seeded by {@code seed}).
     *
     * @throws IllegalArgumentException if {@code events} or {@code catalogueEvents} is below 1
     */
    public static PeakCheck of(Flow flow, PopulationParameters truth, int events, int catalogueEvents, long seed) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(truth, "truth");
        if (events < 1) throw new IllegalArgumentException("events must be >= 1: " + events);
        if (catalogueEvents < 1) throw new IllegalArgumentException("catalogueEvents must be >= 1: " + catalogueEvents);
        PopulationModel model = PopulationModel.of();
        double[][] x = GwPopulation.inside(model.sample(truth, events, new SplittableRandom(seed)));
        double[] lo = PopulationParameters.priorLower(), hi = PopulationParameters.priorUpper(), h = new double[4];
        for (int k = 0; k < 4; k++) h[k] = STEP * (hi[k] - lo[k]);
        double[][] points = stencil(truth.toArray(), h);
        // per-event log-densities at every stencil point: [point][event]
        double[][] lf = new double[points.length][], le = new double[points.length][x.length];
        for (int p = 0; p < points.length; p++) {
            double[][] c = new double[x.length][];
            Arrays.fill(c, points[p]);
            lf[p] = flow.logDensity(x, c);
            PopulationParameters lambda = PopulationParameters.of(points[p]);
            for (int i = 0; i < x.length; i++) le[p][i] = model.logDensity(x[i], lambda);
        }
        double[] flowValues = new double[points.length], exactValues = new double[points.length];
        for (int p = 0; p < points.length; p++) {
            for (double v : lf[p]) flowValues[p] += v;
            for (double v : le[p]) exactValues[p] += v;
        }
        Quadratic qf = Quadratic.of(flowValues, h, events), qe = Quadratic.of(exactValues, h, events);
        double[] t = truth.toArray(), pf = qf.peak(t), pe = qe.peak(t);
        double[] spread = moveSpread(qf, qe, lf, le, h);
        double[] shift = new double[4], scatter = new double[4], width = new double[4];
        for (int k = 0; k < 4; k++) {
            double ve = qe.variance(k), vf = qf.variance(k);
            boolean ok = ve > 0 && vf > 0;
            shift[k] = ok ? Math.abs(pf[k] - pe[k]) / Math.sqrt(ve / catalogueEvents) : Double.NaN;
            scatter[k] = ok ? spread[k] / Math.sqrt(ve) : Double.NaN;
            width[k] = ok ? Math.sqrt(vf / ve) : Double.NaN;
        }
        return new PeakCheck(events, catalogueEvents, shift, scatter, width, pf, pe);
    }

    /**
     * The standard deviation over events of the difference of the peak moves H_flow⁻¹gᵢ − H_exact⁻¹gᵢ (per parameter),
     * each event's gradient by central differences of its log-density; NaN where a curvature is singular.
     */
    private static double[] moveSpread(Quadratic qf, Quadratic qe, double[][] lf, double[][] le, double[] h) {
        RealMatrix inf = qf.inverse(), ine = qe.inverse();
        int d = h.length, n = lf[0].length;
        double[] out = new double[d];
        if (inf == null || ine == null) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double[] sum = new double[d], sum2 = new double[d], gf = new double[d], ge = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                gf[k] = (lf[2 + 2 * k][i] - lf[1 + 2 * k][i]) / (2 * h[k]);
                ge[k] = (le[2 + 2 * k][i] - le[1 + 2 * k][i]) / (2 * h[k]);
            }
            double[] mf = inf.operate(gf), me = ine.operate(ge);
            for (int k = 0; k < d; k++) {
                double diff = mf[k] - me[k];
                sum[k] += diff;
                sum2[k] += diff * diff;
            }
        }
        for (int k = 0; k < d; k++) {
            double mean = sum[k] / n;
            out[k] = Math.sqrt(Math.max(0, sum2[k] / n - mean * mean));
        }
        return out;
    }

    /** The centre, ±h_k along each axis, and the four corners ±h_j ±h_k of each pair (33 points in 4-D). */
    static double[][] stencil(double[] centre, double[] h) {
        int d = centre.length;
        double[][] p = new double[1 + 2 * d + 2 * d * (d - 1)][];
        int i = 0;
        p[i++] = centre.clone();
        for (int k = 0; k < d; k++)
            for (int s = -1; s <= 1; s += 2) p[i++] = moved(centre, h, k, s, -1, 0);
        for (int j = 0; j < d; j++)
            for (int k = j + 1; k < d; k++)
                for (int sj = -1; sj <= 1; sj += 2)
                    for (int sk = -1; sk <= 1; sk += 2) p[i++] = moved(centre, h, j, sj, k, sk);
        return p;
    }

    private static double[] moved(double[] c, double[] h, int j, int sj, int k, int sk) {
        double[] p = c.clone();
        p[j] += sj * h[j];
        if (k >= 0) p[k] += sk * h[k];
        return p;
    }

    /**
     * Gradient, Hessian and inverse Hessian (null when singular) of the mean log-likelihood per event, from the
     * {@link #stencil} values.
     */
    record Quadratic(double[] gradient, double[][] hessian, RealMatrix inverse) {
        static Quadratic of(double[] sums, double[] h, int events) {
            int d = h.length;
            double[] f = new double[sums.length];
            for (int i = 0; i < f.length; i++) f[i] = sums[i] / events;
            double[] g = new double[d];
            double[][] hs = new double[d][d];
            for (int k = 0; k < d; k++) {
                double minus = f[1 + 2 * k], plus = f[2 + 2 * k];
                g[k] = (plus - minus) / (2 * h[k]);
                hs[k][k] = (plus - 2 * f[0] + minus) / (h[k] * h[k]);
            }
            int i = 1 + 2 * d;
            for (int j = 0; j < d; j++)
                for (int k = j + 1; k < d; k++) {
                    double mm = f[i++], mp = f[i++], pm = f[i++], pp = f[i++];
                    hs[j][k] = hs[k][j] = (pp - pm - mp + mm) / (4 * h[j] * h[k]);
                }
            var lu = new LUDecomposition(new Array2DRowRealMatrix(hs));
            return new Quadratic(g, hs, lu.getDeterminant() == 0 ? null : lu.getSolver().getInverse());
        }

        /** λ − H⁻¹g (NaN if H is singular). */
        double[] peak(double[] at) {
            double[] p = at.clone();
            if (inverse == null) Arrays.fill(p, Double.NaN);
            else {
                double[] step = inverse.operate(new ArrayRealVector(gradient)).toArray();
                for (int k = 0; k < p.length; k++) p[k] -= step[k];
            }
            return p;
        }

        /** diag(−H⁻¹)_k: the variance of parameter k per event (not positive if H is not negative definite there). */
        double variance(int k) {
            return inverse == null ? Double.NaN : -inverse.getEntry(k, k);
        }
    }
}
