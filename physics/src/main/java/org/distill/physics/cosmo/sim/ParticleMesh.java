package org.distill.physics.cosmo.sim;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.distill.physics.cosmo.mesh.Fft;
import org.distill.physics.cosmo.mesh.FourierGrid;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;

/**
 * The particle-mesh force of FastPM's equations of motion, dp/da = F/(a² E), with
 * <pre>
 *   F = −∇Φ,   ∇²Φ = (3/2) Ω_m δ_m     (comoving Mpc/h, H0 = 1)
 *   F_k = i D(k) (3/2) Ω_m R(|k|) δ_cb,k / (k² W_CIC(k)^c)
 * </pre>
 * on an n³ mesh: the particles are painted with cloud-in-cell (δ_cb = counts·n³/N − 1), transformed
 * with JTransforms ({@link Fft}), the potential is divided by k² and by the CIC window
 * W_CIC(k) = Π_i sinc²(k_i H/2) to the power c = 0, 1 or 2 ({@link WindowCompensation}), multiplied
 * by the source factor R(k) (the neutrino linear response δ_m/δ_cb, or 1), differentiated by
 * {@link ForceMethod} (D(k) = k or the four-point stencil's transform), transformed back per
 * component and interpolated at the particles with the same CIC kernel (its adjoint, so that the
 * pair forces are antisymmetric and momentum is conserved to rounding).
 *
 * <p>Memory per call: the density mesh (4n³ bytes), its transform and one component's transform
 * (about 4n³ bytes each), the real component (4n³) and the FFT's copy (4n³): ~20n³ bytes, 335 MB
 * for n = 256. Threads: parallel streams (the caller's fork-join pool) and JTransforms' own threads.
 * The result does not depend on the number of threads.
 */
public final class ParticleMesh {
    private static final int TABLE = 4096;

    private final int n;
    private final double boxSize;
    private final ForceMethod method;
    private final WindowCompensation compensation;
    private final double[] deriv;
    private final double[] window4;
    private final double[] wave;

    /**
     * @param n       mesh nodes per side (even)
     * @param boxSize box side, Mpc/h
     * @param method  gradient
     * @param compensation how the CIC window is divided out
     */
    public ParticleMesh(int n, double boxSize, ForceMethod method, WindowCompensation compensation) {
        this.method = Objects.requireNonNull(method, "method");
        this.compensation = Objects.requireNonNull(compensation, "compensation");
        if (n < 2 || n % 2 != 0 || n > 1290) throw new IllegalArgumentException("mesh must be even and in [2, 1290]: " + n);
        if (!(boxSize > 0)) throw new IllegalArgumentException("boxSize must be positive: " + boxSize);
        this.n = n;
        this.boxSize = boxSize;
        double kf = 2 * Math.PI / boxSize, cell = boxSize / n;
        deriv = new double[n];
        window4 = new double[n];
        wave = new double[n];
        for (int i = 0; i < n; i++) {
            int f = i <= n / 2 ? i : i - n;
            double k = f * kf;
            wave[i] = k;
            deriv[i] = i == n / 2 ? 0 : method.derivative(k, cell);
            double x = k * cell / 2;
            double s = Math.abs(x) < 1e-6 ? 1 - x * x / 6 : Math.sin(x) / x;
            window4[i] = Math.pow(s, 2 * compensation.power());
        }
    }

    public int mesh() { return n; }

    public double boxSize() { return boxSize; }

    public ForceMethod method() { return method; }

    public WindowCompensation compensation() { return compensation; }

    /**
     * The force F = −∇Φ at each particle, interleaved x, y, z.
     *
     * @param positions x, y, z per particle, Mpc/h, in [0, L)
     * @param omegaM    Ω_m of the (3/2) Ω_m source (all matter)
     * @param response  R(|k|) multiplying the cold-matter density (the neutrino response), or null for 1
     * @param out       3N floats to fill, or null
     * @return the forces, in units where H0 = 1 and lengths are Mpc/h
     */
    public float[] forces(float[] positions, double omegaM, DoubleUnaryOperator response, float[] out) {
        Objects.requireNonNull(positions, "positions");
        int count = positions.length / 3;
        float[] result = out == null ? new float[positions.length] : out;
        if (result.length != positions.length) throw new IllegalArgumentException("out has " + result.length + " values, positions " + positions.length);
        RealGrid rho = RealGrid.zeros(n, boxSize);
        MassAssignment.CIC.paint(rho, positions, null);
        double perNode = (double) n * n * n / count;
        float[] r = rho.values();
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int p = i * n * n; p < (i + 1) * n * n; p++) r[p] = (float) (r[p] * perNode - 1);
        });
        FourierGrid pot = Fft.forward(rho);
        rho = null;
        double[] table = response == null ? null : tabulate(response);
        double kMax = kMax();
        float[] c = pot.values();
        int h = n / 2 + 1;
        double scale = 1.5 * omegaM;
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < h; l++) {
                    int idx = 2 * ((i * n + j) * h + l);
                    double k2 = wave[i] * wave[i] + wave[j] * wave[j] + wave[l] * wave[l];
                    if (k2 == 0) {
                        c[idx] = c[idx + 1] = 0;
                        continue;
                    }
                    double g = scale / (k2 * window4[i] * window4[j] * window4[l]);
                    if (table != null) g *= lookup(table, Math.sqrt(k2), kMax);
                    c[idx] = (float) (c[idx] * g);
                    c[idx + 1] = (float) (c[idx + 1] * g);
                }
            }
        });
        FourierGrid comp = FourierGrid.zeros(n, boxSize);
        float[] d = comp.values();
        float[] tmp = new float[count];
        for (int axis = 0; axis < 3; axis++) {
            int ax = axis;
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = 0; j < n; j++) {
                    for (int l = 0; l < h; l++) {
                        int idx = 2 * ((i * n + j) * h + l);
                        double g = deriv[ax == 0 ? i : ax == 1 ? j : l];
                        d[idx] = (float) (-c[idx + 1] * g);
                        d[idx + 1] = (float) (c[idx] * g);
                    }
                }
            });
            RealGrid f = Fft.inverse(comp);
            MassAssignment.CIC.interpolate(f, positions, tmp);
            IntStream.range(0, count / 4096 + 1).parallel().forEach(t -> {
                int hi = Math.min(count, (t + 1) * 4096);
                for (int p = t * 4096; p < hi; p++) result[3 * p + ax] = tmp[p];
            });
        }
        return result;
    }

    private double kMax() { return Math.sqrt(3) * Math.PI * n / boxSize * (1 + 1e-9); }

    private double[] tabulate(DoubleUnaryOperator response) {
        double kMax = kMax();
        double[] t = new double[TABLE + 1];
        t[0] = response.applyAsDouble(0);
        for (int i = 1; i <= TABLE; i++) t[i] = response.applyAsDouble(kMax * i / TABLE);
        return t;
    }

    /** Linear interpolation in the table (exact where neighbouring values are equal). */
    private static double lookup(double[] t, double k, double kMax) {
        double u = k / kMax * TABLE;
        int i = Math.min((int) u, TABLE - 1);
        double f = u - i;
        return t[i] + f * (t[i + 1] - t[i]);
    }
}
