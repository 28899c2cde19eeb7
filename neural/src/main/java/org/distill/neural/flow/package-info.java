/**
 * Conditional normalising flows p(x | c) in DJL ({@link org.distill.neural.flow.Flow}): coupling layers with the
 * Flow++ mixture-of-logistics transform, trained by {@link org.distill.neural.flow.FlowTrainer} in the shape of every
 * trainer here, on observables in a box mapped to unbounded space by the probit of a reference CDF estimated from the
 * training rows ({@code ReferenceMap}) or by a logit (its Jacobian in the density); optionally trained on exact
 * log-density ratios between paired conditions as well ({@code FlowConfig.ratioWeight}). Exact
 * log-density and sampling; saved with {@code neural.io.ModelFiles}.
 */
package org.distill.neural.flow;
