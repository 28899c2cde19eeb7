package org.distill.symbolic.algebra;

/** How two expressions relate, as decided by {@link SymbolicEquality#relation}. */
public enum Relation {
    /** {@code a − b} simplifies to zero. */
    EQUAL,
    /** {@code a − b} simplifies to a non-zero constant (free of every variable). */
    OFFSET,
    /** {@code a / b} simplifies to a constant other than 1 (free of every variable). */
    SCALE,
    /** None of the above could be shown within the timeout (which is not a proof of difference). */
    NONE
}
