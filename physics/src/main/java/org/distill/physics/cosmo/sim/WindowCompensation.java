package org.distill.physics.cosmo.sim;

/**
 * How the particle-mesh Poisson solve compensates the cloud-in-cell window
 * W(k) = Π_i sinc²(k_i H/2) of the painting and of the interpolation back.
 */
public enum WindowCompensation {
    /** No compensation: the force is smoothed by W² on scales near the cell size (FastPM's default). */
    NONE(0),
    /** Divide the potential by W once (the painting's window). */
    ONCE(1),
    /**
     * Divide by W² (painting and interpolation, as Gadget's long-range PM does). Exact for a smooth
     * density, but it amplifies the lattice pattern of particles near the mesh Nyquist frequency (up to
     * (π/2)⁴ ≈ 6 per axis), which with a mesh finer than the particle lattice drives spurious growth.
     */
    TWICE(2);

    private final int power;

    WindowCompensation(int power) { this.power = power; }

    /** The power of W divided out. */
    public int power() { return power; }
}
