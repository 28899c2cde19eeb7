package org.distill.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.distill.symbolic.search.IslandContext;

/**
 * The islands' loss caches kept in an executor's memory between epochs (one per JVM, static): keyed
 * by search and island, each with the epoch it enters and the hash of the history that made it, so
 * that a task uses its local copy only when it is the one the driver expects. Bounded (least
 * recently used out first); losing an entry only costs a replay from the driver's checkpoint.
 */
final class ResidentIslands {
    /** Islands kept per JVM: each cache holds up to 8 192 expressions (a few MB); finished searches age out. */
    static final int CAPACITY = 64;

    /** One island's cache as it enters {@code epoch}, made by the history {@code hash}. */
    record Entry(int epoch, long hash, IslandContext.LossCache cache) { }

    private record Key(String search, int island) { }

    private static final Map<Key, Entry> ENTRIES = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, ResidentIslands.Entry> eldest) { return size() > CAPACITY; }
    };

    private ResidentIslands() {}

    /** The cache of {@code island} as it enters {@code epoch} after history {@code hash}, or null. */
    static IslandContext.LossCache take(String search, int island, int epoch, long hash) {
        Entry e;
        synchronized (ENTRIES) {
            e = ENTRIES.get(new Key(search, island));
        }
        return e != null && e.epoch() == epoch && e.hash() == hash ? e.cache() : null;
    }

    static void put(String search, int island, Entry entry) {
        synchronized (ENTRIES) {
            ENTRIES.put(new Key(search, island), entry);
        }
    }

    /** Forgets every island (as a restarted executor would): for tests. */
    static void clear() {
        synchronized (ENTRIES) {
            ENTRIES.clear();
        }
    }

    /** Islands held. */
    static int size() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    /**
     * For tests: gives every entry the cache of another entry (the next one held), at the same epoch,
     * with its hash changed ({@code keepHash} false: stale entries, which must not be used) or kept
     * (forged entries, which are used: to show that the cache matters). Needs two entries or more.
     */
    static void scramble(boolean keepHash) {
        synchronized (ENTRIES) {
            if (ENTRIES.size() < 2) throw new IllegalStateException("scramble needs 2 entries or more: " + ENTRIES.size());
            java.util.List<Entry> old = new java.util.ArrayList<>(ENTRIES.values());
            int[] k = {0};
            ENTRIES.replaceAll((key, e) -> {
                Entry other = old.get(++k[0] % old.size());
                return new Entry(e.epoch(), keepHash ? e.hash() : e.hash() ^ 0x5DEECE66DL, other.cache());
            });
        }
    }
}
