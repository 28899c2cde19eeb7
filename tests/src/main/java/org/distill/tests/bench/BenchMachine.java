package org.distill.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Helpers shared by the benchmark harnesses: what machine they ran on, and medians. */
final class BenchMachine {
    private BenchMachine() {}

    /** Java version and VM, core count and CPU model, e.g. for the header of a result table. */
    static String describe() {
        return String.format(Locale.ROOT, "java %s (%s), %d cores, %s", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), cpuModel());
    }

    /** The 1-minute load average: other work on the machine makes the timings lower bounds. */
    static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
    }

    static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /** The median (mean of the middle two for an even count); NaN for no values. */
    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] a = values.clone();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
