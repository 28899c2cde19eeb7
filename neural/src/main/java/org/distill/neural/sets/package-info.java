/**
 * Deep Sets for stellar streams: a permutation-invariant encoder of a small support set of known
 * members (per-star network φ, mean pooling, ρ), combined with each star of the window to give
 * p(member | star, support set). Meta-trained across many streams ({@link org.distill.neural.sets.DeepSetsTrainer}),
 * it is then used on a new stream without retraining; it can optionally be fine-tuned on one stream.
 *
 * <pre>{@code
 * List<SetTask> training = ...;                               // features + member flags per stream
 * var config = DeepSetsConfig.builder().epochs(40).seed(1).build();
 * try (DeepSets model = DeepSetsTrainer.of(config).train(training).model()) {
 *     boolean[] members = model.classify(window, supportIndices);
 * }
 * }</pre>
 */
package org.distill.neural.sets;
