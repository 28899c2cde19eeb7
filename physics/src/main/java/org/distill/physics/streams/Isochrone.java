package org.distill.physics.streams;

/**
 * A simple parametric isochrone: the Gaia absolute magnitude M_G and colour BP−RP of a star of initial mass m in a
 * single stellar population of the given age and metallicity. Not a stellar-evolution model: a smooth curve tuned
 * by eye to the Gaia colour–magnitude diagrams of old clusters (M92: turn-off M_G ≈ 3.9, BP−RP ≈ 0.6; 47 Tuc:
 * turn-off ≈ 4.1, 0.75) and young discs, that moves the way real isochrones do: older → fainter, redder turn-off;
 * metal-richer → redder turn-off and a much redder giant branch; metal-poor populations get a blue horizontal
 * branch, metal-rich ones a red clump.
 *
 * <p>Phases by m / m_TO (m_TO, the turn-off mass, falls as age^−0.4 and with lower metallicity): main sequence
 * up to 1; subgiant branch to 1.01; red giant branch to 1.06 (most stars near its base); horizontal branch or red
 * clump to 1.075; remnants beyond (not shown). Initial masses follow {@link #sampleMass a Kroupa IMF}.
 *
 * @param age age in Gyr, in [0.5, 14]
 * @param feh metallicity [Fe/H] in dex, in [−3, 0.5]
 */
public record Isochrone(double age, double feh) {
    /** Lowest stellar mass, M☉. */
    public static final double MIN_MASS = 0.08;
    static final double SUBGIANT_END = 1.01, GIANT_END = 1.06, HORIZONTAL_END = 1.075;

    public Isochrone {
        if (!(age >= 0.5 && age <= 14)) throw new IllegalArgumentException("age must be in [0.5, 14] Gyr: " + age);
        if (!(feh >= -3 && feh <= 0.5)) throw new IllegalArgumentException("feh must be in [-3, 0.5]: " + feh);
    }

    /** Turn-off mass in M☉. */
    public double turnoffMass() { return Math.pow(age / 10, -0.4) * (1 + 0.08 * feh); }

    /** Absolute G magnitude of the turn-off. */
    public double turnoffMagnitude() { return 3.9 + 2.5 * Math.log10(age / 12) + 0.25 * (feh + 1.5); }

    /** BP−RP colour of the turn-off. */
    public double turnoffColour() { return 0.62 + 0.18 * (feh + 1.5) + 0.5 * Math.log10(age / 12); }

    /** Largest initial mass of a visible (non-remnant) star. */
    public double maxMass() { return HORIZONTAL_END * turnoffMass(); }

    /** Absolute G magnitude of the tip of the red giant branch. */
    public double tipMagnitude() { return -3.0 + 0.35 * (feh + 1.5); }

    // main-sequence shape relative to 1 M☉: magnitude and colour offsets, steeper below 1 M☉
    private static double msMagnitude(double m) { return m < 1 ? -13 * Math.log10(m) : -9 * Math.log10(m); }
    private static double msColour(double m) { return m < 1 ? -3.3 * Math.log10(m) : -2.2 * Math.log10(m); }

