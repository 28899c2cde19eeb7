/**
 * Computer algebra for work off the search's hot loop: {@link org.distill.symbolic.algebra.Simplifier}
 * simplifies the equations of a front, {@link org.distill.symbolic.algebra.SymbolicEquality} decides
 * equality up to constants (for benchmarks), {@link org.distill.symbolic.algebra.ClosedForms} snaps
 * fitted constants to short closed forms (pure numerics). The Symja engine (daemon worker threads,
 * timeouts, warm-up) is {@link org.distill.symbolic.algebra.SymjaEngine}; the conversion between
 * expressions and Symja, both ways, is package-private ({@code SymjaConversion}).
 */
package org.distill.symbolic.algebra;
