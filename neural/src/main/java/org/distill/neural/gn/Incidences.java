package org.distill.neural.gn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.SparseFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sparse COO incidence matrices, one per batch shape, built once and kept: {@code (N, E)} with a 1 at
 * (receiver of edge e, e), so {@code incidence.matMul(messages)} sums each node's incoming messages
 * (DJL has no scatter-add: {@code scatter} and indexed {@code set} overwrite repeated indices).
 */
final class Incidences implements AutoCloseable {
    private static final int CAPACITY = 8;

    private final NDManager manager;
    private final Map<Long, NDArray> cache = new LinkedHashMap<>();

    Incidences(NDManager parent) { manager = parent.newSubManager(); }

    /** The incidence matrix of {@code graphs} fully connected graphs of {@code bodies} nodes. */
    synchronized NDArray of(int graphs, int bodies) {
        long key = (long) graphs << 32 | bodies;
        NDArray cached = cache.get(key);
        if (cached != null) return cached;
        if (cache.size() == CAPACITY) {
            var eldest = cache.entrySet().iterator();
            eldest.next().getValue().close();
            eldest.remove();
        }
        NDArray created = create(manager, graphs, bodies);
        cache.put(key, created);
        return created;
    }

    /**
     * The incidence matrix, in {@code manager} beyond any scope. Built as a dense one-hot matrix
     * ({@code eye(N)} with every column repeated n−1 times) turned sparse: {@code NDManager.createCoo}
     * cannot be used, because DJL 0.36 closes the index and value arrays it wraps while the sparse
     * tensor still points into their memory, which the garbage collector then frees (seen as
     * "addmm: index out of column bound" in backward).
     */
    @SuppressWarnings("try") // the scope frees the dense temporaries
    static NDArray create(NDManager manager, int graphs, int bodies) {
        int nodes = graphs * bodies;
        try (var scope = new NDScope()) {
            NDArray coo = manager.eye(nodes).repeat(1, bodies - 1).toSparse(SparseFormat.COO);
            NDScope.unregister(coo);
            return coo;
        }
    }

    @Override public synchronized void close() {
        cache.clear();
        manager.close();
    }
}
