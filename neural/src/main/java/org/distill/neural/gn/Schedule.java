package org.distill.neural.gn;

/** Learning-rate schedules over a whole run of {@code total} optimiser steps. */
public enum Schedule {
    /**
     * PyTorch's {@code OneCycleLR} as the paper used it: cosine warm-up from {@code max/25} to
     * {@code max} over the first 30 % of the steps, then cosine annealing down to {@code max/25/10⁴}.
     */
    ONE_CYCLE,
    /** Cosine annealing from {@code max} to 0. */
    COSINE,
    /** {@code max} throughout. */
    CONSTANT;

    private static final double WARM_UP = 0.3, DIV = 25, FINAL_DIV = 1e4;

    /** The learning rate at step {@code step} (from 0) of {@code total}, with peak {@code max}. */
    public double rate(long step, long total, double max) {
        if (total < 1) throw new IllegalArgumentException("total must be at least 1: " + total);
        double t = Math.min(Math.max(step, 0), total - 1);
        return switch (this) {
            case CONSTANT -> max;
            case COSINE -> max * 0.5 * (1 + Math.cos(Math.PI * t / total));
            case ONE_CYCLE -> {
                double start = max / DIV, end = start / FINAL_DIV;
                double peak = Math.max(1, WARM_UP * total - 1);
                if (t <= peak) yield cosine(start, max, t / peak);
                yield cosine(max, end, (t - peak) / Math.max(1, total - 1 - peak));
            }
        };
    }

    private static double cosine(double from, double to, double fraction) {
        return to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, fraction)));
    }
}
