/**
 * Cosmology examples: a small Quijote-like particle-mesh simulation with halos and power spectra
 * ({@link org.distill.examples.cosmo.CosmoSim}).
 */
package org.distill.examples.cosmo;
