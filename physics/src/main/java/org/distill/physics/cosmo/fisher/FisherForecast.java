package org.distill.physics.cosmo.fisher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A Fisher forecast from simulated data vectors, Quijote's way: N_f fiducial simulations give the covariance
 * ({@link Covariance}, Hartlap-corrected), and for each parameter the simulations at the points of its
 * {@link DerivativeStencil}, N_d seeds at each point sharing seeds across points, give the derivative
 * <pre>
 *   ∂μ/∂θ = (1/N_d) Σ_s Σ_j w_j d_s(θ₀ + o_j)
 * </pre>
 * (the seed's cosmic variance cancels to first order in each difference). F = Dᵀ Ψ D ({@link FisherMatrix}).
 *
 * <p>Statistics are combined by choosing columns of the data vectors: the forecast for P(k) alone takes its
 * columns, for P + M(k) the columns of both, so their cross-covariance is included.
 *
 * <p>Thread-safe; immutable.
 */
public final class FisherForecast {
    /**
     * One parameter's simulations.
     *
     * @param name     parameter name
     * @param stencil  the finite-difference rule
     * @param points   one matrix per stencil point: row s is the data vector of seed s (same seed order at every
     *                 point; at least one seed)
     */
    public record Parameter(String name, DerivativeStencil stencil, List<double[][]> points) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(stencil, "stencil");
            points = List.copyOf(points);
            if (points.size() != stencil.size()) {
                throw new IllegalArgumentException(name + ": stencil has " + stencil.size() + " points, got " + points.size() + " simulation sets");
            }
            int seeds = points.get(0).length;
            if (seeds < 1) throw new IllegalArgumentException(name + ": no simulations");
            for (double[][] p : points) {
                if (p.length != seeds) throw new IllegalArgumentException(name + ": every stencil point needs the same seeds: " + p.length + " vs " + seeds);
            }
        }

        /** Seeds at each point. */
        public int seeds() { return points.get(0).length; }
    }

    /**
     * Marginalised errors with a given number of simulations.
     *
     * @param fiducialSims   simulations in the covariance
     * @param derivativeSims seeds in each derivative
     * @param marginalized   σ per parameter
     */
    public record ConvergencePoint(int fiducialSims, int derivativeSims, double[] marginalized) {
        public ConvergencePoint { marginalized = marginalized.clone(); }

        @Override public double[] marginalized() { return marginalized.clone(); }
    }

    private final double[][] fiducial;
    private final List<Parameter> parameters;
    private final int size;

    private FisherForecast(double[][] fiducial, List<Parameter> parameters) {
        this.fiducial = fiducial;
        this.parameters = parameters;
        this.size = fiducial[0].length;
    }

    /**
     * @param fiducial   the fiducial simulations' data vectors, one row each (N_f × p)
     * @param parameters the parameters, each with its simulations' data vectors of p elements
     */
    public static FisherForecast of(double[][] fiducial, List<Parameter> parameters) {
        Objects.requireNonNull(fiducial, "fiducial");
        if (fiducial.length < 2) throw new IllegalArgumentException("need at least 2 fiducial simulations: " + fiducial.length);
        int p = fiducial[0].length;
        double[][] f = new double[fiducial.length][];
        for (int i = 0; i < f.length; i++) {
            if (fiducial[i].length != p) throw new IllegalArgumentException("fiducial simulation " + i + " has " + fiducial[i].length + " elements, the first " + p);
            f[i] = fiducial[i].clone();
        }
        List<Parameter> ps = List.copyOf(parameters);
        if (ps.isEmpty()) throw new IllegalArgumentException("no parameters");
        for (Parameter q : ps) {
            for (double[][] pt : q.points()) {
                for (double[] row : pt) {
                    if (row.length != p) throw new IllegalArgumentException(q.name() + ": a data vector has " + row.length + " elements, the fiducial " + p);
                }
            }
        }
        return new FisherForecast(f, ps);
    }

    /** Parameter names. */
    public List<String> names() { return parameters.stream().map(Parameter::name).toList(); }

    /** Elements of the full data vector. */
    public int size() { return size; }

    /** Fiducial simulations N_f. */
    public int fiducialSims() { return fiducial.length; }

    /** Seeds available to every derivative (the fewest of any parameter). */
    public int derivativeSims() { return parameters.stream().mapToInt(Parameter::seeds).min().orElseThrow(); }

    /** The mean fiducial data vector restricted to {@code columns}. */
    public double[] mean(int[] columns) {
        return Covariance.of(select(fiducial, all(fiducialSims()), columns)).mean();
    }

    /** ∂μ/∂θ of parameter {@code index} on {@code columns}, from its first {@code seeds} seeds. */
    public double[] derivative(int index, int[] columns, int seeds) {
        return derivative(parameters.get(index), columns, firstN(seeds, parameters.get(index).seeds(), "derivative seeds"));
    }

    /** The covariance of {@code columns} from the first {@code sims} fiducial simulations. */
    public Covariance covariance(int[] columns, int sims) {
        return Covariance.of(select(fiducial, firstN(sims, fiducialSims(), "fiducial simulations"), columns));
    }

    /** The Fisher matrix of {@code columns} with every simulation. */
    public FisherMatrix fisher(int[] columns) { return fisher(columns, fiducialSims(), derivativeSims()); }

    /** The Fisher matrix of {@code columns} from the first {@code fiducialSims} and {@code derivativeSims} seeds. */
    public FisherMatrix fisher(int[] columns, int fiducialSims, int derivativeSims) {
        return fisher(columns, firstN(fiducialSims, fiducialSims(), "fiducial simulations"),
                firstN(derivativeSims, derivativeSims(), "derivative seeds"));
    }

    private FisherMatrix fisher(int[] columns, int[] fidRows, int[] seedRows) {
        checkColumns(columns);
        double[][] psi = Covariance.of(select(fiducial, fidRows, columns)).precision();
        double[][] d = new double[parameters.size()][];
        for (int a = 0; a < d.length; a++) d[a] = derivative(parameters.get(a), columns, seedRows);
        return FisherMatrix.of(names(), d, psi);
    }

    /**
     * The spread of the marginalised errors: the standard deviation over {@code replicas} bootstrap resamplings (with
     * replacement) of the fiducial simulations and, independently, of the derivative seeds.
     */
    public double[] bootstrap(int[] columns, int replicas, long seed) {
        if (replicas < 2) throw new IllegalArgumentException("bootstrap needs at least 2 replicas: " + replicas);
        SplittableRandom r = new SplittableRandom(seed);
        int n = parameters.size(), nf = fiducialSims(), nd = derivativeSims();
        double[] s = new double[n], s2 = new double[n];
        int used = 0;
        for (int rep = 0; rep < replicas; rep++) {
            int[] f = new int[nf], d = new int[nd];
            for (int i = 0; i < nf; i++) f[i] = r.nextInt(nf);
            for (int i = 0; i < nd; i++) d[i] = r.nextInt(nd);
            double[] sigma;
            try {
                sigma = fisher(columns, f, d).marginalized();
            } catch (IllegalArgumentException singular) {
                continue;
            }
            boolean ok = true;
            for (double v : sigma) ok &= Double.isFinite(v);
            if (!ok) continue;
            used++;
            for (int a = 0; a < n; a++) {
                s[a] += sigma[a];
                s2[a] += sigma[a] * sigma[a];
            }
        }
        double[] sd = new double[n];
        for (int a = 0; a < n; a++) {
            sd[a] = used < 2 ? Double.NaN : Math.sqrt(Math.max(0, (s2[a] - s[a] * s[a] / used) / (used - 1)));
        }
        return sd;
    }

    /**
     * The convergence test: marginalised errors with a fraction of the fiducial simulations (all derivative seeds),
     * then with a fraction of the derivative seeds (all fiducial simulations). A fraction whose covariance has too
     * few simulations for the Hartlap factor (N_f ≤ p + 2) is left out.
     *
     * @return first the covariance series, then the derivative series, each in the order of {@code fractions}
     */
    public List<ConvergencePoint> convergence(int[] columns, double[] fractions) {
        List<ConvergencePoint> out = new ArrayList<>();
        int nf = fiducialSims(), nd = derivativeSims();
        for (double f : fractions) {
            if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("fractions must be in (0, 1]: " + f);
            int n = Math.max(1, (int) Math.round(f * nf));
            if (n > columns.length + 2) out.add(new ConvergencePoint(n, nd, fisher(columns, n, nd).marginalized()));
        }
        for (double f : fractions) {
            int n = Math.max(1, (int) Math.round(f * nd));
            out.add(new ConvergencePoint(nf, n, fisher(columns, nf, n).marginalized()));
        }
        return out;
    }

    private static double[] derivative(Parameter p, int[] columns, int[] seedRows) {
        DerivativeStencil st = p.stencil();
        double[] d = new double[columns.length];
        double[][] at = new double[st.size()][];
        for (int s : seedRows) {
            for (int j = 0; j < st.size(); j++) at[j] = p.points().get(j)[s];
            for (int c = 0; c < columns.length; c++) {
                double v = 0;
                double[] w = st.weights();
                for (int j = 0; j < w.length; j++) v += w[j] * at[j][columns[c]];
                d[c] += v;
            }
        }
        for (int c = 0; c < d.length; c++) d[c] /= seedRows.length;
        return d;
    }

    private void checkColumns(int[] columns) {
        if (columns.length < 1) throw new IllegalArgumentException("no data columns chosen");
        for (int c : columns) if (c < 0 || c >= size) throw new IllegalArgumentException("column must be in [0, " + size + "): " + c);
    }

    private static double[][] select(double[][] rows, int[] which, int[] columns) {
        double[][] r = new double[which.length][columns.length];
        for (int i = 0; i < which.length; i++) for (int c = 0; c < columns.length; c++) r[i][c] = rows[which[i]][columns[c]];
        return r;
    }

    private static int[] firstN(int n, int available, String what) {
        if (n < 1 || n > available) throw new IllegalArgumentException(what + " must be in [1, " + available + "]: " + n);
        return all(n);
    }

    private static int[] all(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** Columns {@code from} (inclusive) to {@code to} (exclusive). */
    public static int[] range(int from, int to) {
        if (from < 0 || to <= from) throw new IllegalArgumentException("column range must be non-empty: [" + from + ", " + to + ")");
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }

    /** The columns of several blocks, concatenated. */
    public static int[] concat(int[]... blocks) {
        return java.util.Arrays.stream(blocks).flatMapToInt(java.util.Arrays::stream).toArray();
    }
}
