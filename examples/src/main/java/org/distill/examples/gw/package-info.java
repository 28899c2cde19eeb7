/**
 * Gravitational-wave population inference with a normalising-flow emulator (Wong, Contardo &amp; Ho 2020):
 * {@link org.distill.examples.gw.GwPopulation} (train or load the flow, compare densities, infer the hyper-parameters of
 * simulated catalogues with the flow and with the exact model) and its {@link org.distill.examples.gw.CornerPlot}.
 * See {@code docs/GW-POPULATION.md}.
 */
package org.distill.examples.gw;
