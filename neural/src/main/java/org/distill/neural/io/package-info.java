/**
 * Saving and loading trained networks: {@link org.distill.neural.io.ModelFiles}, one on-disk form (properties plus
 * DJL parameters) for every network that can be saved.
 */
package org.distill.neural.io;
