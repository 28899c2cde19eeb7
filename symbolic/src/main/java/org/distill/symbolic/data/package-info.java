/**
 * Transformations of a data set before the search: {@link org.distill.symbolic.data.GaussianProcessSmoother}
 * (denoising the target). Uses no other package of {@code symbolic}.
 */
package org.distill.symbolic.data;
