package org.distill.examples.halos;

import java.util.List;
import java.util.Objects;
import org.distill.neural.halos.HaloGraph;

/**
 * Turns halo boxes into one {@link HaloGraph}: a node per halo (mass in 10¹² M☉/h, speed |v| in km/s),
 * a directed edge i ← j for every other halo j of the same box within the edge radius (periodic
 * minimum-image distance), with |r_i − r_j| and |v_i − v_j|. No absolute position enters the graph, so
 * a translated box gives the same graph. Nodes are the boxes' halos in order; the target of each node is
 * its standardised overdensity.
 */
public final class HaloGraphs {
    private HaloGraphs() { }

    /** The first node of each box, and one past the last node at the end. */
    public static int[] offsets(List<HaloBox> boxes) {
        int[] off = new int[boxes.size() + 1];
        for (int b = 0; b < boxes.size(); b++) off[b + 1] = off[b] + boxes.get(b).size();
        return off;
    }

    /**
     * The graph of {@code boxes} with edges within {@code edgeRadius} Mpc/h, targets
     * {@code standard.apply(δ)}; every node is a target.
     */
    public static HaloGraph build(List<HaloBox> boxes, double edgeRadius, Standardisation standard) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(standard, "standard");
        if (!(edgeRadius > 0) || Double.isInfinite(edgeRadius)) throw new IllegalArgumentException("edge radius must be positive: " + edgeRadius);
        int[] off = offsets(boxes);
        int n = off[boxes.size()];
        double[] mass = new double[n], speed = new double[n], target = new double[n];
        var receiver = new IntList();
        var sender = new IntList();
        var distance = new DoubleList();
        var dv = new DoubleList();
        for (int b = 0; b < boxes.size(); b++) {
            HaloBox box = boxes.get(b);
            if (edgeRadius >= box.boxSize() / 2) {
                throw new IllegalArgumentException("edge radius " + edgeRadius + " must be below half the box (" + box.boxSize() / 2 + " Mpc/h)");
            }
            float[] x = box.positions(), v = box.velocities();
            for (int h = 0; h < box.size(); h++) {
                int i = off[b] + h;
                mass[i] = box.mass()[h];
                speed[i] = Math.sqrt(sq(v[3 * h]) + sq(v[3 * h + 1]) + sq(v[3 * h + 2]));
                target[i] = standard.apply(box.delta()[h]);
            }
            CellList cells = CellList.of(x, box.boxSize(), edgeRadius);
            double r2 = edgeRadius * edgeRadius;
            for (int h = 0; h < box.size(); h++) {
                final int row = h, base = off[b];
                cells.forNear(x[3 * h], x[3 * h + 1], x[3 * h + 2], j -> {
                    if (j == row) return;
                    double d2 = CellList.distance2(x, row, x, j, box.boxSize());
                    if (d2 > r2 || d2 == 0) return;
                    receiver.add(base + row);
                    sender.add(base + j);
                    distance.add(Math.sqrt(d2));
                    dv.add(Math.sqrt(sq(v[3 * row] - v[3 * j]) + sq(v[3 * row + 1] - v[3 * j + 1]) + sq(v[3 * row + 2] - v[3 * j + 2])));
                });
            }
        }
        return HaloGraph.of(mass, speed, target, receiver.toArray(), sender.toArray(), distance.toArray(), dv.toArray());
    }

    private static double sq(double x) { return x * x; }

    /**
     * The split by region: in every box, halos with x in [validationFrom·L, testFrom·L) are validation
     * halos, those with x ≥ testFrom·L test halos, the rest training halos.
     *
     * @return train, validation and test node indices
     */
    public static int[][] split(List<HaloBox> boxes, double validationFrom, double testFrom) {
        if (!(validationFrom > 0 && validationFrom <= testFrom && testFrom < 1)) {
            throw new IllegalArgumentException("need 0 < validationFrom <= testFrom < 1: " + validationFrom + ", " + testFrom);
        }
        int[] off = offsets(boxes);
        var train = new IntList();
        var val = new IntList();
        var test = new IntList();
        for (int b = 0; b < boxes.size(); b++) {
            HaloBox box = boxes.get(b);
            for (int h = 0; h < box.size(); h++) {
                double f = box.positions()[3 * h] / box.boxSize();
                (f >= testFrom ? test : f >= validationFrom ? val : train).add(off[b] + h);
            }
        }
        return new int[][] {train.toArray(), val.toArray(), test.toArray()};
    }

    /**
     * δ ↦ (δ − mean)/std with the mean and standard deviation of the training halos' δ: the target the network
     * and the formulas predict (the paper standardised its target too); errors are in these units.
     */
    public record Standardisation(double mean, double std) {
        public Standardisation {
            if (!Double.isFinite(mean) || !(std > 0) || Double.isInfinite(std)) {
                throw new IllegalArgumentException("standardisation needs a finite mean and a positive std: " + mean + ", " + std);
            }
        }

        /** From the δ of the given halos. */
        public static Standardisation of(double[] delta) {
            if (delta.length < 2) throw new IllegalArgumentException("need at least 2 halos to standardise: " + delta.length);
            double m = 0, s = 0;
            for (double d : delta) m += d;
            m /= delta.length;
            for (double d : delta) s += (d - m) * (d - m);
            return new Standardisation(m, Math.sqrt(s / (delta.length - 1)));
        }

        public double apply(double delta) { return (delta - mean) / std; }
    }

    static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n);
            a[n++] = v;
        }

        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }

    static final class DoubleList {
        private double[] a = new double[64];
        private int n;

        void add(double v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, 2 * n);
            a[n++] = v;
        }

        double[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
