/**
 * Quijote's file formats, read and written: Gadget HDF5 snapshots ({@link org.distill.physics.cosmo.io.GadgetHdf5},
 * kpc/h, √a velocities, 10¹⁰ M☉/h, single and multi-file), Gadget FoF halo catalogues as Pylians' {@code readfof}
 * reads them ({@link org.distill.physics.cosmo.io.QuijoteFof}), and our own halo catalogues as CSV
 * ({@link org.distill.physics.cosmo.io.HaloCsv}) and HDF5 ({@link org.distill.physics.cosmo.io.HaloHdf5}) in
 * Mpc/h, km/s and M☉/h. Readers return the shared values {@link org.distill.physics.cosmo.Snapshot} and
 * {@link org.distill.physics.cosmo.HaloCatalog} in those units; malformed or missing files are a
 * {@link org.distill.physics.cosmo.io.FormatException} with a one-line message naming the file. Writers go
 * through {@link org.distill.physics.io.AtomicFile} and replace an existing file only when asked to.
 */
package org.distill.physics.cosmo.io;
