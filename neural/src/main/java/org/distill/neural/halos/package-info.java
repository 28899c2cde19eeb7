/**
 * A graph network over dark-matter halos (Cranmer et al. 2020, Sec. 5): each halo is a node (mass in
 * 10¹² M☉/h, speed in km/s), each ordered pair of halos closer than an edge radius is an edge (periodic
 * distance |r_i − r_j| in Mpc/h, relative speed |v_i − v_j| in km/s), an edge model turns each edge into
 * a message, messages are summed per receiver, and a node model turns (M_i, |v_i|, Σ messages) into the
 * halo's predicted overdensity. The network never sees an absolute position, so what it learns is
 * translation invariant; it sees only distances and speeds, so it is rotation invariant too. An L1
 * penalty on the messages makes one component carry the law, which symbolic regression then distils.
 *
 * <pre>{@code
 * HaloGraph graph = HaloGraph.of(masses, speeds, receivers, senders, distances, relativeSpeeds, targets);
 * var config = HaloNetworkConfig.builder().epochs(60).seed(1).build();
 * try (Trained<HaloNetwork> trained = HaloNetworkTrainer.of(config).train(graph.withTargets(trainNodes))) {
 *     double[] predicted = trained.model().predict(graph.withTargets(testNodes));
 *     HaloNetwork.Messages m = trained.model().messages(graph.withTargets(trainNodes));
 * }
 * }</pre>
 */
package org.distill.neural.halos;