    /**
     * Writes {@code [M_G, BP−RP]} of a star of initial mass m into {@code out}.
     *
     * @return false (and leaves out unchanged) for a remnant, m above {@link #maxMass()}
     */
    public boolean star(double m, double[] out) {
        double mTo = turnoffMass(), x = m / mTo;
        double mT = turnoffMagnitude(), cT = turnoffColour();
        double z = feh + 1.5;
        double mBase = mT - 0.6, cBase = cT + 0.30 + 0.05 * z;
        if (x <= 1) {
            double mm = Math.max(m, MIN_MASS);
            out[0] = mT + msMagnitude(mm) - msMagnitude(mTo);
            out[1] = cT + msColour(mm) - msColour(mTo);
        } else if (x <= SUBGIANT_END) {
            double u = (x - 1) / (SUBGIANT_END - 1);
            out[0] = mT - 0.6 * Math.sqrt(u);
            out[1] = cT + (cBase - cT) * u;
        } else if (x <= GIANT_END) {
            double u = (x - SUBGIANT_END) / (GIANT_END - SUBGIANT_END), w = u * u * u;
            double cTip = 1.45 + 0.55 * z;
            out[0] = mBase - (mBase - tipMagnitude()) * w;
            out[1] = cBase + (cTip - cBase) * Math.pow(w, 1.5);
        } else if (x <= HORIZONTAL_END) {
            double u = (x - GIANT_END) / (HORIZONTAL_END - GIANT_END);
            double red = Math.max(0, Math.min(1, (feh + 1.8) / 1.0));          // fraction on the red clump / RHB
            double mHb = 0.55 + 0.2 * z;
            if (u < red) {
                out[0] = mHb - 0.1 + 0.3 * (u / red);
                out[1] = 0.95 + 0.2 * (feh + 0.5) + 0.1 * (u / red);
            } else {
                double v = red < 1 ? (u - red) / (1 - red) : 0;
                double c = 0.5 - 0.7 * v;                                      // blue HB: hotter → fainter in G
                out[0] = mHb + 2.0 * Math.max(0, 0.1 - c);
                out[1] = c;
            }
        } else {
            return false;
        }
        return true;
    }

    /**
     * The smallest initial mass whose star is at least as bright as absolute magnitude {@code limit}
     * ({@link #MIN_MASS} when the whole main sequence is brighter, the turn-off mass when none of it is).
     * Evolved stars above the returned mass may still be fainter than the limit on the subgiant branch or the blue
     * horizontal branch; check each one.
     */
    public double minMassBrighterThan(double limit) {
        double mTo = turnoffMass(), mT = turnoffMagnitude();
        if (limit <= mT) return mTo;
        double f = limit - mT + msMagnitude(mTo);                  // msMagnitude(m) = f, decreasing in m
        double m = f >= 0 ? Math.pow(10, -f / 13) : Math.pow(10, -f / 9);
        return Math.max(MIN_MASS, Math.min(mTo, m));
    }

    /**
     * A mass drawn from the Kroupa (2001) IMF, dN/dm ∝ m^−1.3 below 0.5 M☉ and m^−2.3 above, truncated to
     * [lo, hi], by inversion of its CDF at {@code u} ∈ [0, 1).
     *
     * @throws IllegalArgumentException unless MIN_MASS ≤ lo ≤ hi
     */
    public static double sampleMass(double lo, double hi, double u) {
        if (!(lo >= MIN_MASS * (1 - 1e-12) && hi >= lo))
            throw new IllegalArgumentException("need " + MIN_MASS + " <= lo <= hi: lo = " + lo + ", hi = " + hi);
        if (hi == lo) return lo;
        double b = 0.5;
        double w1 = lo < b ? segment(lo, Math.min(hi, b), 1.3, 1) : 0;
        double w2 = hi > b ? segment(Math.max(lo, b), hi, 2.3, b) : 0;
        double t = u * (w1 + w2);
        if (t < w1) return invert(lo, Math.min(hi, b), 1.3, t / w1);
        return invert(Math.max(lo, b), hi, 2.3, (t - w1) / w2);
    }

    // ∫ k m^−α dm over [a, c]
    private static double segment(double a, double c, double alpha, double k) {
        return k * (Math.pow(c, 1 - alpha) - Math.pow(a, 1 - alpha)) / (1 - alpha);
    }

    // inverse CDF of m^−α on [a, c] at fraction q
    private static double invert(double a, double c, double alpha, double q) {
        double pa = Math.pow(a, 1 - alpha), pc = Math.pow(c, 1 - alpha);
        return Math.pow(pa + q * (pc - pa), 1 / (1 - alpha));
    }
}
