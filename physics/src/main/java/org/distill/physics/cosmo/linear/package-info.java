/**
 * Linear theory for a {@link org.distill.physics.cosmo.Cosmology}: growth factors of first and second
 * order ({@link org.distill.physics.cosmo.linear.Growth}), the Eisenstein &amp; Hu transfer functions
 * ({@link org.distill.physics.cosmo.linear.EisensteinHu}: EH98 with baryon oscillations, EH99 massive
 * neutrinos), the linear power spectra of all matter and of cold matter with the neutrinos' linear
 * response ({@link org.distill.physics.cosmo.linear.EisensteinHuPower}), tabulated spectra such as
 * CAMB's ({@link org.distill.physics.cosmo.linear.TabulatedPower}), top-hat σ(R) and σ(M)
 * ({@link org.distill.physics.cosmo.linear.LinearPower}) and halo mass functions
 * ({@link org.distill.physics.cosmo.linear.MassFunction}).
 *
 * <p>Units: k in h/Mpc, P in (Mpc/h)³, R in Mpc/h, M in M☉/h, number densities in (h/Mpc)³; inside
 * {@link org.distill.physics.cosmo.linear.EisensteinHu} the papers' Mpc⁻¹ and Mpc are reported as such.
 */
package org.distill.physics.cosmo.linear;
