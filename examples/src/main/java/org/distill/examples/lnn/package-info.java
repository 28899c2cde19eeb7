/**
 * Lagrangian neural networks (Cranmer et al. 2020, "Lagrangian Neural Networks") end to end: the double pendulum
 * (energy conservation against a plain baseline), the relativistic particle (learning a non-canonical Lagrangian and
 * its closed form); run by {@code distill example lnn}.
 */
package org.distill.examples.lnn;
