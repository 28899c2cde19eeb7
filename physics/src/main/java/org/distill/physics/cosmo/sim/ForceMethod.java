package org.distill.physics.cosmo.sim;

/**
 * How the particle-mesh force F = −∇Φ is differentiated on the mesh (cell size H).
 * Both are applied in Fourier space and zero on the Nyquist plane of their axis.
 */
public enum ForceMethod {
    /** Spectral gradient: ∂/∂x → i k_x (exact for band-limited fields). */
    SPECTRAL,
    /**
     * Four-point centred finite difference, [8(Φ_{i+1} − Φ_{i−1}) − (Φ_{i+2} − Φ_{i−2})]/(12H),
     * applied as its Fourier transform ∂/∂x → i [8 sin(k_x H) − sin(2 k_x H)]/(6H) (the same
     * operator on the periodic mesh, without the real-space stencil pass).
     */
    FINITE_DIFFERENCE;

    /** The real factor g with ∂/∂x → i g(k_x). */
    double derivative(double k, double cell) {
        if (this == SPECTRAL) return k;
        return (8 * Math.sin(k * cell) - Math.sin(2 * k * cell)) / (6 * cell);
    }

    /** Parses "spectral", "fd", "finite-difference" (case-insensitive). */
    public static ForceMethod parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "spectral", "fourier", "ik" -> SPECTRAL;
            case "fd", "fd4", "finite-difference", "finite_difference" -> FINITE_DIFFERENCE;
            default -> throw new IllegalArgumentException("force method must be spectral or fd: '" + s + "'");
        };
    }
}
