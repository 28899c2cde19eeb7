package org.distill.physics.streams;

/** Small spherical-geometry helpers on ICRS degrees. */
final class Sky {
    private Sky() { }

    /** Great-circle distance in degrees (haversine form, accurate at small angles). */
    static double separation(double ra1, double dec1, double ra2, double dec2) {
        double d1 = Math.toRadians(dec1), d2 = Math.toRadians(dec2), dra = Math.toRadians(ra2 - ra1);
        double sdd = Math.sin((d2 - d1) / 2), sdr = Math.sin(dra / 2);
        double h = sdd * sdd + Math.cos(d1) * Math.cos(d2) * sdr * sdr;
        return Math.toDegrees(2 * Math.asin(Math.min(1, Math.sqrt(h))));
    }
}
