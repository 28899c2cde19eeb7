package org.distill.neural.gn;

/** What the node model sees: the node's own features with its summed messages, or the messages alone. */
public enum NodeInput {
    /**
     * The node's velocity, charge and mass (and position with {@link Features#ABSOLUTE}) and the sum of the messages it
     * receives, as in the paper. The node model may then undo any factor of the receiver's mass and charge that the
     * messages carry (the receiver gauge of {@code neural.analysis.ReceiverGauge}). The default.
     */
    ALL,
    /**
     * The sum of the messages only. The node model cannot tell one receiver from another, so the messages must carry
     * everything the receiver's acceleration depends on: for a pair force they must be the pair's contribution to the
     * acceleration, {@code F/m1}, up to one fixed linear map (no drag term, which is not a pair force, can be learned).
     */
    MESSAGES;

    /** Lower-case name, as the command line writes it. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
