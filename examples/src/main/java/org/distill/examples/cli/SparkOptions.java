package org.distill.examples.cli;

import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.spark.SparkContexts;
import picocli.CommandLine.Option;

/**
 * {@code --spark MASTER}: run the command's independent work as Apache Spark tasks (the islands of
 * {@code discover}, the problems of {@code bench feynman}). Embedded Spark ({@code local[N]}) needs
 * no installation; a cluster is {@code spark://host:port}, or {@code submit} under spark-submit.
 */
final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run on Apache Spark: local[N] or local[*] (embedded), spark://HOST:PORT (a standalone cluster), "
                    + "or submit (the master spark-submit set). The result is the same as without it.")
    String master;

    boolean enabled() { return master != null; }

    /** Checks the master (a usage error), before any work. */
    void check() {
        if (master == null) return;
        try {
            master = SparkContexts.checkMaster(master);
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--spark: " + e.getMessage());
        }
    }

    /** Starts Spark; the caller closes it. */
    SparkContexts.Handle start() {
        check();
        try {
            return SparkContexts.start(master, "distill");
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--spark: " + e.getMessage());
        } catch (RuntimeException e) {
            throw Failure.data("--spark " + master + ": Spark did not start: " + e.getMessage());
        }
    }
}
