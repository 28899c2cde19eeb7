package org.distill.neural.gn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill.neural.SpringGraphs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Speed and memory of the default graph network (3×300 hidden, 100-component messages, batch 64) on
 * 4-body 2-D spring graphs, one PyTorch thread. Prints wall and thread CPU time (on a busy machine
 * only the latter means much) and the resident set size. About a minute on a quiet machine:
 * {@code mvn -o -q -pl neural -am test -Dgroups=slow -DexcludedGroups= -Dtest=GraphNetworkBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("slow")
class GraphNetworkBenchmarkTest {
    private static final int GRAPHS = 10_000;

    @Test void secondsPerEpochAndMemoryOverSteps() {
        var threads = ManagementFactory.getThreadMXBean();
        var data = SpringGraphs.generate(GRAPHS, 4, 2, 1);
        var timing = GraphNetworkConfig.builder().epochs(2).build();
        long[] mark = {System.nanoTime(), threads.getCurrentThreadCpuTime()};
        try (var gn = GraphNetworkTrainer.of(timing).train(data, p -> {
            long wall = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
            System.out.printf("%,d graphs, epoch %d (%d steps): %.2f s wall, %.2f s CPU, loss %.4f, RSS %d MB%n",
                    GRAPHS, p.epoch(), p.steps(), (wall - mark[0]) / 1e9, (cpu - mark[1]) / 1e9, p.loss(), rssMegabytes());
            mark[0] = wall;
            mark[1] = cpu;
        }).model()) {
            long wall = System.nanoTime(), cpu = threads.getCurrentThreadCpuTime();
            double loss = gn.loss(data);
            System.out.printf("evaluation of %,d graphs: %.2f s wall, %.2f s CPU, loss %.4f%n", GRAPHS,
                    (System.nanoTime() - wall) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9, loss);
            assertThat(loss).isLessThan(SpringGraphs.zeroLoss(data));
        }

        var memory = GraphNetworkConfig.builder().epochs(16).build();
        try (var gn = GraphNetworkTrainer.of(memory).train(data.slice(0, 1600), p -> {
            if (p.epoch() % 2 == 0) System.out.printf("memory run, step %d: RSS %d MB%n", p.steps(), rssMegabytes());
        }).model()) {
            assertThat(gn.provenance().steps()).isEqualTo(16 * 25);
        }
    }

    private static long rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
