/**
 * Lagrangian mechanics for the Lagrangian and Hamiltonian network examples: systems with analytic
 * Lagrangians, accelerations and energies ({@link org.distill.physics.lagrangian.DoublePendulum},
 * {@link org.distill.physics.lagrangian.RelativisticParticle}, {@link org.distill.physics.lagrangian.WaveChain}),
 * the general Euler–Lagrange solver ({@link org.distill.physics.lagrangian.EulerLagrange}), fixed-step and
 * adaptive trajectory integration ({@link org.distill.physics.lagrangian.Rollout}) and seeded training data
 * ({@link org.distill.physics.lagrangian.StateSamples}).
 */
package org.distill.physics.lagrangian;
