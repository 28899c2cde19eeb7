package org.distill.physics.streams;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of stars with Gaia's astrometry and photometry, one column per observable, all of equal length: ra, dec
 * (degrees, ICRS), pmra (μ_α cos δ) and pmdec (mas/yr), parallax (mas), G ({@code phot_g_mean_mag}) and BP−RP
 * ({@code bp_rp}), named as in {@link #COLUMNS}. Arrays are copied in; the accessors return the record's own arrays,
 * which callers must not change. Equality compares contents.
 */
public record StarCatalog(double[] ra, double[] dec, double[] pmra, double[] pmdec, double[] parallax, double[] g,
                          double[] bpRp) {
    /** The Gaia archive names of the columns, in the order of {@link #row} and {@link #features}. */
    public static final List<String> COLUMNS = List.of("ra", "dec", "pmra", "pmdec", "parallax", "phot_g_mean_mag",
            "bp_rp");

    public StarCatalog {
        double[][] cols = {ra, dec, pmra, pmdec, parallax, g, bpRp};
        for (int c = 0; c < cols.length; c++) {
            Objects.requireNonNull(cols[c], COLUMNS.get(c));
            if (cols[c].length != ra.length)
                throw new IllegalArgumentException("column " + COLUMNS.get(c) + " has " + cols[c].length
                        + " rows, ra has " + ra.length);
        }
        ra = ra.clone();
        dec = dec.clone();
        pmra = pmra.clone();
        pmdec = pmdec.clone();
        parallax = parallax.clone();
        g = g.clone();
        bpRp = bpRp.clone();
    }

    /** A catalog of no stars. */
    public static StarCatalog empty() { return fromRows(new double[0][]); }

    /** A catalog from rows of the 7 values in {@link #COLUMNS} order. */
    public static StarCatalog fromRows(double[][] rows) {
        int n = rows.length;
        double[][] cols = new double[7][n];
        for (int i = 0; i < n; i++) {
            if (rows[i] == null || rows[i].length != 7)
                throw new IllegalArgumentException("row " + i + " must hold 7 values: "
                        + (rows[i] == null ? "null" : rows[i].length));
            for (int c = 0; c < 7; c++) cols[c][i] = rows[i][c];
        }
        return new StarCatalog(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
    }

    /** Number of stars. */
    public int size() { return ra.length; }

    /** Column {@code c} in {@link #COLUMNS} order (the record's own array). */
    public double[] column(int c) {
        return switch (c) {
            case 0 -> ra;
            case 1 -> dec;
            case 2 -> pmra;
            case 3 -> pmdec;
            case 4 -> parallax;
            case 5 -> g;
            case 6 -> bpRp;
            default -> throw new IllegalArgumentException("column must be in [0, 6]: " + c);
        };
    }

    /** The 7 values of star i in {@link #COLUMNS} order. */
    public double[] row(int i) {
        Objects.checkIndex(i, size());
        return new double[] {ra[i], dec[i], pmra[i], pmdec[i], parallax[i], g[i], bpRp[i]};
    }

    /** All stars as an n × 7 float matrix in {@link #COLUMNS} order. */
    public float[][] features() {
        float[][] f = new float[size()][7];
        for (int c = 0; c < 7; c++) {
            double[] col = column(c);
            for (int i = 0; i < col.length; i++) f[i][c] = (float) col[i];
        }
        return f;
    }

    /**
     * Gnomonic (tangent-plane) coordinates of the stars about (ra0, dec0), in degrees: {@code [ξ, η]}, ξ towards
     * increasing ra and η towards north, both ≈ the angular offsets near the centre. Unlike ra they do not jump at
     * ra = 0/360 or stretch near the poles. Stars more than 90° from the centre get NaN.
     */
    public double[][] tangentPlane(double ra0, double dec0) {
        double a0 = Math.toRadians(ra0), d0 = Math.toRadians(dec0), sd0 = Math.sin(d0), cd0 = Math.cos(d0);
        double[] xi = new double[size()], eta = new double[size()];
        for (int i = 0; i < xi.length; i++) {
            double d = Math.toRadians(dec[i]), da = Math.toRadians(ra[i]) - a0;
            double sd = Math.sin(d), cd = Math.cos(d), cda = Math.cos(da);
            double den = sd * sd0 + cd * cd0 * cda;
            if (!(den > 0)) {
                xi[i] = eta[i] = Double.NaN;
                continue;
            }
            xi[i] = Math.toDegrees(cd * Math.sin(da) / den);
            eta[i] = Math.toDegrees((sd * cd0 - cd * sd0 * cda) / den);
        }
        return new double[][] {xi, eta};
    }

    /**
     * {@link #features()} with ra and dec replaced by the {@link #tangentPlane} coordinates ξ, η about (ra0, dec0):
     * n × 7 floats, columns ξ, η, pmra, pmdec, parallax, G, BP−RP.
     */
    public float[][] localFeatures(double ra0, double dec0) {
        float[][] f = features();
        double[][] t = tangentPlane(ra0, dec0);
        for (int i = 0; i < f.length; i++) {
            f[i][0] = (float) t[0][i];
            f[i][1] = (float) t[1][i];
        }
        return f;
    }

    /** The stars at {@code rows}, in that order (repeats allowed). */
    public StarCatalog select(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        double[][] cols = new double[7][rows.length];
        for (int k = 0; k < rows.length; k++) {
            int i = Objects.checkIndex(rows[k], size());
            for (int c = 0; c < 7; c++) cols[c][k] = column(c)[i];
        }
        return new StarCatalog(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof StarCatalog s)) return false;
        for (int c = 0; c < 7; c++) if (!Arrays.equals(column(c), s.column(c))) return false;
        return true;
    }

    @Override public int hashCode() {
        int h = 1;
        for (int c = 0; c < 7; c++) h = 31 * h + Arrays.hashCode(column(c));
        return h;
    }

    @Override public String toString() { return "StarCatalog[" + size() + " stars]"; }
}
