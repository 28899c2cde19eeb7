package org.distill.examples.bench;

import java.util.Objects;

/**
 * The outcome of one benchmark run on one equation: one row of the results CSV.
 *
 * @param problem       the equation's name, e.g. {@code I.12.2}
 * @param variables     its number of variables
 * @param rows          training rows
 * @param noise         relative noise on the training target
 * @param seed          the run's seed
 * @param timeLimit     the search's wall-clock budget, seconds
 * @param exact         whether the chosen equation is a symbolic solution (equals the truth up to an
 *                      additive or multiplicative constant)
 * @param exactInFront  whether any equation of the final front is one
 * @param r2            R² of the chosen equation on fresh, noise-free test points
 * @param timeToExact   seconds from the start until an exact solution first appeared in the front
 *                      (NaN when none did)
 * @param elapsed       seconds the whole run took (search and final simplification)
 * @param complexity    the chosen equation's complexity
 * @param evaluations   candidate evaluations of the search
 * @param equation      the chosen equation, plain syntax
 * @param truth         the true formula, as in the table
 */
public record BenchResult(String problem, int variables, int rows, double noise, long seed, double timeLimit,
                          boolean exact, boolean exactInFront, double r2, double timeToExact, double elapsed,
                          int complexity, long evaluations, String equation, String truth)
        implements java.io.Serializable { // a Spark task's result (SparkFeynman)
    /** R² above which a model counts as an "accuracy solution" (SRBench). */
    public static final double ACCURACY_R2 = 0.999;

    public BenchResult {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(equation, "equation");
        Objects.requireNonNull(truth, "truth");
    }

    /** Whether the chosen equation reaches R² > 0.999 on the test points. */
    public boolean accurate() { return r2 > ACCURACY_R2; }

    /** The settings that make two runs of one problem comparable (and a finished run skippable on resume). */
    public String key() {
        return problem + "|" + Settings.key(rows, noise, seed, timeLimit);
    }

    /** The settings group, without the problem. */
    public String settings() { return Settings.key(rows, noise, seed, timeLimit); }

    static final class Settings {
        private Settings() {}

        static String key(int rows, double noise, long seed, double timeLimit) {
            return "rows=" + rows + " noise=" + noise + " seed=" + seed + " time=" + timeLimit + "s";
        }
    }
}
