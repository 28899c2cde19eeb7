/**
 * The halo-overdensity experiment of Cranmer et al. (2020, Sec. 5), {@code distill example halos}: halos of the
 * toolkit's particle-mesh boxes (or a Quijote realisation), a graph network over them
 * ({@link org.distill.neural.halos}), its distillation into a closed form, and the paper's baselines
 * ({@link org.distill.examples.halos.HaloOverdensity}); see {@code docs/HALOS.md}.
 */
package org.distill.examples.halos;
