/**
 * Graph networks on fully connected particle graphs (Cranmer et al. 2020, "Discovering Symbolic
 * Models from Deep Learning with Inductive Biases"): an edge model turns each ordered pair of bodies
 * into a message, messages are summed per receiver, and a node model turns the sum into an
 * acceleration. Trained on a {@link org.distill.physics.nbody.GraphDataset}; the messages of the
 * trained network ({@link org.distill.neural.gn.EdgeMessages}) are what symbolic regression distils
 * into a force law.
 *
 * <pre>{@code
 * var config = GraphNetworkConfig.builder().variant(Variant.L1).epochs(30).seed(1).build();
 * try (GraphNetwork gn = GraphNetworkTrainer.of(config).train(train, p -> System.out.println(p)).model()) {
 *     EdgeMessages messages = gn.messages(test);
 *     Dataset strongest = messages.toDataset(bestComponent);   // for SymbolicRegressor.fit
 * }
 * }</pre>
 */
package org.distill.neural.gn;
