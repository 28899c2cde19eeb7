package org.distill.symbolic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a result was made: the data shape, the settings, the seed, library versions, how much work
 * was done and why the search stopped; {@code loss} names the loss of the equations' losses.
 *
 * @param options  the settings as one line of text ({@link SymbolicRegressor.Options#summary()})
 * @param settings the settings themselves: {@code SymbolicRegressor.of(p.settings())} searches the
 *                 same way again ({@link SymbolicRegressor.Options#describe()} gives them as plain
 *                 values); null when unknown, e.g. for a front read back from a file
 */
public record Provenance(int rows, List<String> variables, String target, String options, long seed,
                         int threads, long generations, long evaluations, Duration wallTime,
                         String stopReason, String versions, String loss, SymbolicRegressor.Options settings) {
    public Provenance {
        variables = List.copyOf(variables);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(loss, "loss");
    }

    /** A provenance whose settings are known only as text ({@code settings} null). */
    public Provenance(int rows, List<String> variables, String target, String options, long seed,
                      int threads, long generations, long evaluations, Duration wallTime,
                      String stopReason, String versions, String loss) {
        this(rows, variables, target, options, seed, threads, generations, evaluations, wallTime, stopReason,
                versions, loss, null);
    }

    /** Versions of Distill, Jenetics and the JVM. */
    public static String currentVersions() {
        String distill = Provenance.class.getPackage().getImplementationVersion();
        String jenetics = io.jenetics.Gene.class.getPackage().getImplementationVersion();
        return "distill " + (distill == null ? "dev" : distill) + ", jenetics "
                + (jenetics == null ? "8.3.0" : jenetics) + ", java " + Runtime.version();
    }
}
