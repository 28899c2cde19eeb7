package org.distill.symbolic.search;

import java.io.Serializable;
import java.util.Objects;

/**
 * One island between two epochs, as bytes (see {@link IslandContext}): what an
 * {@link IslandExecutor} sends to a worker and gets back. Opaque: only the search reads it.
 *
 * @param island         the island's index in the search
 * @param generationsRun generations the last epoch ran (fewer than asked when a deadline stopped it)
 * @param core           the generator, population, scorer counters and hall of fame
 * @param cache          the scorer's loss cache (about 8 000 expressions: the larger part)
 */
public record IslandState(int island, int generationsRun, byte[] core, byte[] cache) implements Serializable {
    private static final long serialVersionUID = 1L;

    public IslandState {
        if (island < 0) throw new IllegalArgumentException("island must be >= 0: " + island);
        if (generationsRun < 0) throw new IllegalArgumentException("generationsRun must be >= 0: " + generationsRun);
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(cache, "cache");
    }

    /** Bytes in all. */
    public long size() { return (long) core.length + cache.length; }

    @Override public String toString() {
        return "IslandState[island=" + island + ", generationsRun=" + generationsRun + ", bytes=" + size() + "]";
    }
}
