package org.distill.physics.streams;

/**
 * A Milky-Way-like gravitational potential: a Hernquist nucleus and bulge, a Miyamoto–Nagai disc and an NFW halo,
 * with the parameters of gala's {@code MilkyWayPotential} (Bovy 2015, ApJS 216, 29 fit, as adopted by gala 1.x):
 * nucleus 1.71·10⁹ M☉, c = 0.07 kpc; bulge 5·10⁹ M☉, c = 1 kpc; disc 6.8·10¹⁰ M☉, a = 3 kpc, b = 0.28 kpc;
 * halo scale mass 5.4·10¹¹ M☉, r_s = 15.62 kpc.
 *
 * <p>Units: kpc, km/s, M☉; potentials in (km/s)², accelerations in (km/s)²/kpc, so time is in kpc/(km/s)
 * ({@value #MYR_PER_TIME_UNIT} Myr). The accelerations are analytic and allocate nothing. Immutable and thread-safe.
 *
 * @see <a href="https://gala.adrian.pw/en/latest/potential/define-milky-way-model.html">gala MilkyWayPotential</a>
 */
public final class MilkyWayPotential {
    /** Newton's constant in kpc (km/s)² / M☉. */
    public static final double G = 4.300917270e-6;
    /** Myr in one time unit kpc/(km/s). */
    public static final double MYR_PER_TIME_UNIT = 977.7922216807891;

    private final double gmNucleus, cNucleus, gmBulge, cBulge, gmDisk, aDisk, bDisk, gmHalo, rsHalo;

    private MilkyWayPotential(double mNucleus, double cNucleus, double mBulge, double cBulge, double mDisk,
                              double aDisk, double bDisk, double mHalo, double rsHalo) {
        positive("nucleus mass", mNucleus, true);
        positive("nucleus scale", cNucleus, false);
        positive("bulge mass", mBulge, true);
        positive("bulge scale", cBulge, false);
        positive("disk mass", mDisk, true);
        positive("disk scale length", aDisk, true);
        positive("disk scale height", bDisk, false);
        positive("halo mass", mHalo, true);
        positive("halo scale radius", rsHalo, false);
        this.gmNucleus = G * mNucleus;
        this.cNucleus = cNucleus;
        this.gmBulge = G * mBulge;
        this.cBulge = cBulge;
        this.gmDisk = G * mDisk;
        this.aDisk = aDisk;
        this.bDisk = bDisk;
        this.gmHalo = G * mHalo;
        this.rsHalo = rsHalo;
    }

    private static void positive(String name, double v, boolean zeroAllowed) {
        if (!Double.isFinite(v) || v < 0 || (!zeroAllowed && v == 0))
            throw new IllegalArgumentException(name + " must be finite and " + (zeroAllowed ? "non-negative" : "positive")
                    + ": " + v);
    }

    /** gala's MilkyWayPotential (see the class comment). */
    public static MilkyWayPotential of() {
        return new MilkyWayPotential(1.71e9, 0.07, 5.0e9, 1.0, 6.8e10, 3.0, 0.28, 5.4e11, 15.62);
    }

    /**
     * A potential with other parameters (masses in M☉, lengths in kpc; a zero mass drops a component).
     *
     * @throws IllegalArgumentException if a mass is negative or a scale not positive, or any value not finite
     */
    public static MilkyWayPotential of(double mNucleus, double cNucleus, double mBulge, double cBulge, double mDisk,
                                       double aDisk, double bDisk, double mHalo, double rsHalo) {
        return new MilkyWayPotential(mNucleus, cNucleus, mBulge, cBulge, mDisk, aDisk, bDisk, mHalo, rsHalo);
    }

    /** The potential Φ(x, y, z) in (km/s)². */
    public double potential(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z);
        double phi = -gmNucleus / (r + cNucleus) - gmBulge / (r + cBulge);
        double zb = Math.sqrt(z * z + bDisk * bDisk), az = aDisk + zb;
        phi -= gmDisk / Math.sqrt(x * x + y * y + az * az);
        double s = r / rsHalo;
        phi -= s < 1e-6 ? gmHalo / rsHalo * (1 - s / 2 + s * s / 3) : gmHalo * Math.log1p(s) / r;
        return phi;
    }

    /** Writes the acceleration −∇Φ at (x, y, z) into {@code out[0..2]}. */
    public void acceleration(double x, double y, double z, double[] out) {
        double r2 = x * x + y * y + z * z, r = Math.sqrt(r2);
        // spherical parts: a = −(dΦ/dr) r̂, collected as f = (dΦ/dr)/r
        double f = 0;
        if (r > 0) {
            double rn = r + cNucleus, rb = r + cBulge;
            f += gmNucleus / (rn * rn * r) + gmBulge / (rb * rb * r);
            double s = r / rsHalo;
            f += s < 1e-4
                    ? gmHalo / (rsHalo * rsHalo * r) * (0.5 - 2 * s / 3 + 0.75 * s * s)
                    : gmHalo * (Math.log(1 + s) / r2 - 1 / (r * (r + rsHalo))) / r;   // Math.log is an intrinsic, log1p is not
        }
        double zb = Math.sqrt(z * z + bDisk * bDisk), az = aDisk + zb;
        double d2 = x * x + y * y + az * az, d = Math.sqrt(d2), gd = gmDisk / (d2 * d);
        out[0] = -f * x - gd * x;
        out[1] = -f * y - gd * y;
        out[2] = -f * z - gd * z * az / zb;
    }

    /** Circular speed √(R ∂Φ/∂R) in the plane z = 0 at radius R kpc, in km/s. */
    public double circularVelocity(double radius) {
        double[] a = new double[3];
        acceleration(radius, 0, 0, a);
        return Math.sqrt(Math.max(0, -a[0] * radius));
    }

    /**
     * The second radial derivative ∂²Φ/∂r² along the direction of (x, y, z), by central differences of the
     * analytic acceleration (step 10⁻⁴ r), used for tidal radii.
     */
    public double radialCurvature(double x, double y, double z) {
        double r = Math.sqrt(x * x + y * y + z * z), h = 1e-4 * r;
        double ux = x / r, uy = y / r, uz = z / r;
        double[] a = new double[3];
        acceleration(x + h * ux, y + h * uy, z + h * uz, a);
        double outer = a[0] * ux + a[1] * uy + a[2] * uz;
        acceleration(x - h * ux, y - h * uy, z - h * uz, a);
        double inner = a[0] * ux + a[1] * uy + a[2] * uz;
        return -(outer - inner) / (2 * h);
    }

    @Override public String toString() {
        return String.format("MilkyWayPotential[nucleus %.3g Msun c=%.3g, bulge %.3g Msun c=%.3g, disk %.3g Msun a=%.3g "
                        + "b=%.3g, NFW halo %.3g Msun rs=%.4g]", gmNucleus / G, cNucleus, gmBulge / G, cBulge,
                gmDisk / G, aDisk, bDisk, gmHalo / G, rsHalo);
    }
}
