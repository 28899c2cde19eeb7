package org.distill.tests.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.io.CsvTable;
import org.distill.symbolic.search.Search;

/**
 * Memory of a long search: the Kepler data with the default settings and a generation budget
 * (several hundred thousand evaluations and more), run epoch by epoch; prints the evaluations, the
 * loss caches' hit rate and the heap used after the run, and the peak heap of each pool. Run it
 * under a small heap to show that memory does not grow with the number of evaluations:
 *
 * <pre>java -Xmx256m -cp "tests/target/classes:$(cat tests/target/classpath.txt)" \
 *     org.distill.tests.bench.MemoryBenchmark [--generations N] [--seed N] [--data FILE.csv --target COL]</pre>
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        long generations = 5000, seed = 1;
        String file = "examples/data/kepler.csv", target = "period";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--generations" -> generations = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--data" -> file = args[++i];
                case "--target" -> target = args[++i];
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "': expected --generations N, --seed N, --data FILE.csv or --target COL");
            }
        }
        Dataset data = CsvTable.read(Path.of(file)).toDataset(target, null);
        SymbolicRegressor.Options o = SymbolicRegressor.builder().generations(generations).seed(seed).simplify(false)
                .build().options();
        System.out.printf(Locale.ROOT, "%s; max heap %d MB; %s, %d rows, %d generations%n", BenchMachine.describe(),
                Runtime.getRuntime().maxMemory() >> 20, file, data.rows(), generations);
        long start = System.nanoTime();
        try (Search search = new Search(o, data.columns(), data.variables(), new AtomicBoolean(), true)) {
            search.stream().forEach(e -> {
                if (e.generation() % 1000 == 0) {
                    Runtime rt = Runtime.getRuntime();
                    System.out.printf(Locale.ROOT, "generation %d: %d evaluations, heap used %d MB%n",
                            e.generation(), e.evaluations(), (rt.totalMemory() - rt.freeMemory()) >> 20);
                }
            });
            long[] cache = search.cacheStatistics();
            Search.Result r = search.finish();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
            }
            System.out.printf(Locale.ROOT, "%d generations, %d evaluations in %.1f s; cache hit rate %.1f %% of %d look-ups;"
                    + " heap after GC %d MB, peak (sum of pools) %d MB; front %d equations%n",
                    r.generation(), r.evaluations(), (System.nanoTime() - start) / 1e9,
                    100.0 * cache[1] / Math.max(1, cache[0]), cache[0],
                    (rt.totalMemory() - rt.freeMemory()) >> 20, peak >> 20, r.equations().size());
        }
    }
}
