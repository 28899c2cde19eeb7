/**
 * Bayesian inference tools: Goodman &amp; Weare's affine-invariant ensemble sampler
 * ({@link org.distill.physics.inference.EnsembleSampler}, the stretch move as in emcee), its {@link
 * org.distill.physics.inference.Chain}, convergence diagnostics ({@link org.distill.physics.inference.Diagnostics}:
 * integrated autocorrelation time, split R̂) and posterior {@link org.distill.physics.inference.Summary summaries}.
 */
package org.distill.physics.inference;
