/**
 * Simulators and estimators that produce data for Distill: n-body systems with pair potentials,
 * pendulums, the relativistic particle, wave chains, stellar streams and cosmological fields.
 * The module builds now and fills up with the graph-network, Lagrangian-network and Deep Sets issues.
 */
package org.distill.physics;
