package org.distill.neural;

import java.util.Objects;
import java.util.function.Function;

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

    /**
     * {@code model} trained by {@code training}, which returns its report; the model is closed if training throws.
     */
    public static <M extends AutoCloseable> Trained<M> of(M model, Function<? super M, TrainingReport> training) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        try {
            return new Trained<>(model, training.apply(model));
        } catch (RuntimeException | Error e) {
            try {
                model.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
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
