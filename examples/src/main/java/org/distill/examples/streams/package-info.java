/**
 * Deep Sets for stellar streams: {@link org.distill.examples.streams.Streams} generates mock stream tasks,
 * meta-trains the set model, and compares it on held-out streams with per-stream random forests;
 * {@link org.distill.examples.streams.SkyPlot} draws one stream in the sky. The command is
 * {@code distill example streams}.
 */
package org.distill.examples.streams;
