package org.distill.neural.classify;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mean and sample standard deviation (n − 1; 0 for one task) of every {@link Metric} over tasks.
 *
 * @param tasks tasks summarised, at least 1
 * @param mean  mean per metric
 * @param std   sample standard deviation per metric
 */
public record MetricSummary(int tasks, Map<Metric, Double> mean, Map<Metric, Double> std) {
    public MetricSummary {
        if (tasks < 1) throw new IllegalArgumentException("tasks must be >= 1: " + tasks);
        mean = Map.copyOf(new EnumMap<>(mean));
        std = Map.copyOf(new EnumMap<>(std));
        for (Metric m : Metric.values())
            if (!mean.containsKey(m) || !std.containsKey(m))
                throw new IllegalArgumentException("mean and std need every metric; missing " + m);
    }

    /** The summary of per-task metrics. */
    public static MetricSummary of(List<BinaryMetrics> perTask) {
        Objects.requireNonNull(perTask, "perTask");
        if (perTask.isEmpty()) throw new IllegalArgumentException("no tasks to summarise");
        int n = perTask.size();
        Map<Metric, Double> mean = new EnumMap<>(Metric.class), std = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            double sum = 0;
            for (BinaryMetrics b : perTask) sum += b.get(m);
            double mu = sum / n, ss = 0;
            for (BinaryMetrics b : perTask) ss += (b.get(m) - mu) * (b.get(m) - mu);
            mean.put(m, mu);
            std.put(m, n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0);
        }
        return new MetricSummary(n, mean, std);
    }

    public double mean(Metric m) { return mean.get(m); }

    public double std(Metric m) { return std.get(m); }
}
