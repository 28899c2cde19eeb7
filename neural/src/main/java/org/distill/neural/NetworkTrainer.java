package org.distill.neural;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one shape of every trainer here (Tribuo's {@code Trainer.train(Dataset) → Model}, with DJL's closable models): a
 * configuration record built with a validated builder, a trainer made from it with {@code XTrainer.of(config)}, and
 * {@code train(data)} returning a new model together with its {@link TrainingReport}. Training is seeded by the
 * configuration; it reports each epoch to a {@link TrainingListener} and can be stopped between optimiser steps
 * through an {@link AtomicBoolean} (the model learned so far is returned, its report says {@code stopped}).
 *
 * @param <C> the configuration
 * @param <D> the training data
 * @param <M> the model trained; the caller closes it
 */
public interface NetworkTrainer<C, D, M extends AutoCloseable> {
    /** The configuration this trainer trains with. */
    C config();

    /**
     * Trains a new model on {@code data}, reporting each epoch to {@code listener}, until the planned epochs are done or
     * {@code cancel} becomes true (checked before every optimiser step).
     */
    Trained<M> train(D data, TrainingListener listener, AtomicBoolean cancel);

    /** Trains a new model on {@code data}, reporting each epoch. */
    default Trained<M> train(D data, TrainingListener listener) { return train(data, listener, new AtomicBoolean()); }

    /** Trains a new model on {@code data}. */
    default Trained<M> train(D data) { return train(data, TrainingListener.NONE, new AtomicBoolean()); }
}
