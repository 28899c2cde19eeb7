package org.distill.symbolic;

import java.time.Duration;

/**
 * A snapshot of a running search, emitted after every epoch (a fixed number of generations on
 * every island, followed by migration).
 *
 * @param generation  generations completed per island
 * @param evaluations candidate evaluations so far (all islands)
 * @param elapsed     wall time since the start
 * @param bestLoss    lowest loss in the hall of fame (on the search rows)
 * @param fraction    estimated fraction of the budget used, in [0, 1], or NaN when unbounded
 * @param front       the current front (not yet simplified by Symja)
 */
public record Progress(long generation, long evaluations, Duration elapsed, double bestLoss,
                       double fraction, ParetoFront front) {
    /** Evaluations per second so far. */
    public double evaluationsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? evaluations / s : 0;
    }
}
