/**
 * The flat Hamiltonian graph network of Cranmer et al. (2020), "Discovering Symbolic Models from Deep Learning with
 * Inductive Biases": {@code H = Σ_pairs φ(x_i − x_j, r, m_i, m_j) + Σ_i ψ(p_i, m_i)}, each term an {@link
 * org.distill.neural.lnn.Mlp}, trained on {@code ṗ = −∂H/∂q} and {@code q̇ = ∂H/∂p} with the forward-mode input
 * gradient; the pair term is then distilled into a formula.
 */
package org.distill.neural.hgn;
