/**
 * Newtonian dynamics with graph networks (Cranmer et al. 2020, Sec. 4): {@link org.distill.examples.newton.NewtonGn}
 * runs simulation, training and distillation end to end, {@link org.distill.examples.newton.MessagePlot} draws the
 * paper's Fig. 5. The command is {@code distill example newton-gn}.
 */
package org.distill.examples.newton;
