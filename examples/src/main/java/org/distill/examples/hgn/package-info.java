/**
 * The flat Hamiltonian graph network on n-body data, end to end: simulate, train on ṗ and q̇, distil the pair
 * term into the pair potential's formula; run by {@code distill example hgn}.
 */
package org.distill.examples.hgn;
