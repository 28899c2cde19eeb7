package org.distill.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.search.IslandContext;
import org.distill.symbolic.search.IslandExecutor;
import org.distill.symbolic.search.IslandState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Islands kept on the executors ({@link ResidentIslands}): the front and evaluation count do not
 * depend on whether an executor still holds an island's cache. A cache lost between two epochs (as
 * on another or a restarted executor) is rebuilt from the driver's checkpoint; a cache with the
 * wrong history is not used.
 */
class IslandResidencyTest {
    private static SparkContexts.Handle spark;
    /** The threaded search's front, the reference of every test. */
    private static ParetoFront threads;

    @BeforeAll static void start() {
        spark = SparkContexts.start("local[2]", "distill-residency-test");
        threads = small().threads(2).build().fit(SparkIslandExecutorTest.data());
    }

    @AfterAll static void stop() {
        if (spark != null) spark.close();
    }

    @AfterEach void forget() {
        ResidentIslands.clear();
    }

    /** 9 epochs of 2 generations; checkpoints every 4 epochs, so a miss at epoch 6 replays 1 epoch and one at 7, 2. */
    static SymbolicRegressor.Builder small() {
        return SparkIslandExecutorTest.small().generations(18).generationsPerEpoch(2);
    }

    /** Delegates to Spark and does {@code between} after epoch {@code after} (counting from 1). */
    static final class Meddling implements IslandExecutor {
        final SparkIslandExecutor inner = new SparkIslandExecutor(spark.context(), 2, 4);
        final int after;
        final Runnable between;
        int epochs;

        Meddling(int after, Runnable between) {
            this.after = after;
            this.between = between;
        }

        @Override public List<IslandState> epoch(IslandContext c, List<IslandState> in, int g, long d, BooleanSupplier stop)
                throws InterruptedException {
            List<IslandState> out = inner.epoch(c, in, g, d, stop);
            if (++epochs == after) between.run();
            return out;
        }

        @Override public void release(IslandContext c) { inner.release(c); }
    }

    private static ParetoFront fit(IslandExecutor executor) {
        return small().threads(1).executor(executor).build().fit(SparkIslandExecutorTest.data());
    }

    @Test
    void keptIslandsGiveTheThreadedFrontAndSendOnlyTheCores() {
        Meddling spark = new Meddling(0, () -> { });
        ParetoFront onSpark = fit(spark);
        assertThat(onSpark.equations()).isEqualTo(threads.equations());
        assertThat(onSpark.provenance().evaluations()).isEqualTo(threads.provenance().evaluations());
        SparkIslandExecutor.Traffic t = spark.inner.traffic();
        assertThat(t.islandEpochs()).isEqualTo(27);
        assertThat(t.replays()).isZero(); // one JVM: every island found where it was left
        assertThat(ResidentIslands.size()).isEqualTo(3);
    }

    @Test
    void aCacheLostAtAnyEpochIsRebuiltExactly() {
        for (int after : new int[] {4, 7}) { // just after a checkpoint, and two epochs past one
            Meddling spark = new Meddling(after, ResidentIslands::clear);
            ParetoFront onSpark = fit(spark);
            assertThat(onSpark.equations()).as("cache lost after epoch %d", after).isEqualTo(threads.equations());
            assertThat(onSpark.provenance().evaluations()).as("cache lost after epoch %d", after)
                    .isEqualTo(threads.provenance().evaluations());
            assertThat(spark.inner.traffic().replays()).as("cache lost after epoch %d", after).isEqualTo(3);
        }
    }

    @Test
    void aStaleCacheIsNotUsed() {
        Meddling stale = new Meddling(6, () -> ResidentIslands.scramble(false));
        ParetoFront onSpark = fit(stale);
        assertThat(onSpark.equations()).isEqualTo(threads.equations());
        assertThat(onSpark.provenance().evaluations()).isEqualTo(threads.provenance().evaluations());
        assertThat(stale.inner.traffic().replays()).isEqualTo(3);
        // the same wrong caches under the expected hashes are used, and change the search: the check matters
        ResidentIslands.clear();
        Meddling forged = new Meddling(6, () -> ResidentIslands.scramble(true));
        ParetoFront misled = fit(forged);
        assertThat(forged.inner.traffic().replays()).isZero();
        assertThat(misled.provenance().evaluations()).isNotEqualTo(threads.provenance().evaluations());
    }
}
