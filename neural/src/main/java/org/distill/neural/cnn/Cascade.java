package org.distill.neural.cnn;

import java.util.Objects;

/**
 * Two voxel networks in a cascade (Zhang et al. 2019): a classifier says which voxels are occupied (probability above
 * {@code threshold}); a regressor trained on occupied voxels only says how many, rounded, at least one. Closing it
 * closes both networks.
 *
 * @param classifier a network trained with {@link Objective#CLASSIFY}
 * @param regressor  a network trained with {@link Objective#REGRESS_OCCUPIED} (or {@link Objective#REGRESS})
 * @param threshold  probability above which a voxel counts as occupied, in (0, 1)
 */
public record Cascade(VoxelNetwork classifier, VoxelNetwork regressor, double threshold) implements AutoCloseable {
    public Cascade {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(regressor, "regressor");
        if (classifier.config().objective() != Objective.CLASSIFY)
            throw new IllegalArgumentException("the classifier must be trained to CLASSIFY: " + classifier.config().objective());
        if (regressor.config().objective() == Objective.CLASSIFY)
            throw new IllegalArgumentException("the regressor must be trained to regress: " + regressor.config().objective());
        if (classifier.channels() != regressor.channels())
            throw new IllegalArgumentException("classifier takes " + classifier.channels() + " channels, regressor " + regressor.channels());
        if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
    }

    /** Counts per voxel of a whole periodic box: 0 where the classifier says empty, else max(1, round(regressor)). */
    public float[] predict(float[][] input, int n) {
        float[] p = classifier.predict(input, n), r = regressor.predict(input, n), out = new float[p.length];
        for (int i = 0; i < p.length; i++) out[i] = p[i] > threshold ? Math.max(1, Math.round(r[i])) : 0;
        return out;
    }

    @Override public void close() {
        try {
            classifier.close();
        } finally {
            regressor.close();
        }
    }
}
