/**
 * {@code distill example dm2gal}: dark matter to galaxies with 3-D convolutional networks (Zhang et al. 2019) on
 * cached particle-mesh boxes, a decorated HOD with assembly bias as the truth, and the mass-only Zheng et al. (2007)
 * HOD as the baseline. {@link org.distill.examples.dm2gal.PmBoxes} caches PM runs; {@link org.distill.examples.dm2gal.CnnPlots}
 * draws slices and P(k) ratios for both CNN examples. See docs/CNN3D.md.
 */
package org.distill.examples.dm2gal;
