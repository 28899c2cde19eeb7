/**
 * Binary classification around the set models: per-task metrics ({@link org.distill.neural.classify.BinaryMetrics},
 * {@link org.distill.neural.classify.MetricSummary}), decision thresholds chosen on validation tasks
 * ({@link org.distill.neural.classify.Thresholds}), and the per-task random-forest baseline with its
 * self-labelling variant ({@link org.distill.neural.classify.MemberForest}, Tribuo).
 */
package org.distill.neural.classify;
