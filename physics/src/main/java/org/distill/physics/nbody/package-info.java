/**
 * N-body systems with pair potentials, and the graph data sets that graph networks learn their forces from
 * (Cranmer et al., "Discovering Symbolic Models from Deep Learning with Inductive Biases", 2020).
 *
 * <ul>
 *   <li>{@link org.distill.physics.nbody.PairLaw}: the six potentials ({@code r2 r1 spring damped charge disc}),
 *       softened {@code r' = r + 0.01}, with their analytic forces, time steps and conservation properties.</li>
 *   <li>{@link org.distill.physics.nbody.Particles}: positions, velocities, charges and masses of {@code n} bodies in
 *       2-D or 3-D; seeded random initial conditions as in the paper; energy, momentum, accelerations.</li>
 *   <li>{@link org.distill.physics.nbody.NBodySimulator}: adaptive Dormand–Prince 8(5,3) integration (Commons Math)
 *       over a flat, allocation-free right-hand side, sampled every time step into a
 *       {@link org.distill.physics.nbody.Trajectory}.</li>
 *   <li>{@link org.distill.physics.nbody.NBodyData}: the recipe for a data set (law, dim, bodies, simulations, steps,
 *       keep every k-th step, seed) that generates a {@link org.distill.physics.nbody.GraphDataset} of node features
 *       {@code [x, v, q, m]} and true accelerations, and splits it by simulation into train, validation and test;
 *       {@link org.distill.physics.nbody.GenerationListener} hears its progress.</li>
 *   <li>{@link org.distill.physics.nbody.GraphDataset#save} / {@link org.distill.physics.nbody.GraphDataset#load} and
 *       {@link org.distill.physics.nbody.NBodyFile}: a compact binary file of float arrays with an optional metadata
 *       header recording how the data were made.</li>
 * </ul>
 *
 * <p>Everything random takes an explicit seed; the same seed gives the same data on every platform. Simulation
 * {@code s} of a data set depends only on the master seed and {@code s}.
 */
package org.distill.physics.nbody;
