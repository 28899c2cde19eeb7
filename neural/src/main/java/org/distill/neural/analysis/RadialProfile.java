package org.distill.neural.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a message component follows its fitted law with the separation {@code r}: the edges are cut into bins of equal
 * count by {@code r}, and in each bin the message (less the fit's intercept) is fitted to the law (less the intercept)
 * by one least-squares amplitude. A network that has learned the law gives amplitude 1 in every bin; one that
 * saturates at close encounters gives amplitudes below 1 there; one whose message falls more slowly than the law
 * gives amplitudes that grow with {@code r}. {@link #slope()} sums that up as the exponent {@code s} in
 * {@code message ≈ law · r^s}, fitted over the bins that lie beyond a given separation (those a formula search sees):
 * 0 when the message follows the law's fall-off, 1 when it falls one power of {@code r} more slowly (a
 * {@code Δx/r²} message for a {@code Δx/r³} law).
 *
 * <pre>{@code
 * ComponentFit fit = result.fits().get(0);
 * double[] law = fit.predict(basis.of(pairLaw, messages));
 * RadialProfile p = RadialProfile.of(messages.message(fit.component()), law, fit.intercept(), messages.r(), 10, cut);
 * System.out.println(p.slope());   // 0.5: the message falls like law × r^0.5
 * }</pre>
 *
 * @param bins      the bins, by increasing {@code r}
 * @param slopeFrom the separation beyond which bins enter {@link #slope()}
 * @param slope     least-squares slope of {@code log amplitude} against {@code log r} (each bin at its law²-weighted
 *                  mean of {@code log r}, where its amplitude is measured) over the bins whose lower edge is at least
 *                  {@code slopeFrom} and whose amplitude is positive; NaN when fewer than two such bins
 */
public record RadialProfile(List<Bin> bins, double slopeFrom, double slope) {
    /** Default number of bins of {@link Distillation}'s profile. */
    public static final int DEFAULT_BINS = 10;

    public RadialProfile {
        bins = List.copyOf(bins);
        if (bins.isEmpty()) throw new IllegalArgumentException("bins is empty");
    }

    /**
     * One bin of edges.
     *
     * @param rLow        smallest separation in the bin
     * @param rHigh       largest separation in the bin
     * @param edges       edges in the bin
     * @param amplitude   least-squares factor of the law (less the intercept) that fits the message (less the
     *                    intercept) in the bin; NaN when the law is zero on every edge of the bin
     * @param correlation correlation (through the intercept) of message and law in the bin; NaN as above
     */
    public record Bin(double rLow, double rHigh, int edges, double amplitude, double correlation) { }

    /**
     * The profile of {@code message} against {@code law}, both per edge, with the common {@code intercept} (the
     * linear fit's constant) taken off both.
     *
     * @param r         the edges' separations
     * @param bins      number of bins of equal count, at least 2
     * @param slopeFrom bins below this separation are left out of {@link #slope()} (0 for all)
     * @throws IllegalArgumentException if the arrays differ in length, a value is not finite, or there are fewer edges
     *                                  than {@code 2·bins}
     */
    public static RadialProfile of(double[] message, double[] law, double intercept, double[] r, int bins, double slopeFrom) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(law, "law");
        Objects.requireNonNull(r, "r");
        if (bins < 2) throw new IllegalArgumentException("bins must be at least 2: " + bins);
        int edges = r.length;
        if (message.length != edges || law.length != edges)
            throw new IllegalArgumentException("message, law and r must have one value per edge: " + message.length + ", "
                    + law.length + ", " + edges);
        if (edges < 2 * bins) throw new IllegalArgumentException("need at least " + 2 * bins + " edges for " + bins + " bins, got " + edges);
        if (!Double.isFinite(intercept)) throw new IllegalArgumentException("intercept must be finite: " + intercept);
        if (!(slopeFrom >= 0)) throw new IllegalArgumentException("slopeFrom must be >= 0: " + slopeFrom);
        for (int e = 0; e < edges; e++)
            if (!Double.isFinite(message[e]) || !Double.isFinite(law[e]) || !(r[e] >= 0) || Double.isInfinite(r[e]))
                throw new IllegalArgumentException("edge " + e + " has a value that is not finite (or r < 0): message "
                        + message[e] + ", law " + law[e] + ", r " + r[e]);

        Integer[] boxed = new Integer[edges];
        for (int e = 0; e < edges; e++) boxed[e] = e;
        Arrays.sort(boxed, (a, b) -> Double.compare(r[a], r[b]));
        List<Bin> out = new ArrayList<>(bins);
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) b * edges / bins), to = (int) ((long) (b + 1) * edges / bins);
            double mu = 0, uu = 0, mm = 0, uuLogR = 0;
            for (int i = from; i < to; i++) {
                int e = boxed[i];
                double u = law[e] - intercept, m = message[e] - intercept;
                mu += m * u;
                uu += u * u;
                mm += m * m;
                if (r[e] > 0) uuLogR += u * u * Math.log(r[e]);
            }
            double amplitude = uu > 0 ? mu / uu : Double.NaN;
            double correlation = uu > 0 && mm > 0 ? mu / Math.sqrt(uu * mm) : Double.NaN;
            double lo = r[boxed[from]], hi = r[boxed[to - 1]];
            out.add(new Bin(lo, hi, to - from, amplitude, correlation));
            // the amplitude is a mean of message/law weighted by law², so it sits at the law²-weighted mean of log r
            // (not at the bin's middle: in a wide bin a singular law's weight is all at its near end)
            if (lo >= slopeFrom && lo > 0 && amplitude > 0) points.add(new double[] {uuLogR / uu, Math.log(amplitude)});
        }
        return new RadialProfile(out, slopeFrom, slope(points));
    }

    /** Least-squares slope of the points {@code (x, y)}; NaN for fewer than two or no spread in x. */
    private static double slope(List<double[]> points) {
        int n = points.size();
        if (n < 2) return Double.NaN;
        double sx = 0, sy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
        }
        double mx = sx / n, my = sy / n, sxx = 0, sxy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }
}
