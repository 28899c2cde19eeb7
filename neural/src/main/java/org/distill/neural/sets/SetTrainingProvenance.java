package org.distill.neural.sets;

import java.time.Duration;
import java.util.Objects;

/**
 * How a Deep Sets model was trained (its configuration is kept beside it).
 *
 * @param tasks           training tasks used (those with enough members)
 * @param validationTasks tasks kept out to tune the decision threshold
 * @param width           features per star
 * @param steps           optimiser steps
 * @param finalLoss       mean training objective of the last epoch (class-balanced binary cross-entropy)
 * @param validationMcc   mean MCC on the validation tasks at the tuned threshold (NaN without validation)
 * @param wallTime        training time
 * @param versions        Distill, DJL, PyTorch and Java versions
 */
public record SetTrainingProvenance(int tasks, int validationTasks, int width, long steps, double finalLoss,
                                    double validationMcc, Duration wallTime, String versions) {
    public SetTrainingProvenance {
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(versions, "versions");
    }
}
