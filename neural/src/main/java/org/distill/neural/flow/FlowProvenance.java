package org.distill.neural.flow;

import java.util.Objects;
import java.util.Properties;

import static org.distill.neural.io.ModelFiles.get;

/**
 * How a {@link Flow} was trained; saved with it.
 *
 * @param rows      training rows
 * @param steps     optimiser steps
 * @param finalLoss mean negative log-density (in the mapped unbounded space, nats per row) of the last epoch
 * @param versions  Distill, DJL, PyTorch and Java versions
 */
public record FlowProvenance(int rows, long steps, double finalLoss, String versions) {
    public FlowProvenance {
        Objects.requireNonNull(versions, "versions");
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0: " + rows);
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0: " + steps);
    }

    void store(Properties p) {
        p.setProperty("rows", Integer.toString(rows));
        p.setProperty("steps", Long.toString(steps));
        p.setProperty("finalLoss", Double.toString(finalLoss));
        p.setProperty("versions", versions);
    }

    static FlowProvenance load(Properties p) {
        return new FlowProvenance(Integer.parseInt(get(p, "rows")), Long.parseLong(get(p, "steps")),
                Double.parseDouble(get(p, "finalLoss")), get(p, "versions"));
    }
}
