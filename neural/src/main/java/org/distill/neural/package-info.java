/**
 * Neural front-ends trained with DJL (graph networks, Lagrangian and Hamiltonian networks, Deep
 * Sets) and the glue that turns a trained model's internals into a
 * {@link org.distill.symbolic.Dataset} for symbolic distillation. Filled by the neural issues.
 */
package org.distill.neural;
