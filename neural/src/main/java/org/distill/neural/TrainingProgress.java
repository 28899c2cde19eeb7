package org.distill.neural;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a training run, emitted after every epoch.
 *
 * @param epoch        epochs completed, from 1
 * @param epochs       epochs planned
 * @param steps        optimiser steps so far
 * @param loss         mean training objective over the epoch (data term plus regulariser)
 * @param learningRate learning rate of the epoch's last step
 * @param elapsed      wall time since the start
 */
public record TrainingProgress(int epoch, int epochs, long steps, double loss, double learningRate,
                               Duration elapsed) {
    public TrainingProgress {
        if (epoch < 1 || epoch > epochs)
            throw new IllegalArgumentException("epoch must be in [1, " + epochs + "]: " + epoch);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Fraction of the planned epochs done, in (0, 1]. */
    public double fraction() { return (double) epoch / epochs; }
}
