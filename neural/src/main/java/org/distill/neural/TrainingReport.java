package org.distill.neural;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a training run went, the same for every network: what {@link NetworkTrainer#train} returns beside the model.
 *
 * @param model       the model's short name ({@code graph-network}, {@code deep-sets}, {@code lnn}, {@code baseline},
 *                    {@code lgn}, {@code hgn})
 * @param rows        training examples: graphs, tasks (those used for training) or states
 * @param steps       optimiser steps taken
 * @param epochLosses mean training objective of each completed epoch, in order
 * @param finalLoss   mean training objective of the last epoch, or of the unfinished one when training was stopped
 *                    inside it (NaN before the first step)
 * @param wallTime    training time
 * @param stopped     whether training was cancelled before its planned epochs
 * @param versions    Distill, DJL, PyTorch and Java versions ({@link Torch#versions()})
 */
public record TrainingReport(String model, int rows, long steps, List<Double> epochLosses, double finalLoss,
                             Duration wallTime, boolean stopped, String versions) {
    public TrainingReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(versions, "versions");
        epochLosses = List.copyOf(epochLosses);
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0: " + rows);
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0: " + steps);
    }

    /** Epochs completed. */
    public int epochs() { return epochLosses.size(); }
}
