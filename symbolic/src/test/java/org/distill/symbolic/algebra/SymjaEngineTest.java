package org.distill.symbolic.algebra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill.symbolic.algebra.AlgebraFixtures.ALL;
import static org.distill.symbolic.algebra.AlgebraFixtures.TIMEOUT;
import static org.distill.symbolic.algebra.AlgebraFixtures.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SymjaEngineTest {
    private static Set<Thread> threadsBefore;

    @BeforeAll
    static void warmUp() throws InterruptedException {
        threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
        Thread t = SymjaEngine.warmUpInBackground();
        assertThat(t.isDaemon()).isTrue();
        t.join(30_000);
    }

    @Test
    void leavesNoNonDaemonThreads() {
        Simplifier.simplify(parse("x*x + 2*x*y + y*y"), ALL, TIMEOUT);
        List<String> extra = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && !threadsBefore.contains(t))
                .map(Thread::getName).toList();
        assertThat(extra).isEmpty();
    }

    /** Symja prints some exceptions whatever its quiet mode; what its worker threads print is dropped, the rest kept. */
    @Test
    void whatTheWorkerThreadsPrintIsDroppedTheRestKept() throws InterruptedException {
        var captured = new java.io.ByteArrayOutputStream();
        var stream = new SymjaEngine.WorkerSilencingStream(new java.io.PrintStream(captured, true,
                java.nio.charset.StandardCharsets.UTF_8));
        Thread worker = new Thread(() -> stream.println("ArgumentTypeException: Infinite expression 1/0 encountered."),
                SymjaEngine.WORKER_PREFIX + "7");
        worker.start();
        worker.join();
        stream.println("kept: Δ");
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("kept: Δ" + System.lineSeparator());

        SymjaEngine.warmUp();
        assertThat(System.err).isInstanceOf(SymjaEngine.WorkerSilencingStream.class);
    }
}
