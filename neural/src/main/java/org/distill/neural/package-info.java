/**
 * Neural front-ends trained with DJL (graph networks, Lagrangian and Hamiltonian networks, Deep
 * Sets) and the glue that turns a trained model's internals into a
 * {@link org.distill.symbolic.Dataset} for symbolic distillation.
 *
 * <p>Shared here: the PyTorch engine set-up ({@link org.distill.neural.Torch}) and the training
 * progress listener. Models live in sub-packages by concept: {@code gn} (graph networks),
 * {@code analysis} (pure-Java checks of what a network learned), {@code sets} (Deep Sets member
 * classifiers) and {@code classify} (binary metrics and random-forest baselines).
 */
package org.distill.neural;
