package org.distill.symbolic;

import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.search.Search;

/**
 * Symbolic regression: evolves expression trees with Jenetics on several islands in parallel,
 * fits their constants with Levenberg–Marquardt, and returns the Pareto front of complexity vs
 * loss, simplified by Symja.
 *
 * <pre>{@code
 * var regressor = SymbolicRegressor.builder()
 *     .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT)
 *     .maxComplexity(25)
 *     .generations(200)
 *     .seed(42)
 *     .build();
 * ParetoFront front = regressor.fit(data);
 * Equation best = front.best();
 * }</pre>
 *
 * <p>With a generation or evaluation budget and a seed, the front is identical whatever the number
 * of threads. Thread-safe: {@code fit} may be called concurrently.
 */
public final class SymbolicRegressor {
    private final Options options;

    private SymbolicRegressor(Options options) {
        this.options = options;
    }

    public static Builder builder() { return new Builder(); }

    public static SymbolicRegressor of(Options options) {
        return new SymbolicRegressor(Objects.requireNonNull(options, "options"));
    }

    public Options options() { return options; }

    /** A builder holding this regressor's settings, to change some and build another. */
    public Builder toBuilder() { return options.toBuilder(); }

    /** Runs the search to its budget and returns the simplified front. */
    public ParetoFront fit(Dataset data) {
        return fit(data, new AtomicBoolean());
    }

    /**
     * Runs the search until its budget is spent or {@code cancel} becomes true (checked between
     * epochs), and returns the simplified front found so far.
     */
    public ParetoFront fit(Dataset data, AtomicBoolean cancel) {
        try (Search search = new Search(options, data, cancel)) {
            search.stream().forEach(p -> { });
            return search.finish();
        }
    }

    /**
     * The search as a stream of progress snapshots, one per epoch. The stream ends when the budget
     * is spent; {@code limit}ing or closing it stops the search. Each snapshot's front is the raw
     * (unsimplified) front; use {@link #fit} for the final, simplified one.
     */
    public Stream<Progress> stream(Dataset data) {
        Search search = new Search(options, data, new AtomicBoolean());
        return search.stream().onClose(search::close);
    }

    /** Every setting of a search, validated; see {@link Builder} for the defaults. */
    public record Options(
            List<Op> operators,
            int maxComplexity,
            int maxDepth,
            Set<List<String>> forbiddenNesting,
            int populationSize,
            int islands,
            int generationsPerEpoch,
            int migrants,
            long generations,
            long maxEvaluations,
            Duration timeLimit,
            double targetLoss,
            long seed,
            int threads,
            Loss loss,
            boolean linearScaling,
            int batchSize,
            double parsimony,
            double adaptiveParsimony,
            double optimizeProbability,
            double crossoverProbability,
            int maxPhenotypeAge,
            int tournamentSize,
            Duration simplifyTimeout,
            boolean simplify,
            List<Expr> initialExpressions,
            ProgressListener listener) {

        public Options {
            operators = List.copyOf(operators);
            if (operators.isEmpty()) throw new IllegalArgumentException("need at least one operator");
            if (operators.stream().noneMatch(o -> o.arity() == 2)) {
                throw new IllegalArgumentException("need at least one binary operator, got " + operators);
            }
            Set<String> names = new LinkedHashSet<>();
            for (Op o : operators) {
                if (!names.add(o.name())) throw new IllegalArgumentException("operator listed twice: " + o.name());
            }
            forbiddenNesting = Set.copyOf(forbiddenNesting);
            initialExpressions = List.copyOf(initialExpressions);
            check("maxComplexity", maxComplexity, 3, 200);
            check("maxDepth", maxDepth, 2, 50);
            check("populationSize", populationSize, 10, 100_000);
            check("islands", islands, 1, 1000);
            check("generationsPerEpoch", generationsPerEpoch, 1, 10_000);
            check("migrants", migrants, 0, populationSize / 2);
            check("threads", threads, 1, 1024);
            check("batchSize", batchSize, 0, Integer.MAX_VALUE);
            check("tournamentSize", tournamentSize, 2, populationSize);
            check("maxPhenotypeAge", maxPhenotypeAge, 1, Integer.MAX_VALUE);
            if (generations < 0) throw new IllegalArgumentException("generations must be >= 0: " + generations);
            if (maxEvaluations < 0) throw new IllegalArgumentException("maxEvaluations must be >= 0: " + maxEvaluations);
            if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
                throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
            }
            if (generations == 0 && maxEvaluations == 0 && timeLimit == null && !(targetLoss > 0)) {
                throw new IllegalArgumentException("no stopping rule: set generations, maxEvaluations, timeLimit or targetLoss");
            }
            if (Double.isNaN(targetLoss) || targetLoss < 0) throw new IllegalArgumentException("targetLoss must be >= 0: " + targetLoss);
            probability("parsimony", parsimony, 0, 10);
            probability("adaptiveParsimony", adaptiveParsimony, 0, 1000);
            probability("optimizeProbability", optimizeProbability, 0, 1);
            probability("crossoverProbability", crossoverProbability, 0, 1);
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(simplifyTimeout, "simplifyTimeout");
            if (simplifyTimeout.isNegative() || simplifyTimeout.isZero()) {
                throw new IllegalArgumentException("simplifyTimeout must be positive: " + simplifyTimeout);
            }
            Set<String> known = new LinkedHashSet<>();
            for (Op o : Op.BUILTINS) known.add(o.name());
            known.addAll(names);
            for (List<String> pair : forbiddenNesting) {
                if (pair.size() != 2) {
                    throw new IllegalArgumentException("a nesting rule is a pair (outer, inner) of operator names: " + pair);
                }
                for (String n : pair) {
                    if (!known.contains(n)) {
                        throw new IllegalArgumentException("unknown operator '" + n + "' in nesting rule " + pair
                                + ": expected one of " + known);
                    }
                }
            }
        }

