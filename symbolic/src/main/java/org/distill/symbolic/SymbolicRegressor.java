package org.distill.symbolic;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.search.SearchConfig;

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
 *
 * <p>The regressor is the solver, the {@link Dataset} the problem: configure a regressor once and
 * hand it to whatever needs to fit data; change a setting of a built one with {@link #toBuilder()}
 * or the {@code with...} methods.
 */
public final class SymbolicRegressor {
    /** The fewest rows on which the linear-combination step runs by default ({@link Builder#linearMinRows}). */
    public static final int DEFAULT_LINEAR_MIN_ROWS = 100;

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

    /**
     * This regressor with another time limit (null: none); the other budgets stay as they are (a
     * regressor built without any stopping rule has {@code generations} 100: add
     * {@code withGenerations(0)} to stop by time alone). See {@link Builder#timeLimit}.
     */
    public SymbolicRegressor withTimeLimit(Duration timeLimit) {
        return toBuilder().timeLimit(timeLimit).build();
    }

    /** This regressor with another generation budget (0: no limit; see {@link Builder#generations}). */
    public SymbolicRegressor withGenerations(long generations) {
        return toBuilder().generations(generations).build();
    }

    /** This regressor with another seed. */
    public SymbolicRegressor withSeed(long seed) {
        return toBuilder().seed(seed).build();
    }

    /** Runs the search to its budget and returns the simplified front. */
    public ParetoFront fit(Dataset data) {
        return fit(data, new AtomicBoolean());
    }

    /**
     * Fits rows of features to a target, like PySR's {@code fit(X, y)}.
     *
     * @param x     the features, one row per sample: {@code x[row][feature]} (rows × features)
     * @param y     the target, one value per row
     * @param names the features' names, one per column; none for {@code x0, x1, ...}
     * @throws IllegalArgumentException when the shapes disagree (rows of {@code x} against {@code y},
     *     ragged rows, names against columns), with fewer than 2 rows, or on a value that is not finite
     */
    public ParetoFront fit(double[][] x, double[] y, String... names) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(names, "names");
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null) throw new IllegalArgumentException("x row " + r + " is null");
        }
        if (x.length > 0 && names.length > 0 && names.length != x[0].length) {
            throw new IllegalArgumentException("got " + names.length + " names for " + x[0].length
                    + " feature columns of x (x is rows × features: x[row][feature])");
        }
        Dataset data = Dataset.of(x, y);
        return fit(names.length == 0 ? data : data.withVariables(names));
    }

    /**
     * Runs the search until its budget is spent or {@code cancel} becomes true (checked between
     * epochs), and returns the simplified front found so far.
     */
    public ParetoFront fit(Dataset data, AtomicBoolean cancel) {
        Objects.requireNonNull(cancel, "cancel");
        try (SearchRun run = new SearchRun(options, Objects.requireNonNull(data, "data"), cancel, true)) {
            run.progress().forEach(p -> { });
            return run.finish();
        }
    }

    /**
     * Starts a search that the caller drives: {@link SearchRun#progress()} runs it epoch by epoch
     * (limit it to stop early) and {@link SearchRun#finish()} returns the simplified front found so
     * far. The time limit counts from here.
     */
    public SearchRun start(Dataset data) {
        return new SearchRun(options, Objects.requireNonNull(data, "data"), new AtomicBoolean(), true);
    }

    /**
     * The search as a stream of progress snapshots, one per epoch. The stream ends when the budget
     * is spent; {@code limit}ing or closing it stops the search. Each snapshot's front is the raw
     * (unsimplified) front; use {@link #fit} for the final, simplified one, or {@link #start} to
     * simplify what a limited stream found. No finish follows, so a time limit is the stream's
     * alone: it ends when the limit has passed.
     */
    public Stream<Progress> stream(Dataset data) {
        SearchRun run = new SearchRun(options, Objects.requireNonNull(data, "data"), new AtomicBoolean(), false);
        return run.progress().onClose(run::close);
    }

    /**
     * Every setting of a search, validated; see {@link Builder} for the defaults. A new setting is
     * one component here plus a field (with its default) and a setter of the same name in the
     * {@link Builder}; {@code build()}, {@link #toBuilder()}, {@link #describe()} and
     * {@link #summary()} find it by name. If the search reads it, {@link SearchConfig} (internal)
     * declares its accessor too.
     */
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
            boolean linear,
            int linearMinRows,
            int batchSize,
            double parsimony,
            double adaptiveParsimony,
            double optimizeProbability,
            double crossoverProbability,
            int maxPhenotypeAge,
            int restartGenerations,
            int tournamentSize,
            Duration simplifyTimeout,
            boolean simplify,
            boolean boundOscillation,
            boolean denoise,
            boolean features,
            boolean logTarget,
            boolean powerTargets,
            org.distill.symbolic.search.Scaling.Mode scale,
            Weighting weighting,
            List<Expr> initialExpressions,
            String template,
            org.distill.symbolic.units.Units units,
            ProgressListener listener,
            org.distill.symbolic.search.IslandExecutor executor) implements SearchConfig {

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
            check("linearMinRows", linearMinRows, 0, Integer.MAX_VALUE);
            check("tournamentSize", tournamentSize, 2, populationSize);
            check("maxPhenotypeAge", maxPhenotypeAge, 1, Integer.MAX_VALUE);
            check("restartGenerations", restartGenerations, 0, Integer.MAX_VALUE);
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
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(units, "units");
            Objects.requireNonNull(scale, "scale");
            Objects.requireNonNull(weighting, "weighting");
            Objects.requireNonNull(simplifyTimeout, "simplifyTimeout");
            if (template != null) {
                if (template.isBlank()) throw new IllegalArgumentException("template is blank: give an expression such as 'c1 + f(x)', or null for none");
                int min = org.distill.symbolic.search.Template.check(template, operators).minimumComplexity();
                if (min > maxComplexity) {
                    throw new IllegalArgumentException("template '" + template + "' has complexity " + min
                            + " with every searched function a single leaf: more than maxComplexity " + maxComplexity);
                }
            }
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

        /** Settings left out of {@link #summary()} (it has kept the same fields since the first release). */
        private static final Set<String> NOT_SUMMARISED =
                Set.of("forbiddenNesting", "seed", "threads", "simplifyTimeout", "boundOscillation", "initialExpressions",
                        "units", "denoise", "features", "logTarget", "powerTargets", "restartGenerations", "linear", "linearMinRows", "template", "scale", "weighting");

        /**
         * Every setting except the listener and the executor, by name in declaration order, as plain values for JSON:
         * numbers, booleans, strings (losses and durations in ISO-8601 such as {@code PT1M30S}),
         * null for no time limit, lists of strings (operators by name, initial expressions as
         * text with variables {@code x0, x1, ...}) and, for the forbidden nestings, a sorted list of
         * {@code [outer, inner]} pairs.
         */
        public Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : Components.ALL) {
                if (c.getType() == ProgressListener.class || c.getName().equals("executor")) continue;
                out.put(c.getName(), plain(Components.get(this, c)));
            }
            return Collections.unmodifiableMap(out);
        }

        private static Object plain(Object v) {
            if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) return v;
            if (v instanceof Op op) return op.name();
            if (v instanceof Loss l) return l.name();
            if (v instanceof Set<?> set) {
                List<Object> items = new ArrayList<>();
                for (Object o : set) items.add(plain(o));
                items.sort(Comparator.comparing(Object::toString));
                return List.copyOf(items);
            }
            if (v instanceof Collection<?> list) {
                List<Object> items = new ArrayList<>();
                for (Object o : list) items.add(plain(o));
                return Collections.unmodifiableList(items);
            }
            return v.toString(); // Duration (ISO-8601), Expr (plain text)
        }

        /**
         * A short human-readable summary for provenance: {@code name=value} for each entry of
         * {@link #describe()} except the forbidden nestings, seed, threads, simplification timeout,
         * initial expressions and units.
         */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Object> e : describe().entrySet()) {
                if (NOT_SUMMARISED.contains(e.getKey())) continue;
                if (!sb.isEmpty()) sb.append(", ");
                sb.append(e.getKey()).append('=').append(e.getValue());
            }
            return sb.toString();
        }

        /** A builder holding these settings, to change some and build again. */
        public Builder toBuilder() {
            Builder b = new Builder();
            for (RecordComponent c : Components.ALL) Components.set(b, c, Components.get(this, c));
            return b;
        }
    }

    /**
     * Reads and writes the settings by name: the components of {@link Options} and the fields of
     * {@link Builder} of the same name and type (checked when this class loads).
     */
    private static final class Components {
        static final RecordComponent[] ALL = Options.class.getRecordComponents();
        private static final Constructor<Options> CANONICAL;
        private static final Field[] FIELDS = new Field[ALL.length];

        static {
            Class<?>[] types = new Class<?>[ALL.length];
            for (int i = 0; i < ALL.length; i++) {
                types[i] = ALL[i].getType();
                try {
                    FIELDS[i] = Builder.class.getDeclaredField(ALL[i].getName());
                } catch (NoSuchFieldException e) {
                    throw new ExceptionInInitializerError("SymbolicRegressor.Builder has no field for setting '"
                            + ALL[i].getName() + "'");
                }
                if (!FIELDS[i].getGenericType().equals(ALL[i].getGenericType())) {
                    throw new ExceptionInInitializerError("SymbolicRegressor.Builder field '" + ALL[i].getName()
                            + "' is a " + FIELDS[i].getGenericType() + ", the setting a " + ALL[i].getGenericType());
                }
            }
            try {
                CANONICAL = Options.class.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Components() {}

        static int index(String name) {
            for (int i = 0; i < ALL.length; i++) if (ALL[i].getName().equals(name)) return i;
            throw new IllegalArgumentException("no setting named '" + name + "'");
        }

        static Object get(Options o, RecordComponent c) {
            try {
                return c.getAccessor().invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Sets the builder's field, with mutable copies of collections (the builder adds to them). */
        static void set(Builder b, RecordComponent c, Object value) {
            Object v = value instanceof Set<?> set ? new LinkedHashSet<>(set)
                    : value instanceof List<?> list ? new ArrayList<>(list) : value;
            try {
                FIELDS[index(c.getName())].set(b, v);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        static Object[] values(Builder b) {
            Object[] out = new Object[ALL.length];
            try {
                for (int i = 0; i < ALL.length; i++) out[i] = FIELDS[i].get(b);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }

        /** The validated settings; the record's own {@code IllegalArgumentException} comes through. */
        static Options create(Object[] values) {
            try {
                return CANONICAL.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Builds a {@link SymbolicRegressor}; every setting has a default. Each field is a setting of
     * {@link Options} under the same name, holding its default.
     */
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
        private boolean linear = true;
        private int linearMinRows = DEFAULT_LINEAR_MIN_ROWS;
        private int batchSize = 0;
        private double parsimony = 0.001;
        private double adaptiveParsimony = 1.0;
        private double optimizeProbability = 0.05;
        private double crossoverProbability = 0.1;
        private int maxPhenotypeAge = 40;
        private int restartGenerations = 0;
        private int tournamentSize = 8;
        private Duration simplifyTimeout = Duration.ofSeconds(2);
        private boolean simplify = true;
        private boolean boundOscillation = true;
        private boolean denoise = false;
        private boolean features = true;
        private boolean logTarget = true;
        private boolean powerTargets = true;
        private org.distill.symbolic.search.Scaling.Mode scale = org.distill.symbolic.search.Scaling.Mode.OFF;
        private Weighting weighting = Weighting.NONE;
        private List<Expr> initialExpressions = new ArrayList<>();
        private String template = null;
        private org.distill.symbolic.units.Units units = org.distill.symbolic.units.Units.DEFAULT;
        private ProgressListener listener = ProgressListener.NONE;
        private org.distill.symbolic.search.IslandExecutor executor = org.distill.symbolic.search.IslandExecutor.threads();

        private static Set<List<String>> defaultNesting() {
            Set<List<String>> s = new LinkedHashSet<>();
            String[] transcendental = {"exp", "log", "sin", "cos", "tan"};
            for (String a : transcendental) for (String b : transcendental) s.add(List.of(a, b));
            // asin: a sine may sit inside it (Snell's law, asin(n·sin θ)); nothing else transcendental may, and it
            // sits in no exp, log, tan or asin. asin(cos x) is a triangle wave that fits noise (Kepler, seed 3);
            // cos(asin x) = √(1 − x²) stays allowed (the relativistic factors).
            for (String b : new String[] {"exp", "log", "cos", "tan", "asin"}) s.add(List.of("asin", b));
            for (String a : new String[] {"exp", "log", "tan"}) s.add(List.of(a, "asin"));
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
         * sin, cos and tan may not nest in each other, asin holds no exp, log, cos, tan or asin (a sine may sit
         * inside it: {@code asin(n·sin θ)}), and no exp, log or tan holds an asin.
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
        /**
         * The wall-time budget of the whole run (null: no limit), not deterministic. It covers
         * {@code fit} from its start to the returned front, or a {@link SearchRun} from
         * {@code start} to the end of {@code finish} ({@link SymbolicRegressor#stream}, which
         * does not finish, simply ends at the limit): the evolution stops when the limit less a
         * finishing share has passed (checked after every generation on every island), the share
         * being a quarter of the limit but at most 5 s with {@link #simplify simplification}, a
         * twentieth but at most 1 s without; the finish (refitting constants on all rows, Symja
         * simplification, snapping) then runs until the limit at most: each Symja call gets at most
         * the time left, and the equations not reached by then keep the constants the search found
         * (only their loss on all rows is computed). Generation and evaluation
         * budgets are not affected by it. Every island runs its first generation whatever the
         * limit or a cancel (its population is evaluated only then), so even a limit that has passed
         * before the search began (a loaded machine, a very short limit) gives a front; the limit
         * bounds the run after that first generation.
         */
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
        /**
         * The linear-combination step (uDSR's linear token): a candidate whose top level is a sum
         * of several terms is scored with the least-squares coefficients of its terms (each
         * stripped of constant factors) and an intercept, so that the search only has to find the
         * terms; {@code x1·y1 + x2·y2 + x3·y3} is three terms, not one deep tree. Needs
         * {@link #linearScaling} (it generalises it); ignored with a {@link #template}. Default on (measured on the
         * Feynman equations, docs/BENCHMARKS.md), for data of at least {@link #linearMinRows} rows.
         */
        public Builder linear(boolean v) { this.linear = v; return this; }
        /**
         * The fewest rows on which the {@link #linear} step runs; on fewer, a sum is scored as one term (linear
         * scaling). Default {@value SymbolicRegressor#DEFAULT_LINEAR_MIN_ROWS}: on small noisy data the least-squares
         * sums of several terms fit the noise (measured on the real-law sets, docs/BENCHMARKS.md); 0: always.
         */
        public Builder linearMinRows(int v) { this.linearMinRows = v; return this; }
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
        /**
         * Island restarts: when the best loss has not improved by 1 % for this many generations, the next island in
         * turn starts again from a fresh random population and evolves that long without migrants (the hall of fame
         * keeps what it had found). Migrants and the hall of fame reach every island each epoch, so a search settled
         * on a near miss has alike populations; a fresh one searches elsewhere. 0 (the default) for never.
         */
        public Builder restartGenerations(int v) { this.restartGenerations = v; return this; }
        public Builder tournamentSize(int v) { this.tournamentSize = v; return this; }
        /** Time allowed for each Symja simplification of a front equation. Default 2 s. */
        public Builder simplifyTimeout(Duration v) { this.simplifyTimeout = v; return this; }
        /** Simplify the final front with Symja and snap constants. Default on. */
        public Builder simplify(boolean v) { this.simplify = v; return this; }
        /**
         * Give an infinite validation loss (so that {@link Selection#BEST} passes it over) to a
         * finished equation whose sine or cosine argument, sorted over the rows, moves by more than a
         * quarter period between neighbours at the median: fewer than four samples per period, a
         * fit of the noise between rows; and, in the search and at the finish, to expressions with a sine or
         * cosine whose argument moves by less than 0.1 rad over the rows, a Taylor polynomial in disguise
         * ({@code √(2 − cos(1.5e-4·Δx) − cos(1.5e-4·Δy))} for a distance); and to a finished equation with a pole between
         * the rows, a quotient that is unbounded where its denominator changes sign between two rows
         * ({@code 0.00036/sin √a} between Saturn and Uranus). Default on.
         */
        public Builder boundOscillation(boolean v) { this.boundOscillation = v; return this; }
        /**
         * Search on a Gaussian-process smoothing of the target, as PySR's {@code denoise=True}
         * ({@link org.distill.symbolic.data.GaussianProcessSmoother}: RBF kernel with a length scale
         * per standardised input plus white noise, hyper-parameters by maximum marginal likelihood,
         * at most 1 000 rows for the posterior mean). Only the evolution sees the smoothed target
         * (so the raw fronts of {@link SymbolicRegressor#stream} report losses against it): the finish
         * refits the constants, and the finished front's losses and validation losses are taken, on
         * the original target. Sample weights do not enter the smoother. Needs at least 3 rows.
         * Default off.
         */
        public Builder denoise(boolean v) { this.denoise = v; return this; }
        /**
         * Add candidate features as extra input columns during the search, as QDSR does
         * ({@link org.distill.symbolic.data.Features}): for each pair of inputs their ratio, the norms
         * √(x² + y²) and √(x² − y²) (where real) and their product, limited by the units when the data
         * set has them (dimensionless ratios, norms of like quantities, products of the target's
         * dimension). Every equation of the front is written in the original variables (the features
         * substituted), with its loss unchanged. Without units, norms only of columns of comparable size
         * ({@link org.distill.symbolic.data.Features#NORM_SCALE_RATIO}). Default on (since 4 Dec 2026, night): on the
         * 100 Feynman equations at 100 generations they give 64 % exact at noise 0.01 against 58 % without, 63 % against
         * 60 % noise-free (docs/BENCHMARKS.md). A data set with one input gets none (and is searched as without them),
         * nor does a search with a {@link #template}.
         * A feature is one leaf in the search (and its {@link #maxComplexity}); written out, an equation's
         * complexity counts its variables, so it may exceed that limit.
         */
        public Builder features(boolean v) { this.features = v; return this; }
        /**
         * The log-target stage: when the target is of one sign (no zeros) and {@code exp} and {@code log} are operators, a tenth
         * of each budget (time, generations, evaluations) first searches {@code log|y|}, and the search starts
         * with {@code exp(f)} for each equation {@code f} of that front. Gaussians, Boltzmann factors and products
         * of powers are short sums in log space but deep trees in the target's; the seeds then compete on the
         * target like any other candidate. Needs {@link #linearScaling}; ignored with a {@link #template}. Default on
         * (measured on the Feynman equations and the real-law sets, docs/BENCHMARKS.md).
         */
        public Builder logTarget(boolean v) { this.logTarget = v; return this; }
        /**
         * The power-target stages, after the log-target stage: when the target is of one sign, a twentieth of each
         * budget searches {@code 1/y} (no zeros; needs {@code /}) and another {@code y²} (needs {@code sqrt}), and the
         * search starts with {@code 1/f} and {@code √f} for the equations {@code f} of their fronts that explain them
         * well. Bose–Einstein's {@code 1/(exp(x) − 1)} is {@code exp(x) − 1} for the first, a wave number
         * {@code √(a² − b²)} is a sum of two terms for the second. A stage that solves its target ends the stages.
         * Needs {@link #linearScaling}; ignored with a {@link #template}. Default on (measured on the Feynman
         * equations, docs/BENCHMARKS.md).
         */
        public Builder powerTargets(boolean v) { this.powerTargets = v; return this; }
        /**
         * Which columns the search rescales by a power of four so that their magnitude is about 1
         * (x' = x/s, y' = y/s_y; the equations are reported in the original units, with the scales
         * folded into their constants, and losses in the original units): {@code AUTO} those of
         * magnitude (root-mean-square) outside [1e-3, 1e3], {@code ALL} every column, {@code OFF}
         * (default) none. The target is scaled only with the mse or mae loss. Off by default: on
         * the real-law sets it won two laws and lost one (docs/BENCHMARKS.md, "Scaling"). See
         * {@link org.distill.symbolic.search.Scaling}.
         */
        public Builder scale(org.distill.symbolic.search.Scaling.Mode v) { this.scale = Objects.requireNonNull(v, "scale"); return this; }
        /**
         * Per-row weights for a relative error ({@link Weighting}): {@code RELATIVE} weighs each row
         * by {@code 1/y²} ({@code 1/|y|} with the mae loss), so that a target spanning many decades
         * with relative noise is fitted on every row, not only on the few largest; {@code AUTO} does
         * so when the target is of one sign, without zeros, and spans more than a factor 100;
         * {@code NONE} (default) leaves the data as given. Weights of the data set
         * ({@link Dataset#withWeights}) are multiplied by these. The search, the refit of the
         * constants, the validation (held-out rows, {@link Selection#BEST}) and every loss reported
         * for the front, {@link Equation#loss()} and {@link Equation#validationLoss()} included,
         * then use the weighted loss {@code Σ w·(f − y)² / Σ w}: with {@code RELATIVE} the mean
         * relative squared error times a constant of the data, still in the target's units squared.
         * A target row of 0 makes {@code fit} throw an {@code IllegalArgumentException} naming the
         * row. Default {@code NONE}: measured on the real-law sets in docs/BENCHMARKS.md
         * ("Relative error").
         */
        public Builder weighting(Weighting v) { this.weighting = Objects.requireNonNull(v, "weighting"); return this; }
        /** Seeds the first population with these expressions (e.g. a previous front). */
        public Builder initialExpressions(List<Expr> v) { this.initialExpressions = new ArrayList<>(v); return this; }
        /**
         * Fixes part of the equation's structure and searches the rest (PySR's template
         * expressions), e.g. {@code "c1 + f(e)/(c2 + c3*M)"} or {@code "f(x, y) + g(z)"}: a call of
         * a new name is a searched function of its arguments only (the same tree wherever it is
         * called), {@code c1, c2, ...} are free constants fitted at every evaluation, the rest is
         * fixed. Equations are the composed expressions; {@link #initialExpressions} not of the
         * template's form are left out. Null (default): no template. Checked here for syntax, the
         * variables when the data set is fitted.
         */
        public Builder template(String v) { this.template = v; return this; }
        /**
         * What the search does with the units of a data set that has them ({@link Dataset#withUnits}):
         * penalise (default, {@code Units.DEFAULT}) or forbid dimensionally inconsistent candidates,
         * with free or dimensionless constants; see {@link org.distill.symbolic.units.Units}.
         */
        public Builder units(org.distill.symbolic.units.Units v) { this.units = Objects.requireNonNull(v, "units"); return this; }
        public Builder listener(ProgressListener v) { this.listener = Objects.requireNonNull(v, "listener"); return this; }
        /**
         * Where the islands evolve between barriers. Default {@code IslandExecutor.threads()}: on
         * this process's threads. The {@code distill-spark} module's {@code SparkIslandExecutor}
         * runs them as Spark tasks. Does not change the result (same seed and generation budget,
         * same front); user-defined operators and losses cannot leave this process.
         */
        public Builder executor(org.distill.symbolic.search.IslandExecutor v) { this.executor = Objects.requireNonNull(v, "executor"); return this; }

        /** Validates and builds; with no stopping rule set, stops after 100 generations. */
        public SymbolicRegressor build() {
            Object[] values = Components.values(this);
            if (generations == 0 && maxEvaluations == 0 && timeLimit == null && targetLoss == 0) {
                values[Components.index("generations")] = 100L;
            }
            return new SymbolicRegressor(Components.create(values));
        }
    }
}
