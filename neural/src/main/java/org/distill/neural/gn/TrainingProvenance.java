package org.distill.neural.gn;

import java.time.Duration;
import java.util.Objects;

/**
 * How a graph network was trained (its configuration is kept beside it).
 *
 * @param graphs    training graphs
 * @param bodies    nodes per training graph
 * @param dim       spatial dimension
 * @param steps     optimiser steps
 * @param finalLoss mean training objective of the last epoch
 * @param wallTime  training time
 * @param versions  Distill, DJL, PyTorch and Java versions
 */
public record TrainingProvenance(int graphs, int bodies, int dim, long steps, double finalLoss,
                                 Duration wallTime, String versions) {
    public TrainingProvenance {
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(versions, "versions");
    }
}
