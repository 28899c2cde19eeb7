/**
 * {@code distill example unet-nu}: a residual 3-D U-Net from ΛCDM to massive-neutrino density fields (Giusarma et al.
 * 2019) on pairs of cached particle-mesh runs with the same seed and A_s. See docs/CNN3D.md.
 */
package org.distill.examples.unetnu;
