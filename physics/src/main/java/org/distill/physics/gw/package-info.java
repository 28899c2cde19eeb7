/**
 * A phenomenological binary-black-hole population ({@link org.distill.physics.gw.PopulationModel}): four
 * hyper-parameters ({@link org.distill.physics.gw.PopulationParameters}), six observables per event, exact sampling and
 * exact normalised log-density, and the catalogue log-likelihood of a hierarchical inference. See
 * {@code docs/GW-POPULATION.md}.
 */
package org.distill.physics.gw;
