/**
 * Fisher forecasts from simulations, the Quijote way (Villaescusa-Navarro et al. 2020): derivatives of a
 * statistic by finite differences of simulations that share seeds ({@link org.distill.physics.cosmo.fisher.DerivativeStencil}),
 * its covariance from fiducial simulations with the Hartlap factor ({@link org.distill.physics.cosmo.fisher.Covariance}),
 * the Fisher matrix with marginalised and unmarginalised errors and confidence ellipses
 * ({@link org.distill.physics.cosmo.fisher.FisherMatrix}), and the whole forecast from a set of simulated data
 * vectors, with combinations of statistics (sets of columns), the convergence with the number of simulations and a
 * bootstrap of the errors ({@link org.distill.physics.cosmo.fisher.FisherForecast}). Spectra are put on wider k bins
 * up to k_max with {@link org.distill.physics.cosmo.fisher.KBinning}.
 */
package org.distill.physics.cosmo.fisher;
