package org.distill.physics.streams;

/**
 * The transformation between heliocentric ICRS observables (ra, dec, distance, proper motions, radial velocity) and
 * Galactocentric Cartesian positions and velocities, the same construction as astropy's {@code Galactocentric}
 * frame: rotate ICRS so that x points to the Galactic centre, roll about x by {@value #ROLL0_DEGREES}° minus
 * {@code roll}, tilt about y by asin(z☉/R₀), shift by R₀ along x and add the Sun's velocity.
 *
 * <p>{@link #ASTROPY} holds astropy's defaults (v4.0 and later): Galactic centre at ICRS (266.4051°, −28.936175°)
 * (Reid &amp; Brunthaler 2004), R₀ = 8.122 kpc (GRAVITY 2018), z☉ = 20.8 pc (Bennett &amp; Bovy 2019),
 * v☉ = (12.9, 245.6, 7.78) km/s (Drimmel &amp; Poggio 2018). In that frame the Sun sits at x ≈ −8.122 kpc and the
 * disc rotates towards +y at the Sun (clockwise seen from +z).
 *
 * <p>Units: ra, dec in degrees; distance in kpc; pmra (= μ_α cos δ, as in Gaia) and pmdec in mas/yr; radial velocity
 * and Galactocentric velocities in km/s; Galactocentric positions in kpc. Immutable and thread-safe; the methods
 * write into caller-supplied arrays and allocate nothing.
 *
 * @param galcenRa       ICRS right ascension of the Galactic centre, degrees
 * @param galcenDec      ICRS declination of the Galactic centre, degrees
 * @param galcenDistance Sun–Galactic-centre distance R₀, kpc
 * @param zSun           height of the Sun above the mid-plane, kpc
 * @param vSun           the Sun's Galactocentric velocity, km/s (3 values)
 * @param roll           extra roll about the x axis, degrees (0 in astropy)
 */
