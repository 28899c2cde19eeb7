package org.distill.physics.cosmo.io;

import java.util.function.DoubleUnaryOperator;

/**
 * Gadget's units and ours, both ways. Reading converts in double and rounds once to float32. Writing
 * picks, among the float (or double) nearest the converted value and its two neighbours, one that reads
 * back as exactly the value written; where none does (a float in kpc/h cannot hold every float in
 * Mpc/h), the nearest is kept and reads back within one unit in the last place.
 */
final class Units {
    private Units() { }

    /** kpc/h → Mpc/h. */
    static float positionFromKpc(double kpc) { return (float) (kpc / 1000); }

    /** Mpc/h → kpc/h, preferring a float that {@link #positionFromKpc} maps back to {@code mpc}. */
    static float positionToKpc(float mpc) {
        float y = (float) (mpc * 1000.0);
        if (positionFromKpc(y) == mpc) return y;
        float up = Math.nextUp(y);
        if (positionFromKpc(up) == mpc) return up;
        float down = Math.nextDown(y);
        return positionFromKpc(down) == mpc ? down : y;
    }

    /** Gadget's u = v/√a → peculiar v in km/s. */
    static float velocityFromGadget(double u, double sqrtA) { return (float) (u * sqrtA); }

    /** Peculiar v in km/s → Gadget's u = v/√a, preferring a float that reads back as {@code v}. */
    static float velocityToGadget(float v, double sqrtA) {
        float y = (float) (v / sqrtA);
        if (velocityFromGadget(y, sqrtA) == v) return y;
        float up = Math.nextUp(y);
        if (velocityFromGadget(up, sqrtA) == v) return up;
        float down = Math.nextDown(y);
        return velocityFromGadget(down, sqrtA) == v ? down : y;
    }

    /** Mpc/h → kpc/h for a box side, read back as {@code kpc / 1000}. */
    static double boxToKpc(double mpc) { return storable(mpc, mpc * 1000, kpc -> kpc / 1000); }

    /** M☉/h → 10¹⁰ M☉/h, read back as {@code x * 1e10}. */
    static double massTo1e10(double msun) { return storable(msun, msun / 1e10, x -> x * 1e10); }

    private static double storable(double value, double first, DoubleUnaryOperator read) {
        if (read.applyAsDouble(first) == value) return first;
        double up = Math.nextUp(first);
        if (read.applyAsDouble(up) == value) return up;
        double down = Math.nextDown(first);
        return read.applyAsDouble(down) == value ? down : first;
    }
}
