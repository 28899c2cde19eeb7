/**
 * Neural front-ends trained with DJL (graph networks, Lagrangian and Hamiltonian networks, Deep
 * Sets) and the glue that turns a trained model's internals into a
 * {@link org.distill.symbolic.Dataset} for symbolic distillation.
 *
 * <p><b>One trainer shape.</b> Every network trains the same way ({@link org.distill.neural.NetworkTrainer}):
 * a configuration record built with a validated builder, every setting with a default; a trainer made
 * from it with {@code XTrainer.of(config)}; and {@code train(data)} (optionally with a
 * {@link org.distill.neural.TrainingListener} and an {@code AtomicBoolean} that stops it) returning a
 * {@link org.distill.neural.Trained}: the new model, which the caller closes, and its
 * {@link org.distill.neural.TrainingReport} (loss per epoch, steps, wall time, whether it was stopped,
 * versions). Training is seeded by the configuration alone.
 *
 * <pre>{@code
 * var config = GraphNetworkConfig.builder().variant(Variant.L1).epochs(30).seed(1).build();
 * try (Trained<GraphNetwork> trained = GraphNetworkTrainer.of(config).train(graphs)) {
 *     System.out.println(trained.report().finalLoss());
 *     EdgeMessages messages = trained.model().messages(test);
 * }
 * }</pre>
 *
 * <table>
 * <caption>The four networks</caption>
 * <tr><th>network</th><th>configuration</th><th>trainer</th><th>data</th></tr>
 * <tr><td>graph network</td><td>{@code GraphNetworkConfig}</td><td>{@code GraphNetworkTrainer}</td><td>{@code GraphDataset}</td></tr>
 * <tr><td>Deep Sets</td><td>{@code DeepSetsConfig}</td><td>{@code DeepSetsTrainer}</td><td>{@code List<SetTask>}</td></tr>
 * <tr><td>Lagrangian networks</td><td>{@code LnnConfig}</td><td>{@code LnnTrainer} ({@code of(config, DirectNetwork::of)}
 *     for the baseline)</td><td>{@code StateSamples}</td></tr>
 * <tr><td>Hamiltonian graph network</td><td>{@code HgnConfig}</td><td>{@code HgnTrainer}</td><td>{@code GraphDataset}</td></tr>
 * <tr><td>halo graph network</td><td>{@code HaloNetworkConfig}</td><td>{@code HaloNetworkTrainer}</td><td>{@code HaloGraph}</td></tr>
 * </table>
 *
 * <p>Networks that can be saved keep their provenance beside the model and write it with
 * {@link org.distill.neural.io.ModelFiles}. Distillers ({@code analysis.Distillation},
 * {@code hgn.PairDistillation}, {@code lnn.LagrangianDistillation}) say what data to fit and take a
 * configured {@code SymbolicRegressor}.
 *
 * <p>Shared here: the PyTorch engine set-up ({@link org.distill.neural.Torch}), the trainer shape and
 * the training progress listener. Models live in sub-packages by concept: {@code gn} (graph networks),
 * {@code analysis} (pure-Java checks of what a network learned), {@code sets} (Deep Sets member
 * classifiers), {@code lnn} (Lagrangian networks), {@code hgn} (Hamiltonian graph networks),
 * {@code halos} (a graph network over dark-matter halos), {@code io} (model files) and {@code classify} (binary metrics and random-forest baselines).
 */
package org.distill.neural;
