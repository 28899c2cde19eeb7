/**
 * Clustering statistics of particles in a periodic box: {@link org.distill.physics.cosmo.stats.PowerSpectrumEstimator}
 * (monopole, quadrupole and hexadecapole with the assignment window divided out and the shot noise subtracted;
 * cross power), its results {@link org.distill.physics.cosmo.stats.PowerSpectrum} (with the text format
 * {@code k P0 P2 P4 modes}) and {@link org.distill.physics.cosmo.stats.CrossPowerSpectrum} (with r(k)),
 * {@link org.distill.physics.cosmo.stats.RedshiftSpace} (s = x + v/(aH) along an axis) and
 * {@link org.distill.physics.cosmo.stats.WhiteMark} (the marked density field of White 2016 and Massara et al. 2020).
 */
package org.distill.physics.cosmo.stats;
