package org.distill.neural;

/** Receives the progress of a training run after each epoch; the CLI prints it, tests ignore it. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = p -> { };

    void onEpoch(TrainingProgress progress);
}