public record Galactocentric(double galcenRa, double galcenDec, double galcenDistance, double zSun, double[] vSun,
                             double roll) {
    /** astropy's roll of the Galactic plane about the x axis, degrees ({@code Galactocentric._roll0}). */
    public static final double ROLL0_DEGREES = 58.5986320306;
    /** Proper motion to tangential speed: v [km/s] = K · μ [mas/yr] · d [kpc]. */
    public static final double K = 4.740470463533348;
    /** astropy's defaults (see the class comment). */
    public static final Galactocentric ASTROPY = new Galactocentric(266.4051, -28.936175, 8.122, 0.0208,
            new double[] {12.9, 245.6, 7.78}, 0);

    /** ICRS → Galactic (l, b) rotation (Hipparcos, ESA 1997, vol. 1 §1.5.3). */
    static final double[][] ICRS_TO_GALACTIC = {
            {-0.0548755604162154, -0.8734370902348850, -0.4838350155487132},
            {+0.4941094278755837, -0.4448296299600112, +0.7469822444972189},
            {-0.8676661490190047, -0.1980763734312015, +0.4559837761750669}};

    public Galactocentric {
        if (!Double.isFinite(galcenRa)) throw new IllegalArgumentException("galcenRa must be finite: " + galcenRa);
        if (!(Math.abs(galcenDec) <= 90)) throw new IllegalArgumentException("galcenDec must be in [-90, 90]: " + galcenDec);
        if (!(galcenDistance > 0) || !Double.isFinite(galcenDistance))
            throw new IllegalArgumentException("galcenDistance must be finite and positive: " + galcenDistance);
        if (!(Math.abs(zSun) < galcenDistance))
            throw new IllegalArgumentException("zSun must be smaller than galcenDistance in size: " + zSun);
        if (vSun == null || vSun.length != 3) throw new IllegalArgumentException("vSun must hold 3 values");
        for (double v : vSun) if (!Double.isFinite(v)) throw new IllegalArgumentException("vSun must be finite: " + v);
        if (!Double.isFinite(roll)) throw new IllegalArgumentException("roll must be finite: " + roll);
        vSun = vSun.clone();
    }

    @Override public double[] vSun() { return vSun.clone(); }

    /** The ICRS → Galactocentric rotation A (row-major 3×3) and the offset −H·(R₀, 0, 0). */
    private double[] matrix() {
        double[] m = rotation(ROLL0_DEGREES - roll, 0);
        m = multiply(m, rotation(-galcenDec, 1));
        m = multiply(m, rotation(galcenRa, 2));
        double tilt = -Math.toDegrees(Math.asin(zSun / galcenDistance));
        return multiply(rotation(tilt, 1), m);
    }

    // astropy's rotation_matrix(angle, axis): the passive (coordinate-frame) rotation
    private static double[] rotation(double degrees, int axis) {
        double c = Math.cos(Math.toRadians(degrees)), s = Math.sin(Math.toRadians(degrees));
        return switch (axis) {
            case 0 -> new double[] {1, 0, 0, 0, c, s, 0, -s, c};
            case 1 -> new double[] {c, 0, -s, 0, 1, 0, s, 0, c};
            default -> new double[] {c, s, 0, -s, c, 0, 0, 0, 1};
        };
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return c;
    }

    /** A converter holding this frame's rotation matrix. */
    public Converter converter() { return new Converter(matrix(), galcenDistance, zSun, vSun); }

    /** Converts between the frames with a precomputed rotation; immutable and safe to share between threads. */
    public static final class Converter {
        private final double[] a;                // ICRS → Galactocentric, row-major
        private final double ox, oy, oz;         // position offset
        private final double vx, vy, vz;         // the Sun's velocity

        private Converter(double[] a, double distance, double zSun, double[] vSun) {
            this.a = a;
            double theta = -Math.asin(zSun / distance);
            // offset = −H·(R₀, 0, 0) with H = rotation(θ, y) = [[c,0,−s],[0,1,0],[s,0,c]]
            this.ox = -distance * Math.cos(theta);
            this.oy = 0;
            this.oz = -distance * Math.sin(theta);
            this.vx = vSun[0];
            this.vy = vSun[1];
            this.vz = vSun[2];
        }

        /**
         * Heliocentric observables to Galactocentric {@code out = [x, y, z, vx, vy, vz]}.
         *
         * @param ra       degrees
         * @param dec      degrees
         * @param distance kpc
         * @param pmra     μ_α cos δ, mas/yr
         * @param pmdec    mas/yr
         * @param rv       radial velocity, km/s
         */
        public void toGalactocentric(double ra, double dec, double distance, double pmra, double pmdec, double rv,
                                     double[] out) {
            double al = Math.toRadians(ra), de = Math.toRadians(dec);
            double ca = Math.cos(al), sa = Math.sin(al), cd = Math.cos(de), sd = Math.sin(de);
            double px = distance * cd * ca, py = distance * cd * sa, pz = distance * sd;
            double va = K * pmra * distance, vd = K * pmdec * distance;
            // v = rv r̂ + va ê_α + vd ê_δ
            double wx = rv * cd * ca - va * sa - vd * sd * ca;
            double wy = rv * cd * sa + va * ca - vd * sd * sa;
            double wz = rv * sd + vd * cd;
            out[0] = a[0] * px + a[1] * py + a[2] * pz + ox;
            out[1] = a[3] * px + a[4] * py + a[5] * pz + oy;
            out[2] = a[6] * px + a[7] * py + a[8] * pz + oz;
            out[3] = a[0] * wx + a[1] * wy + a[2] * wz + vx;
            out[4] = a[3] * wx + a[4] * wy + a[5] * wz + vy;
            out[5] = a[6] * wx + a[7] * wy + a[8] * wz + vz;
        }

        /**
         * Galactocentric {@code [x, y, z, vx, vy, vz]} (from {@code in[offset..offset+5]}) to heliocentric
         * {@code out = [ra (degrees, in [0, 360)), dec (degrees), distance (kpc), pmra, pmdec (mas/yr), rv (km/s)]}.
         */
        public void toIcrs(double[] in, int offset, double[] out) {
            double gx = in[offset] - ox, gy = in[offset + 1] - oy, gz = in[offset + 2] - oz;
            double hx = in[offset + 3] - vx, hy = in[offset + 4] - vy, hz = in[offset + 5] - vz;
            // inverse rotation: Aᵀ
            double px = a[0] * gx + a[3] * gy + a[6] * gz;
            double py = a[1] * gx + a[4] * gy + a[7] * gz;
            double pz = a[2] * gx + a[5] * gy + a[8] * gz;
            double wx = a[0] * hx + a[3] * hy + a[6] * hz;
            double wy = a[1] * hx + a[4] * hy + a[7] * hz;
            double wz = a[2] * hx + a[5] * hy + a[8] * hz;
            double rxy = Math.sqrt(px * px + py * py), d = Math.sqrt(rxy * rxy + pz * pz);
            double al = Math.atan2(py, px), de = Math.atan2(pz, rxy);
            double ca = Math.cos(al), sa = Math.sin(al), cd = Math.cos(de), sd = Math.sin(de);
            double ra = Math.toDegrees(al);
            if (ra < 0) ra += 360;
            if (ra >= 360) ra -= 360;
            out[0] = ra;
            out[1] = Math.toDegrees(de);
            out[2] = d;
            out[3] = (-sa * wx + ca * wy) / (K * d);
            out[4] = (-sd * ca * wx - sd * sa * wy + cd * wz) / (K * d);
            out[5] = cd * ca * wx + cd * sa * wy + sd * wz;
        }
    }

    /** Galactic latitude b in degrees of the ICRS direction (ra, dec) in degrees. */
    public static double galacticLatitude(double ra, double dec) {
        double al = Math.toRadians(ra), de = Math.toRadians(dec);
        double x = Math.cos(de) * Math.cos(al), y = Math.cos(de) * Math.sin(al), z = Math.sin(de);
        double[] row = ICRS_TO_GALACTIC[2];
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, row[0] * x + row[1] * y + row[2] * z))));
    }

    /** Galactic longitude l in degrees, in [0, 360), of the ICRS direction (ra, dec) in degrees. */
    public static double galacticLongitude(double ra, double dec) {
        double al = Math.toRadians(ra), de = Math.toRadians(dec);
        double x = Math.cos(de) * Math.cos(al), y = Math.cos(de) * Math.sin(al), z = Math.sin(de);
        double[][] m = ICRS_TO_GALACTIC;
        double l = Math.toDegrees(Math.atan2(m[1][0] * x + m[1][1] * y + m[1][2] * z, m[0][0] * x + m[0][1] * y + m[0][2] * z));
        return l < 0 ? l + 360 : l;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Galactocentric g && Double.compare(galcenRa, g.galcenRa) == 0
                && Double.compare(galcenDec, g.galcenDec) == 0 && Double.compare(galcenDistance, g.galcenDistance) == 0
                && Double.compare(zSun, g.zSun) == 0 && java.util.Arrays.equals(vSun, g.vSun)
                && Double.compare(roll, g.roll) == 0;
    }

    @Override public int hashCode() {
        return java.util.Objects.hash(galcenRa, galcenDec, galcenDistance, zSun, java.util.Arrays.hashCode(vSun), roll);
    }

    @Override public String toString() {
        return "Galactocentric[galcen=(" + galcenRa + ", " + galcenDec + ") deg, R0=" + galcenDistance + " kpc, zSun="
                + zSun + " kpc, vSun=" + java.util.Arrays.toString(vSun) + " km/s, roll=" + roll + " deg]";
    }
}
