/**
 * Pure-Java checks of what a trained network learned, without DJL: whether the strongest message
 * components are linear combinations of the true forces (Cranmer et al. 2020, Fig. 3).
 */
package org.distill.neural.analysis;
