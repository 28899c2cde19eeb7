package org.distill.physics.cosmo.sim;

/** How massive neutrinos (Mν &gt; 0) enter the Poisson source of a run whose particles are cold matter. */
public enum NeutrinoTreatment {
    /**
     * Linear response (Ali-Haïmoud &amp; Bird 2013 in spirit, with the Eisenstein–Hu 1999 transfer
     * ratio): δ_m,k = (1 − f_ν) δ_cb,k + f_ν δ_ν,k with δ_ν = δ_cb · (δ_ν/δ_cb)_lin(k, a), i.e.
     * δ_m = δ_cb · D_cbν/D_cb ({@link org.distill.physics.cosmo.linear.EisensteinHuPower#totalToCb}).
     */
    LINEAR_RESPONSE,
    /** Neutrinos as a smooth background: δ_ν = 0, δ_m = (1 − f_ν) δ_cb. */
    SMOOTH
}