        private static void check(String name, long v, long lo, long hi) {
            if (v < lo || v > hi) throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "]: " + v);
        }

        private static void probability(String name, double v, double lo, double hi) {
            if (!(v >= lo && v <= hi)) throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "]: " + v);
        }

        /** A short human-readable summary for provenance. */
        public String summary() {
            return "operators=" + operators + ", maxComplexity=" + maxComplexity + ", maxDepth=" + maxDepth
                    + ", populationSize=" + populationSize + ", islands=" + islands
                    + ", generationsPerEpoch=" + generationsPerEpoch + ", migrants=" + migrants
                    + ", generations=" + generations + ", maxEvaluations=" + maxEvaluations
                    + ", timeLimit=" + timeLimit + ", targetLoss=" + targetLoss + ", loss=" + loss.name()
                    + ", linearScaling=" + linearScaling + ", batchSize=" + batchSize
                    + ", parsimony=" + parsimony + ", adaptiveParsimony=" + adaptiveParsimony
                    + ", optimizeProbability=" + optimizeProbability
                    + ", crossoverProbability=" + crossoverProbability + ", maxPhenotypeAge=" + maxPhenotypeAge
                    + ", tournamentSize=" + tournamentSize + ", simplify=" + simplify;
        }

        public Builder toBuilder() {
            Builder b = new Builder();
            b.operators = operators; b.maxComplexity = maxComplexity; b.maxDepth = maxDepth;
            b.forbiddenNesting = new LinkedHashSet<>(forbiddenNesting); b.populationSize = populationSize;
            b.islands = islands; b.generationsPerEpoch = generationsPerEpoch; b.migrants = migrants;
            b.generations = generations; b.maxEvaluations = maxEvaluations; b.timeLimit = timeLimit;
            b.targetLoss = targetLoss; b.seed = seed; b.threads = threads; b.loss = loss;
            b.linearScaling = linearScaling; b.batchSize = batchSize; b.parsimony = parsimony;
            b.adaptiveParsimony = adaptiveParsimony; b.optimizeProbability = optimizeProbability;
            b.crossoverProbability = crossoverProbability; b.maxPhenotypeAge = maxPhenotypeAge;
            b.tournamentSize = tournamentSize; b.simplifyTimeout = simplifyTimeout; b.simplify = simplify;
            b.initialExpressions = new ArrayList<>(initialExpressions); b.listener = listener;
            return b;
        }
    }

    /** Builds a {@link SymbolicRegressor}; every setting has a default. */
    public static final class Builder {
        private List<Op> operators = Op.DEFAULTS;
        private int maxComplexity = 30;
        private int maxDepth = 10;
        private Set<List<String>> forbiddenNesting = defaultNesting();
        private int populationSize = 200;
        private int islands = 8;
        private int generationsPerEpoch = 10;
        private int migrants = 10;
        private long generations = 0;
        private long maxEvaluations = 0;
        private Duration timeLimit = null;
        private double targetLoss = 0;
        private long seed = 0;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Loss loss = Loss.MSE;
        private boolean linearScaling = true;
        private int batchSize = 0;
        private double parsimony = 0.001;
        private double adaptiveParsimony = 1.0;
        private double optimizeProbability = 0.05;
        private double crossoverProbability = 0.1;
        private int maxPhenotypeAge = 40;
        private int tournamentSize = 8;
        private Duration simplifyTimeout = Duration.ofSeconds(2);
        private boolean simplify = true;
        private List<Expr> initialExpressions = new ArrayList<>();
        private ProgressListener listener = ProgressListener.NONE;

        private static Set<List<String>> defaultNesting() {
            Set<List<String>> s = new LinkedHashSet<>();
            String[] transcendental = {"exp", "log", "sin", "cos", "tan"};
            for (String a : transcendental) for (String b : transcendental) s.add(List.of(a, b));
            return s;
        }

        public Builder operators(Op... ops) { return operators(List.of(ops)); }
        public Builder operators(List<Op> ops) { this.operators = List.copyOf(ops); return this; }
        /** Largest complexity of an equation. Default 30. */
        public Builder maxComplexity(int v) { this.maxComplexity = v; return this; }
        /** Largest tree depth. Default 10. */
        public Builder maxDepth(int v) { this.maxDepth = v; return this; }
        /**
         * Forbids {@code inner} anywhere inside {@code outer} (by operator name), e.g.
         * {@code forbidNesting("sin", "sin")} rejects {@code sin(x + sin(y))}. By default exp, log,
         * sin, cos and tan may not nest in each other.
         */
        public Builder forbidNesting(String outer, String inner) { forbiddenNesting.add(List.of(outer, inner)); return this; }
        /** Removes every nesting constraint (including the defaults). */
        public Builder allowAllNesting() { forbiddenNesting = new LinkedHashSet<>(); return this; }
        /** Individuals per island. Default 200. */
        public Builder populationSize(int v) { this.populationSize = v; return this; }
        /** Number of islands (populations). Default 8. */
        public Builder islands(int v) { this.islands = v; return this; }
        /** Generations between migrations. Default 10. */
        public Builder generationsPerEpoch(int v) { this.generationsPerEpoch = v; return this; }
        /** Individuals sent to the next island at each migration. Default 10. */
        public Builder migrants(int v) { this.migrants = v; return this; }
        /** Stop after this many generations per island (0: no limit). */
        public Builder generations(long v) { this.generations = v; return this; }
        /** Stop after about this many evaluations in all (0: no limit); checked between epochs. */
        public Builder maxEvaluations(long v) { this.maxEvaluations = v; return this; }
        /** Stop after this wall time (null: no limit). Not deterministic. */
        public Builder timeLimit(Duration v) { this.timeLimit = v; return this; }
        /** Stop once an equation reaches this loss (0: never). */
        public Builder targetLoss(double v) { this.targetLoss = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }
        /** Worker threads. Default: all cores. Does not change the result. */
        public Builder threads(int v) { this.threads = v; return this; }
        public Builder loss(Loss v) { this.loss = Objects.requireNonNull(v, "loss"); return this; }
        /**
         * Score candidates after the best affine rescaling a + b·f(x) (least squares; used with the
         * squared-error loss only). Default on.
         */
        public Builder linearScaling(boolean v) { this.linearScaling = v; return this; }
        /** Rows per mini-batch during the search (0: all rows, or 2048 rows for data over 10 000 rows). */
        public Builder batchSize(int v) { this.batchSize = v; return this; }
        /** Loss penalty per unit of complexity, relative to the target variance. Default 0.001. */
        public Builder parsimony(double v) { this.parsimony = v; return this; }
        /** Strength of the penalty on over-represented complexities. Default 1. */
        public Builder adaptiveParsimony(double v) { this.adaptiveParsimony = v; return this; }
        /** Fraction of offspring whose constants are fitted by Levenberg–Marquardt. Default 0.05. */
        public Builder optimizeProbability(double v) { this.optimizeProbability = v; return this; }
        /** Fraction of offspring made by sub-tree crossover. Default 0.1. */
        public Builder crossoverProbability(double v) { this.crossoverProbability = v; return this; }
        /** Individuals older than this many generations are replaced (age regularisation). Default 40. */
        public Builder maxPhenotypeAge(int v) { this.maxPhenotypeAge = v; return this; }
        public Builder tournamentSize(int v) { this.tournamentSize = v; return this; }
        /** Time allowed for each Symja simplification of a front equation. Default 2 s. */
        public Builder simplifyTimeout(Duration v) { this.simplifyTimeout = v; return this; }
        /** Simplify the final front with Symja and snap constants. Default on. */
        public Builder simplify(boolean v) { this.simplify = v; return this; }
        /** Seeds the first population with these expressions (e.g. a previous front). */
        public Builder initialExpressions(List<Expr> v) { this.initialExpressions = new ArrayList<>(v); return this; }
        public Builder listener(ProgressListener v) { this.listener = Objects.requireNonNull(v, "listener"); return this; }

        /** Validates and builds; with no stopping rule set, stops after 100 generations. */
        public SymbolicRegressor build() {
            long g = generations;
            if (g == 0 && maxEvaluations == 0 && timeLimit == null && targetLoss == 0) g = 100;
            return new SymbolicRegressor(new Options(operators, maxComplexity, maxDepth, forbiddenNesting,
                    populationSize, islands, generationsPerEpoch, migrants, g,
                    maxEvaluations, timeLimit, targetLoss, seed, threads, loss, linearScaling, batchSize,
                    parsimony, adaptiveParsimony, optimizeProbability, crossoverProbability, maxPhenotypeAge,
                    tournamentSize, simplifyTimeout, simplify, initialExpressions, listener));
        }
    }
}
