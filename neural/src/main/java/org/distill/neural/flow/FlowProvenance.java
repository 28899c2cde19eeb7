package org.distill.neural.flow;

import java.util.Objects;
import java.util.Properties;

import static org.distill.neural.io.ModelFiles.get;

/**
 * How a {@link Flow} was trained; saved with it.
 *
 * @param rows      training rows
 * @param steps     optimiser steps
 * @param skippedSteps steps that updated nothing because the loss or a gradient was not finite (0 in flows saved
 *                  before this was counted)
 * @param finalLoss mean negative log-density (in the mapped unbounded space, nats per row) of the last epoch
 * @param versions  Distill, DJL, PyTorch and Java versions
 */
public record FlowProvenance(int rows, long steps, long skippedSteps, double finalLoss, String versions) {
    public FlowProvenance {
        Objects.requireNonNull(versions, "versions");
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0: " + rows);
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0: " + steps);
        if (skippedSteps < 0 || skippedSteps > steps)
            throw new IllegalArgumentException("skippedSteps must be in [0, steps = " + steps + "]: " + skippedSteps);
    }

    void store(Properties p) {
        p.setProperty("rows", Integer.toString(rows));
        p.setProperty("steps", Long.toString(steps));
        p.setProperty("skippedSteps", Long.toString(skippedSteps));
        p.setProperty("finalLoss", Double.toString(finalLoss));
        p.setProperty("versions", versions);
    }

    static FlowProvenance load(Properties p) {
        return new FlowProvenance(Integer.parseInt(get(p, "rows")), Long.parseLong(get(p, "steps")),
                Long.parseLong(p.getProperty("skippedSteps", "0")), Double.parseDouble(get(p, "finalLoss")), get(p, "versions"));
    }
}
