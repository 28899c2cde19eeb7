package org.distill.neural;

import java.util.Objects;

/**
 * A trained model and how its training went: what every {@link NetworkTrainer} returns. Closing it closes the model;
 * use it in try-with-resources, or take the model out and close that.
 *
 * <pre>{@code
 * try (Trained<GraphNetwork> trained = GraphNetworkTrainer.of(config).train(data)) {
 *     GraphNetwork gn = trained.model();
 *     System.out.println(trained.report().finalLoss());
 * }
 * }</pre>
 *
 * @param model  the trained model; the caller owns it
 * @param report how the training went
 * @param <M>    the model's type
 */
public record Trained<M extends AutoCloseable>(M model, TrainingReport report) implements AutoCloseable {
    public Trained {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(report, "report");
    }

    /** Closes the model. */
    @Override public void close() {
        try {
            model.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing " + report.model() + ": " + e.getMessage(), e);
        }
    }
}
