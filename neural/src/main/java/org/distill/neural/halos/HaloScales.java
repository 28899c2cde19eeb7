package org.distill.neural.halos;

/**
 * The fixed scales the network divides its inputs by, taken from the training graph: so that the
 * network's inputs are of order one while the data (and the distilled formulas) keep their units.
 *
 * @param mass     mean mass of the training halos, 10¹² M☉/h
 * @param distance largest edge distance, Mpc/h
 * @param speed    mean speed of the training halos, km/s (1 if all are at rest)
 */
public record HaloScales(double mass, double distance, double speed) {
    public HaloScales {
        if (!(mass > 0 && distance > 0 && speed > 0) || Double.isInfinite(mass + distance + speed)) {
            throw new IllegalArgumentException("scales must be positive and finite: mass " + mass + ", distance " + distance + ", speed " + speed);
        }
    }

    /** The scales of {@code graph}'s target nodes and edges. */
    public static HaloScales of(HaloGraph graph) {
        int[] t = graph.targets();
        if (t.length == 0) throw new IllegalArgumentException("the graph has no target nodes");
        double m = 0, v = 0, r = 0;
        for (int i : t) {
            m += graph.mass()[i];
            v += graph.speed()[i];
        }
        for (double d : graph.distance()) r = Math.max(r, d);
        return new HaloScales(m / t.length, r > 0 ? r : 1, v > 0 ? v / t.length : 1);
    }
}
