/**
 * Fields on a periodic mesh, shared by the estimators and the particle-mesh simulation.
 *
 * <ul>
 *   <li>{@link org.distill.physics.cosmo.mesh.RealGrid}: n³ float32 values, row-major (z fastest), node (i, j, k) at
 *       (i, j, k)·L/n.</li>
 *   <li>{@link org.distill.physics.cosmo.mesh.FourierGrid}: the half-complex transform (k_z ≥ 0), the wavenumber of
 *       each stored mode, and loops over modes with (k_x, k_y, k_z) and their multiplicity.</li>
 *   <li>{@link org.distill.physics.cosmo.mesh.Fft}: forward δ_k = Σ δ(x)e^{−ik·x}, inverse with 1/n³, over
 *       JTransforms' real-to-complex 3-D FFT.</li>
 *   <li>{@link org.distill.physics.cosmo.mesh.MassAssignment}: NGP, CIC, TSC, PCS painting and interpolation with the
 *       same kernel (multi-threaded, deterministic), and their windows W(k) = Π sinc(k_i H/2)^p.</li>
 *   <li>{@link org.distill.physics.cosmo.mesh.DensityField}: δ = ρ/ρ̄ − 1 of particles, in Fourier space with
 *       interlacing and deconvolution.</li>
 * </ul>
 *
 * A particle-mesh force, for example: paint the particles with CIC, {@code Fft.forward}, multiply each mode by
 * i k_a/k² (the force −∇φ of ∇²φ = δ, times the constant 3Ω_m H₀²/(2a) of the units used; divide by W_CIC(k)² to
 * compensate painting and interpolation) in
 * {@code forEachModeParallel}, zeroing the Nyquist modes, {@code Fft.inverse} per axis a, and read the force at the
 * particles with {@code MassAssignment.CIC.interpolate}.
 */
package org.distill.physics.cosmo.mesh;
