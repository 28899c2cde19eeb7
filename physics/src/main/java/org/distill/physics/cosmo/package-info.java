/**
 * A small Quijote: cosmology on a periodic box. {@link org.distill.physics.cosmo.Cosmology} (flat w-CDM
 * with massive neutrinos, Quijote's fiducial as {@code QUIJOTE}) and {@link org.distill.physics.cosmo.Snapshot}
 * (particles at one redshift, in Mpc/h, km/s and M☉/h) are shared by the sub-packages: linear theory,
 * initial conditions and the particle-mesh simulation, density fields and power spectra,
 * friends-of-friends halos, and Quijote's file formats.
 */
package org.distill.physics.cosmo;
