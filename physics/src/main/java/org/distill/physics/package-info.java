/**
 * Simulators and estimators that produce data for Distill, one package per system:
 * {@link org.distill.physics.nbody} (n-body systems with pair laws, graph data sets and their files),
 * {@link org.distill.physics.lagrangian} (double pendulum, relativistic particle, wave chain,
 * Euler–Lagrange accelerations and rollouts), {@link org.distill.physics.streams} (stellar streams in
 * a Milky Way potential, Gaia-like catalogues) and {@link org.distill.physics.io} (the atomic
 * temp-then-rename file write every writer of the project uses).
 */
package org.distill.physics;
