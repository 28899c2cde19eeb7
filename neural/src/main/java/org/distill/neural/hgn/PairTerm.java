package org.distill.neural.hgn;

/**
 * A pair term {@code φ(d, r, m_i, m_j)} of a Hamiltonian, evaluated on flat rows {@code [d (dim values), r, m_i, m_j]}
 * with {@code d = q_i − q_j} and {@code r = |d|}: what {@link PairDistillation} reads. A trained
 * {@link HamiltonianGraphNetwork} is one; a closed form (for tests) is another.
 */
public interface PairTerm {
    /** Spatial dimension: each row has {@code dim() + 3} values. */
    int dim();

    /** φ on {@code rows} rows of {@code inputs}: one value per row. */
    double[] pairValues(double[] inputs, int rows);

    /** The derivative of φ along the pair's direction, {@code ∇_d φ · d/r + ∂φ/∂r}, on each row. */
    double[] pairRadialDerivative(double[] inputs, int rows);
}
