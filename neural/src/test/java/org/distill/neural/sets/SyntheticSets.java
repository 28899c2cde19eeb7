package org.distill.neural.sets;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stand-in stream tasks for tests: in 7-D, a broad field (Gaussian with a per-task centre and scale per
 * column, plus a heavy-tailed tenth) and a tight member cluster at a random place inside it.
 */
public final class SyntheticSets {
    private SyntheticSets() { }

    public static List<SetTask> generate(int tasks, int field, int members, long seed) {
        var random = new SplittableRandom(seed);
        List<SetTask> out = new ArrayList<>();
        for (int t = 0; t < tasks; t++) out.add(task(field, members, random.split()));
        return out;
    }

    static SetTask task(int field, int members, SplittableRandom random) {
        int d = 7, n = field + members;
        double[] centre = new double[d], scale = new double[d], memberCentre = new double[d], memberSpread = new double[d];
        for (int j = 0; j < d; j++) {
            centre[j] = 20 * random.nextGaussian();
            scale[j] = Math.exp(random.nextGaussian());
            memberCentre[j] = centre[j] + scale[j] * 1.2 * random.nextGaussian();
            memberSpread[j] = scale[j] * (0.08 + 0.2 * random.nextDouble());
        }
        float[][] x = new float[n][d];
        boolean[] member = new boolean[n];
        // members scattered through the rows, not first
        for (int i = 0; i < n; i++) member[i] = false;
        for (int placed = 0; placed < members; ) {
            int i = random.nextInt(n);
            if (!member[i]) { member[i] = true; placed++; }
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) {
                double v;
                if (member[i]) v = memberCentre[j] + memberSpread[j] * random.nextGaussian();
                else {
                    double tail = random.nextDouble() < 0.1 ? 4 : 1;
                    v = centre[j] + tail * scale[j] * random.nextGaussian();
                }
                x[i][j] = (float) v;
            }
        return SetTask.of(x, member);
    }
}
