package org.distill.neural.lnn;

import java.time.Duration;
import java.util.Objects;

/**
 * How a model was trained.
 *
 * @param model     the model's name
 * @param rows      training states
 * @param steps     optimiser steps taken
 * @param finalLoss mean L1 loss of the last (possibly unfinished) epoch
 * @param wallTime  training time
 * @param stopped   whether training was cancelled before the planned epochs
 */
public record TrainingReport(String model, int rows, long steps, double finalLoss, Duration wallTime, boolean stopped) {
    public TrainingReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(wallTime, "wallTime");
    }
}
