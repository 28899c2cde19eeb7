package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --spark MASTER} of discover and bench feynman. */
class SparkOptionTest {
    @TempDir Path dir;

    @Test
    void unknownMastersAreUsageErrors() {
        DistillCommandTest.Result r = DistillCommandTest.run("discover", "nofile.csv", "--target", "y", "--spark", "locl[2]");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).startsWith("--spark: unknown Spark master 'locl[2]': expected local[N], local[*], spark://host:port");
        DistillCommandTest.Result b = DistillCommandTest.run("bench", "feynman", "--problems", "I.12.1", "--spark", "cluster");
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.error()).startsWith("--spark: unknown Spark master 'cluster'");
    }

    /** The front printed with --spark local[2] is the one printed without (the header's timing aside). */
    @Test
    void discoverOnEmbeddedSparkPrintsTheSameFront() throws IOException {
        Path kepler = dir.resolve("kepler.csv");
        Files.writeString(kepler, DistillCommandTest.KEPLER);
        String[] args = {"discover", kepler.toString(), "--target", "period", "--generations", "12", "--islands", "3",
                "--population", "60", "--seed", "4", "--no-simplify", "--quiet"};
        DistillCommandTest.Result threads = DistillCommandTest.run(args);
        String[] withSpark = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--spark", "local[2]"))
                .toArray(String[]::new);
        DistillCommandTest.Result spark = DistillCommandTest.run(withSpark);
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.err()).isEmpty();
        assertThat(front(spark.out())).isEqualTo(front(threads.out())).isNotEmpty();
    }

    private static List<String> front(String out) {
        return out.lines().filter(l -> !l.startsWith("Pareto front")).toList();
    }
}
