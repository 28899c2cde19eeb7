/**
 * What a trained network learned, and its distillation into formulas: whether the strongest message
 * components are linear combinations of the true forces (Cranmer et al. 2020, Fig. 3;
 * {@link org.distill.neural.analysis.LinearMessageFit} against
 * {@link org.distill.neural.analysis.EdgeForces}), symbolic regression on the strongest one
 * ({@link org.distill.neural.analysis.Distillation}), and whether the formula found has the true
 * force's form ({@link org.distill.neural.analysis.FormCheck}, {@link org.distill.neural.analysis.ExactForm}),
 * up to a factor of the receiver ({@link org.distill.neural.analysis.ReceiverGauge}) that the node model undoes
 * ({@link org.distill.neural.analysis.NodeResponse}). All but {@code Distillation}'s {@code run(GraphNetwork, ...)}
 * and {@code withNodeResponse} are plain Java on arrays and {@code EdgeMessages}, without DJL.
 */
package org.distill.neural.analysis;
