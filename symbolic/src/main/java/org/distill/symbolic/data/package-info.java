/**
 * Transformations of a data set for the search: {@link org.distill.symbolic.data.GaussianProcessSmoother}
 * (denoising the target) and {@link org.distill.symbolic.data.Features} (candidate feature columns).
 * Uses {@code expr} and {@code units}, never the API package.
 */
package org.distill.symbolic.data;
