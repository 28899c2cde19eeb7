package org.distill.physics.cosmo.linear;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A power spectrum given as a table (k_i, P_i), k in h/Mpc strictly increasing and positive, P in
 * (Mpc/h)³ positive, for example CAMB's {@code matterpower.dat}.
 *
 * <p>Inside the table, ln P is interpolated linearly in ln k (a power law between neighbouring
 * rows), so the table rows are reproduced exactly. Outside, the spectrum continues as the power law
 * through the two end rows on that side: P(k) = P_0 (k/k_0)^n_lo below k_0 with
 * n_lo = ln(P_1/P_0)/ln(k_1/k_0), and likewise above the last row with the last two rows. At k = 0
 * the limit of that power law is returned (0 for n_lo &gt; 0).
 *
 * <p>Immutable and thread-safe; the arrays are copied in and out.
 */
public final class TabulatedPower implements LinearPower {
    private final double[] k;
    private final double[] p;
    private final double[] lnK;
    private final double[] lnP;

    private TabulatedPower(double[] k, double[] p) {
        this.k = k;
        this.p = p;
        int n = k.length;
        this.lnK = new double[n];
        this.lnP = new double[n];
        for (int i = 0; i < n; i++) {
            lnK[i] = Math.log(k[i]);
            lnP[i] = Math.log(p[i]);
        }
    }

    /**
     * A table of k (h/Mpc) and P ((Mpc/h)³).
     *
     * @throws IllegalArgumentException unless both arrays have the same length ≥ 2, k is positive,
     *                                  finite and strictly increasing, and P is positive and finite
     */
    public static TabulatedPower of(double[] k, double[] p) {
        if (k == null || p == null) throw new IllegalArgumentException("k and p must not be null");
        if (k.length != p.length) throw new IllegalArgumentException("k has " + k.length + " values, p " + p.length);
        if (k.length < 2) throw new IllegalArgumentException("a power-spectrum table needs at least 2 rows: " + k.length);
        for (int i = 0; i < k.length; i++) {
            if (!(k[i] > 0 && Double.isFinite(k[i]))) throw new IllegalArgumentException("k[" + i + "] must be positive and finite: " + k[i]);
            if (i > 0 && !(k[i] > k[i - 1])) {
                throw new IllegalArgumentException("k must be strictly increasing: k[" + i + "] = " + k[i] + " after " + k[i - 1]);
            }
            if (!(p[i] > 0 && Double.isFinite(p[i]))) throw new IllegalArgumentException("p[" + i + "] must be positive and finite: " + p[i]);
        }
        return new TabulatedPower(k.clone(), p.clone());
    }

    /**
     * Reads a two-column text file: k (h/Mpc) and P ((Mpc/h)³) separated by whitespace or a comma;
     * blank lines and lines starting with {@code #} are skipped; further columns are ignored.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException "FILE line N: ..." naming the bad text, for a line that is not
     *                                  two numbers, a k that does not increase, a P ≤ 0, or fewer
     *                                  than two data lines
     */
    public static TabulatedPower read(Path file) throws IOException {
        double[] ks = new double[256];
        double[] ps = new double[256];
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] cols = t.split("[\\s,]+");
                String where = file + " line " + lineNo + ": ";
                if (cols.length < 2) throw new IllegalArgumentException(where + "expected two columns k P: '" + t + "'");
                double kv = number(where, "k", cols[0]);
                double pv = number(where, "P", cols[1]);
                if (!(kv > 0)) throw new IllegalArgumentException(where + "k must be positive: '" + cols[0] + "'");
                if (n > 0 && !(kv > ks[n - 1])) {
                    throw new IllegalArgumentException(where + "k must be strictly increasing: '" + cols[0] + "' after " + ks[n - 1]);
                }
                if (!(pv > 0)) throw new IllegalArgumentException(where + "P must be positive: '" + cols[1] + "'");
                if (n == ks.length) {
                    ks = Arrays.copyOf(ks, 2 * n);
                    ps = Arrays.copyOf(ps, 2 * n);
                }
                ks[n] = kv;
                ps[n++] = pv;
            }
        }
        if (n < 2) throw new IllegalArgumentException(file + ": needs at least 2 data lines (k P), found " + n);
        return new TabulatedPower(Arrays.copyOf(ks, n), Arrays.copyOf(ps, n));
    }

    private static double number(String where, String name, String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(where + name + " is not a finite number: '" + text + "'");
    }

    /** The table's wavenumbers (h/Mpc), a copy. */
    public double[] k() { return k.clone(); }

    /** The table's powers ((Mpc/h)³), a copy. */
    public double[] p() { return p.clone(); }

    @Override
    public double at(double kk) {
        if (!(kk >= 0 && Double.isFinite(kk))) throw new IllegalArgumentException("k must be finite and >= 0 h/Mpc: " + kk);
        int n = k.length;
        if (kk == 0) {
            double slope = (lnP[1] - lnP[0]) / (lnK[1] - lnK[0]);
            return slope > 0 ? 0 : slope == 0 ? p[0] : Double.POSITIVE_INFINITY;
        }
        double x = Math.log(kk);
        int i;
        if (kk <= k[0]) {
            i = 0;
        } else if (kk >= k[n - 1]) {
            i = n - 2;
        } else {
            int found = Arrays.binarySearch(k, kk);
            if (found >= 0) return p[found];
            i = -found - 2;
        }
        double slope = (lnP[i + 1] - lnP[i]) / (lnK[i + 1] - lnK[i]);
        return Math.exp(lnP[i] + slope * (x - lnK[i]));
    }
}
