package org.distill.spark;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Starts the Spark context of a command or a program: embedded ({@code local[N]}, no Spark
 * installation needed), a standalone cluster ({@code spark://host:port}), or whatever
 * {@code spark-submit} set up ({@code submit}: its master and jars). The web UI is off; Spark logs
 * through SLF4J (nothing is printed where no SLF4J back end is installed).
 *
 * <p>Classes on the executors: under {@code spark-submit} they come from its {@code --jars} and the
 * application jar. With a {@code spark://} master started from a plain JVM, and unless
 * {@code spark.jars} or {@code spark.executor.extraClassPath} is set (e.g. as a
 * {@code -Dspark.jars=...} system property), the executors are given this JVM's class path, which
 * works when they see the same files (the same machine, a shared file system).
 */
public final class SparkContexts {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]{0,3})(,[1-9][0-9]?)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^\\s/:]+(:[0-9]{1,5})?(,[^\\s/:]+(:[0-9]{1,5})?)*");

    private SparkContexts() {}

    /** A started context; closing it stops Spark. */
    public record Handle(JavaSparkContext context) implements AutoCloseable {
        public Handle {
            Objects.requireNonNull(context, "context");
        }

        @Override public void close() {
            context.stop();
        }
    }

    /**
     * Checks a master as the command line takes it: {@code local}, {@code local[N]},
     * {@code local[*]}, {@code local[N,F]} (F tries per task), {@code spark://host:port},
     * {@code yarn}, {@code k8s://...}, or {@code submit}.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static String checkMaster(String master) {
        Objects.requireNonNull(master, "master");
        String m = master.strip();
        if (LOCAL.matcher(m).matches() || STANDALONE.matcher(m).matches() || m.equals("yarn")
                || m.startsWith("k8s://") && m.length() > 6 || m.equals("submit")) {
            return m;
        }
        throw new IllegalArgumentException("unknown Spark master '" + master
                + "': expected local[N], local[*], spark://host:port, yarn, k8s://URL or submit (the master spark-submit set)");
    }

    /** Whether the master runs everything in this JVM. */
    public static boolean isLocal(String master) {
        return LOCAL.matcher(master.strip()).matches();
    }

    /**
     * Starts a context.
     *
     * @param master see {@link #checkMaster}; {@code submit} takes {@code spark.master} from the
     *               system properties {@code spark-submit} sets
     */
    public static Handle start(String master, String appName) {
        String m = checkMaster(master);
        SparkConf conf = new SparkConf(true).setAppName(Objects.requireNonNull(appName, "appName"));
        if (m.equals("submit")) {
            if (!conf.contains("spark.master")) {
                throw new IllegalArgumentException("Spark master 'submit' needs spark-submit (no spark.master is set)");
            }
        } else {
            conf.setMaster(m);
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        String effective = conf.get("spark.master");
        if (isLocal(effective)) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!m.equals("submit") && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        return new Handle(new JavaSparkContext(conf));
    }
}
