package org.distill.neural.lnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.TrainingReport;
import org.distill.physics.lagrangian.DoublePendulum;
import org.distill.physics.lagrangian.StateSamples;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 2 000 training steps of a Lagrangian network (the Hessian inside the loss) with flat memory: the resident set grows
 * by less than 10 MB between step 1 000 and step 2 000 (autograd's double backward leaked ~20 MB per step; the first
 * few hundred steps grow the Java heap and warm up the JIT), and the network's manager holds the same arrays
 * throughout. About 20 s on one core, so tagged slow; measured numbers in docs/LAGRANGIAN-NETWORKS.md.
 */
@Tag("slow")
class LnnMemoryTest {
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Test void memoryStaysFlatOver2000Steps() {
        var config = LnnConfig.builder().hiddenSize(32).hiddenLayers(2).epochs(1000).batchSize(32).seed(1).build();
        StateSamples data = StateSamples.random(DoublePendulum.of(), 64, 3);
        long[] rss = new long[2], heap = new long[2];
        int[] arrays = new int[2];
        LagrangianNetwork[] model = new LagrangianNetwork[1];     // the model the trainer makes, for the listener
        try (var trained = LnnTrainer.of(config, (dof, c) -> model[0] = LagrangianNetwork.of(dof, c)).train(data, p -> {
            LagrangianNetwork lnn = model[0];
                // a full collection every 200 steps keeps the Java heap from touching fresh pages (which RSS would
                // count) as its occupancy climbs towards a first collection; what RSS still gains is native memory
                if (p.steps() % 200 == 0) System.gc();
                if (p.steps() % 200 == 0) System.out.printf("step %d: RSS %.1f MB, Java heap used %.1f MB%n", p.steps(),
                        residentBytes() / 1048576.0, (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0);
                if (p.steps() == 1000) { rss[0] = residentBytes(); heap[0] = Runtime.getRuntime().totalMemory(); arrays[0] = lnn.mlp().managedArrays(); }
                if (p.steps() == 2000) { rss[1] = residentBytes(); heap[1] = Runtime.getRuntime().totalMemory(); arrays[1] = lnn.mlp().managedArrays(); }
            }, new AtomicBoolean())) {
            TrainingReport r = trained.report();
            assertThat(r.steps()).isEqualTo(2000);
            assertThat(Double.isFinite(r.finalLoss())).isTrue();
        }
        assertThat(arrays[1]).isEqualTo(arrays[0]);
        // the JVM may still be growing its committed heap at step 1000 (that shows in RSS too): count only the rest
        long native_ = (rss[1] - rss[0]) - Math.max(0, heap[1] - heap[0]);
        if (rss[0] > 0) assertThat(native_).as("RSS growth beyond the committed Java heap's, bytes").isLessThan(10L << 20);
        System.out.printf("LnnMemoryTest: RSS at step 1000 %.1f MB, at step 2000 %.1f MB; committed heap %.1f -> %.1f MB; "
                + "%d arrays in the network's manager%n", rss[0] / 1048576.0, rss[1] / 1048576.0, heap[0] / 1048576.0,
                heap[1] / 1048576.0, arrays[1]);
    }
}
