/**
 * Mock stellar streams for the Deep Sets issue: {@link org.distill.physics.streams.StreamTaskGenerator} sprays
 * stars off a progenitor orbiting in a {@link org.distill.physics.streams.MilkyWayPotential}, observes them through
 * the {@link org.distill.physics.streams.Galactocentric} frame with an
 * {@link org.distill.physics.streams.Isochrone} and {@link org.distill.physics.streams.GaiaErrors}, hides them in
 * a smooth Galactic field, and returns {@link org.distill.physics.streams.StreamTask}s: a
 * {@link org.distill.physics.streams.StarCatalog} of Gaia observables and member flags.
 * {@link org.distill.physics.streams.StreamTaskFile} stores tasks; {@link org.distill.physics.streams.GaiaCsv}
 * reads real Gaia tables. See docs/STREAM-DATA.md.
 */
package org.distill.physics.streams;
