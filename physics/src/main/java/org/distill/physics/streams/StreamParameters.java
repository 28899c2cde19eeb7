package org.distill.physics.streams;

import java.util.List;

/**
 * How one mock stream was made and where its window lies. Positions are Galactocentric (astropy's frame, see
 * {@link Galactocentric}) at the present day.
 *
 * @param x              progenitor x today, kpc
 * @param y              progenitor y today, kpc
 * @param z              progenitor z today, kpc
 * @param vx             progenitor vx today, km/s
 * @param vy             progenitor vy today, km/s
 * @param vz             progenitor vz today, km/s
 * @param distance       progenitor's heliocentric distance today, kpc
 * @param mass           progenitor mass, M☉ (sets the tidal radius and so the stream's width)
 * @param disruptionTime how long stars have been stripped, Gyr (sets the stream's length)
 * @param pericenter     smallest Galactocentric radius of the progenitor over that time, kpc
 * @param apocenter      largest Galactocentric radius over that time, kpc
 * @param age            age of the stream's stars, Gyr
 * @param feh            mean [Fe/H] of the stream's stars
 * @param fehSpread      standard deviation of [Fe/H] among them
 * @param windowRa       window centre, ICRS right ascension, degrees
 * @param windowDec      window centre, declination, degrees
 * @param windowRadius   window radius (a cone), degrees
 * @param magnitudeLimit faintest G in the window
 */
public record StreamParameters(double x, double y, double z, double vx, double vy, double vz, double distance,
                               double mass, double disruptionTime, double pericenter, double apocenter, double age,
                               double feh, double fehSpread, double windowRa, double windowDec, double windowRadius,
                               double magnitudeLimit) {
    /** Component names, in {@link #toArray()} order. */
    public static final List<String> NAMES = List.of("x", "y", "z", "vx", "vy", "vz", "distance", "mass",
            "disruptionTime", "pericenter", "apocenter", "age", "feh", "fehSpread", "windowRa", "windowDec",
            "windowRadius", "magnitudeLimit");

    public StreamParameters {
        double[] all = {x, y, z, vx, vy, vz, distance, mass, disruptionTime, pericenter, apocenter, age, feh, fehSpread,
                windowRa, windowDec, windowRadius, magnitudeLimit};
        for (int i = 0; i < all.length; i++)
            if (!Double.isFinite(all[i])) throw new IllegalArgumentException(NAMES.get(i) + " must be finite: " + all[i]);
        if (!(distance > 0)) throw new IllegalArgumentException("distance must be positive: " + distance);
        if (!(mass > 0)) throw new IllegalArgumentException("mass must be positive: " + mass);
        if (!(disruptionTime > 0)) throw new IllegalArgumentException("disruptionTime must be positive: " + disruptionTime);
        if (!(pericenter >= 0 && apocenter >= pericenter))
            throw new IllegalArgumentException("need 0 <= pericenter <= apocenter: " + pericenter + ", " + apocenter);
        if (!(fehSpread >= 0)) throw new IllegalArgumentException("fehSpread must be non-negative: " + fehSpread);
        if (!(windowRadius > 0 && windowRadius <= 90))
            throw new IllegalArgumentException("windowRadius must be in (0, 90] degrees: " + windowRadius);
        if (!(Math.abs(windowDec) <= 90)) throw new IllegalArgumentException("windowDec must be in [-90, 90]: " + windowDec);
    }

    /** The components in {@link #NAMES} order. */
    public double[] toArray() {
        return new double[] {x, y, z, vx, vy, vz, distance, mass, disruptionTime, pericenter, apocenter, age, feh,
                fehSpread, windowRa, windowDec, windowRadius, magnitudeLimit};
    }

    /** The inverse of {@link #toArray()}. */
    public static StreamParameters fromArray(double[] a) {
        if (a.length != NAMES.size())
            throw new IllegalArgumentException("need " + NAMES.size() + " values: " + a.length);
        return new StreamParameters(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12],
                a[13], a[14], a[15], a[16], a[17]);
    }

    /** Angular distance in degrees from the window centre to (ra, dec) in degrees. */
    public double separation(double ra, double dec) { return Sky.separation(windowRa, windowDec, ra, dec); }
}
