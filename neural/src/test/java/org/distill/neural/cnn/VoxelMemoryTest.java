package org.distill.neural.cnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 1 200 training steps of a small batch-normalised voxel network with flat native memory, checked as
 * {@code LnnMemoryTest} does: the resident set grows by less than 10 MB beyond the committed Java heap's growth between
 * step 600 and step 1 200 (the first steps grow the heap and warm up the JIT). Tagged slow (tens of seconds).
 */
@Tag("slow")
class VoxelMemoryTest {
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Test void memoryStaysFlatOverTraining() {
        int n = 12;
        float[] x = VoxelNetworkTest.noise(n, 1), y = VoxelNetworkTest.neighbourMean(x, n);
        var config = VoxelConfig.builder().channels(4).depth(2).subVolume(4).margin(2).batchSize(2).epochs(12).stepsPerEpoch(100)
                .seed(3).build();
        long[] rss = new long[2], heap = new long[2];
        try (var t = VoxelTrainer.of(config).train(VoxelData.of(n, new float[][] {x}, y), p -> {
            System.gc();
            if (p.epoch() == 6) { rss[0] = residentBytes(); heap[0] = Runtime.getRuntime().totalMemory(); }
            if (p.epoch() == 12) { rss[1] = residentBytes(); heap[1] = Runtime.getRuntime().totalMemory(); }
        })) {
            assertThat(t.report().steps()).isEqualTo(1200);
            assertThat(Double.isFinite(t.report().finalLoss())).isTrue();
        }
        long growth = (rss[1] - rss[0]) - Math.max(0, heap[1] - heap[0]);
        System.out.printf("VoxelMemoryTest: RSS at step 600 %.1f MB, at step 1200 %.1f MB; committed heap %.1f -> %.1f MB%n",
                rss[0] / 1048576.0, rss[1] / 1048576.0, heap[0] / 1048576.0, heap[1] / 1048576.0);
        if (rss[0] > 0) assertThat(growth).as("RSS growth beyond the committed Java heap's, bytes").isLessThan(10L << 20);
    }
}
