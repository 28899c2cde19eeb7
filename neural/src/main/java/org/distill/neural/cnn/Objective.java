package org.distill.neural.cnn;

/** What a voxel network is trained to output, and its loss. */
public enum Objective {
    /**
     * Occupied or not (target &gt; 0): binary cross-entropy on the logit with weight {@code positiveWeight} on the
     * occupied voxels (the rare class); the network's predictions are probabilities.
     */
    CLASSIFY,
    /** The target value: mean squared error over all voxels. */
    REGRESS,
    /** The target value where it is positive: mean squared error over the voxels with target &gt; 0 only. */
    REGRESS_OCCUPIED
}
