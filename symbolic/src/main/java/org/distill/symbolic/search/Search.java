package org.distill.symbolic.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.distill.symbolic.data.GaussianProcessSmoother;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Printer;
import org.distill.symbolic.optimize.ConstantFitter;

/**
 * One run of the island-model search. Islands evolve in parallel for a fixed number of
 * generations (an epoch), then, on one thread and in island order, their halls of fame are merged
 * and migrants move from each island to the next and from the global hall of fame. Because every
 * island owns its random generator and only exchanges individuals at these barriers, the result
 * depends on the seed and the budget, never on the number of threads.
 *
 * <p>Internal: {@code SymbolicRegressor} drives it and turns its raw results (expressions with
 * losses, counts, the stop reason) into progress reports and fronts. A time limit covers the
 * whole run: when a finish follows, the evolution stops {@link #finishReserve} before the limit,
 * leaving that share to {@link #finish()}, which stops simplifying when the limit arrives.
 */
public final class Search implements AutoCloseable {
    /** Data sets larger than this are searched in mini-batches unless a batch size is set. */
    static final int AUTO_BATCH_ROWS = 10_000;
    static final int AUTO_BATCH_SIZE = 2048;

    private final SearchConfig options;
    private final List<String> variables;
    /** The rows the islands evolve on: the data in the search's scales ({@link #scaling}). */
    private final Columns full;
    /** The rows the evolution sees: {@link #full}, or with the target smoothed ({@link SearchConfig#denoise()}). */
    private final Columns evolve;
    /** The data as given: the finish and the reported losses use it. */
    private final Columns original;
    /** Between {@link #original} and {@link #full}; equations leave the search in the original units. */
    private final Scaling scaling;
    /** {@code targetLoss} in the search's scales. */
    private final double targetLoss;
    private final AtomicBoolean cancel;
    private final List<Island> islands = new ArrayList<>();
    private final HallOfFame hallOfFame;
    private final boolean batched;
    private final ExecutorService pool;
    /** Where the islands evolve; {@link #context} is null when in place ({@link IslandExecutor#threads()}). */
    private final IslandExecutor executor;
    private final IslandContext context;
    private final long startNanos = System.nanoTime();
    /** {@link System#nanoTime()} at which the evolution stops for the time limit (unused without one). */
    private final long searchDeadline;
    /** Epochs begun, by any stream of this search. */
    private long epochs;
    private final Set<Op.Kind> allowed;
    private final Finisher finisher;
    /** The search template, or null (see {@link Template}). */
    private final Template template;
    static final int POLISH_ROWS = 1000;
    private final Evaluator barrierEvaluator = new Evaluator();
    /** Hall-of-fame entries already polished (recent ones: the hall of fame holds at most maxComplexity + 1). */
    private final java.util.Set<Expr> polished = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override protected boolean removeEldestEntry(java.util.Map.Entry<Expr, Boolean> eldest) {
                    return size() > 4096;
                }
            });
    private Columns polishRows;
    private long polishEvaluations;
    /** What a restarted island is built from: the tree factory, canonicalizer, batch size and the user's seeds. */
    private final TreeFactory factory;
    private final Canonicalizer canonicalizer;
    private final int batch;
    private final List<Expr> initial;
    /** The best loss when it last gained {@link #RESTART_GAIN}, and the generation then (or of the last restart). */
    private double stallBest = Double.POSITIVE_INFINITY;
    private long stallSince;
    private int restarts;
    /** Per island, the generation before which it receives no migrants (a restarted island evolves alone). */
    private final long[] quarantine;
    /** Evaluations of the islands that restarts replaced. */
    private long retiredEvaluations;
    /** The relative gain in the best loss that counts as progress for {@code restartGenerations}. */
    static final double RESTART_GAIN = 0.01;
    private long generation;
    private long evaluations;
    private String stopReason = "running";
    private boolean done;
    private boolean interrupted;

    /**
     * A search ready to run.
     *
     * @param options   the settings (validated)
     * @param data      feature columns, target and optional weights, all rows (shared: not modified)
     * @param variables names of the feature columns, for messages
     * @param cancel    stops the search when it becomes true (checked every generation)
     * @param finishes  whether {@link #finish()} will follow: then the evolution leaves a time limit's
     *                  {@link #finishReserve} to it; a search that is only streamed uses all of it
     * @throws IllegalArgumentException when an initial expression does not fit the data or the limits
     */
    public Search(SearchConfig options, Columns data, List<String> variables, AtomicBoolean cancel, boolean finishes) {
        this(options, data, variables, cancel, finishes, List.of());
    }

    /**
     * A search ready to run whose first populations also hold {@code found}: expressions in the
     * data's variables found elsewhere (another search's front, mapped), in every other island (the
     * first, third, ...); those that break the limits are left out, and they fill at most what the
     * initial expressions leave of half an island's population.
     */
    public Search(SearchConfig options, Columns data, List<String> variables, AtomicBoolean cancel, boolean finishes,
                  List<Expr> found) {
        this.options = options;
        this.variables = List.copyOf(variables);
        this.cancel = cancel;
        this.original = data;
        if (variables.size() != data.features()) {
            throw new IllegalArgumentException("got " + variables.size() + " variable names for " + data.features() + " columns");
        }
        this.searchDeadline = options.timeLimit() == null ? Long.MAX_VALUE
                : startNanos + options.timeLimit().toNanos()
                        - (finishes ? finishReserve(options.timeLimit(), options.simplify()).toNanos() : 0);
        this.allowed = EnumSet.noneOf(Op.Kind.class);
        for (Op op : options.operators()) allowed.add(op.kind());
        Constraints constraints = new Constraints(options.maxComplexity(), options.maxDepth(), options.forbiddenNesting());
        TreeFactory factory = new TreeFactory(options.operators(), data.features(), constraints);
        Canonicalizer canonicalizer = Canonicalizer.of(options.operators());
        this.factory = factory;
        this.canonicalizer = canonicalizer;
        this.scaling = Scaling.of(options.scale(), data, options.loss(), options.units().columns(), options.operators(),
                canonicalizer);
        this.full = scaling.apply(data);
        this.evolve = options.denoise() ? denoised(full, options.seed()) : full;
        this.targetLoss = scaling.lossToScaled(options.targetLoss());
        Template template = template(options, this.variables); // null without one
        this.template = template;
        if (template != null && !scaling.isIdentity()) {
            throw new IllegalArgumentException("a template cannot be combined with scale " + options.scale()
                    + ": the template's constants would carry the scales (use scale OFF)");
        }
        List<Expr> initial = new ArrayList<>();
        checkInitialExpressions(options.initialExpressions(), full.features());
        for (Expr e : options.initialExpressions()) {
            Expr mapped = canonicalizer.remap(e);
            if (template == null) { // with a template the islands keep those of its form, unscaled
                // In the search's scales; as given if the scales make it break the limits.
                Expr scaled = canonicalizer.remap(scaling.toScaled(mapped));
                if (constraints.test(scaled)) mapped = scaled;
            }
            if (template == null && !constraints.test(mapped)) {
                throw new IllegalArgumentException("initial expression " + Printer.plain(e, this.variables)
                        + " (complexity " + mapped.complexity() + ", depth " + mapped.depth()
                        + ") breaks the limits: maxComplexity " + options.maxComplexity() + ", maxDepth "
                        + options.maxDepth() + ", forbidden nesting " + options.forbiddenNesting());
            }
            initial.add(mapped);
        }
        if (initial.size() > options.populationSize() / 2) {
            throw new IllegalArgumentException("got " + initial.size() + " initial expressions: at most half the population ("
                    + options.populationSize() / 2 + ") may be seeded");
        }
        checkInitialExpressions(found, full.features());
        List<Expr> withFound = new ArrayList<>(initial);
        for (Expr e : found) {
            if (template != null || withFound.size() >= options.populationSize() / 2) break;
            Expr scaled = canonicalizer.remap(scaling.toScaled(canonicalizer.remap(e)));
            if (constraints.test(scaled) && !withFound.contains(scaled)) withFound.add(scaled);
        }
        int batch = options.batchSize();
        if (batch == 0 && full.rows() > AUTO_BATCH_ROWS) batch = AUTO_BATCH_SIZE;
        if (batch >= full.rows()) batch = 0;
        this.batch = batch;
        this.initial = List.copyOf(initial);
        this.quarantine = new long[options.islands()];
        this.batched = batch > 0;
        this.hallOfFame = new HallOfFame(options.maxComplexity());
        this.finisher = new Finisher(options, original, allowed, canonicalizer);
        finisher.template(template);
        if (options.simplify()) finisher.warmUp();
        for (int i = 0; i < options.islands(); i++) {
            long seed = islandSeed(i, 0);
            // The expressions found elsewhere start every other island only: the rest evolve as without them,
            // so that seeds which are good but wrong cannot take over every population.
            islands.add(new Island(options, seed, factory, canonicalizer, evolve, batch, i % 2 == 0 ? withFound : initial,
                    template));
        }
        this.executor = options.executor() == null ? IslandExecutor.threads() : options.executor();
        if (executor == IslandExecutor.threads()) {
            this.context = null;
        } else {
            if (template != null) {
                throw new IllegalArgumentException("a template search runs on threads only, not on the island executor "
                        + executor);
            }
            this.context = IslandContext.of(options, evolve, batch);
            context.bindLocal(options, evolve, factory, canonicalizer);
        }
        int threads = Math.min(options.threads(), options.islands());
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "distill-island");
            t.setDaemon(true);
            return t;
        });
    }

    /** The data with the target replaced by its Gaussian-process smoothing (the features shared). */
    private static Columns denoised(Columns data, long seed) {
        double[] y = GaussianProcessSmoother.smooth(data.x(), java.util.Arrays.copyOf(data.y(), data.rows()), seed).smoothed();
        return new Columns(data.x(), y, data.w(), data.rows());
    }

    /** The settings' template parsed over the variables, or null; checked against the complexity limit. */
    private static Template template(SearchConfig options, List<String> variables) {
        if (options.template() == null) return null;
        Template t = Template.parse(options.template(), variables, options.operators());
        if (t.minimumComplexity() > options.maxComplexity()) {
            throw new IllegalArgumentException("template '" + t.text() + "' has complexity " + t.minimumComplexity()
                    + " with every searched function a single leaf: more than maxComplexity " + options.maxComplexity());
        }
        return t;
    }

    /**
     * The share of a time limit {@code t} kept for {@link #finish()}: with simplification a quarter,
     * at most 5 s; without, a twentieth, at most 1 s (the finish then only refits constants).
     */
    public static Duration finishReserve(Duration t, boolean simplify) {
        Duration share = simplify ? t.dividedBy(4) : t.dividedBy(20);
        Duration cap = simplify ? Duration.ofSeconds(5) : Duration.ofSeconds(1);
        return share.compareTo(cap) < 0 ? share : cap;
    }

    /**
     * An expression with its loss (on all rows, or on the search rows where that is said) and,
     * for finished equations, its validation loss with its standard error (NaN when not measured;
     * see {@code Validation}).
     */
    public record Found(Expr expr, double loss, double validationLoss, double validationError) {
        /** Without validation (NaN). */
        public Found(Expr expr, double loss) {
            this(expr, loss, Double.NaN, Double.NaN);
        }
    }

    /**
     * The state after one epoch.
     *
     * @param generation  generations completed per island
     * @param evaluations evaluations so far (all islands)
     * @param elapsed     wall time since the start
     * @param bestLoss    lowest loss in the hall of fame
     * @param fraction    fraction of the budget used, in [0, 1], or NaN when unbounded
     * @param front       the hall of fame, simplest first (scaling explicit, not simplified)
     */
    public record Epoch(long generation, long evaluations, Duration elapsed, double bestLoss, double fraction,
                        List<Found> front) { }

    /**
     * The finished search.
     *
     * @param equations         one finished equation per hall-of-fame entry, with its loss on all rows
     * @param absoluteTolerance losses closer than this count as equal (about 1e-14 of the target's scale squared)
     * @param generation        generations completed per island
     * @param evaluations       evaluations in all
     * @param elapsed           wall time since the start, finish included
     * @param stopReason        why the search stopped
     */
    public record Result(List<Found> equations, double absoluteTolerance, long generation, long evaluations,
                         Duration elapsed, String stopReason) { }

    /**
     * Whether {@code e}, over the data's own inputs {@code rows} (not the search's columns with candidate features, which
     * are no straight lines between rows), is unbounded between two rows where the denominator of one of its quotients
     * changes sign: a pole between rows ({@link Validation#hiddenPole}). The selection gives such an equation an infinite
     * validation loss when oscillations are bounded (docs/BENCHMARKS.md, "300 s, poles between rows").
     */
    public static boolean hasPoleBetweenRows(Expr e, org.distill.symbolic.eval.Columns rows) {
        return Validation.hiddenPole(e, new org.distill.symbolic.eval.Evaluator(), rows.evenlySpaced(Validation.MAX_ROWS));
    }

    /**
     * Checks that each initial expression uses only variables below {@code features}.
     *
     * @throws IllegalArgumentException naming the first that does not
     */
    public static void checkInitialExpressions(List<Expr> initial, int features) {
        for (Expr e : initial) {
            if (e.maxVariable() >= features) {
                throw new IllegalArgumentException("initial expression " + e + " uses variable x" + e.maxVariable()
                        + " but the data has " + features + " features");
            }
        }
    }

    /** The search as a stream of snapshots, one per epoch. */
    public Stream<Epoch> stream() {
        Iterator<Epoch> it = new Iterator<>() {
            // The first epoch always runs (each island's first generation, Island.epoch): a search whose time
            // limit passed (or that was cancelled) before it began still evaluates its population and has a front.
            @Override public boolean hasNext() { return !done && (epochs == 0 || !shouldStop()); }

            @Override public Epoch next() {
                if (!hasNext()) throw new NoSuchElementException();
                return epoch();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private boolean shouldStop() {
        if (cancel.get()) return stop("cancelled");
        if (options.generations() > 0 && generation >= options.generations()) return stop("generations");
        if (options.maxEvaluations() > 0 && evaluations >= options.maxEvaluations()) return stop("evaluations");
        if (options.timeLimit() != null && System.nanoTime() - searchDeadline >= 0) return stop("time limit");
        if (targetLoss > 0 && hallOfFame.bestLoss() <= targetLoss) return stop("target loss");
        return false;
    }

    private boolean stop(String reason) {
        stopReason = reason;
        done = true;
        pool.shutdown(); // idle now; a stream that is never closed must not keep threads alive
        if (context != null) executor.release(context);
        return true;
    }

    private Epoch epoch() {
        epochs++;
        int gens = options.generationsPerEpoch();
        if (options.generations() > 0) gens = (int) Math.min(gens, options.generations() - generation);
        final int g = gens;
        long deadline = searchDeadline;
        int ran = context == null ? evolveInPlace(g, deadline) : evolveElsewhere(g, deadline);
        generation += ran;
        return barrier();
    }

    /** One epoch of every island on this process's threads; returns the generations all ran. */
    private int evolveInPlace(int g, long deadline) {
        List<Future<Integer>> futures = new ArrayList<>();
        for (Island island : islands) {
            futures.add(pool.submit(() -> island.epoch(g, () -> cancel.get() || System.nanoTime() > deadline)));
        }
        int ran = g;
        try {
            for (Future<Integer> f : futures) ran = Math.min(ran, f.get());
        } catch (InterruptedException e) {
            // Stop the islands, then wait for them (uninterruptibly) so none still writes to its
            // state while the barrier reads it; the interrupt is restored after the search ends.
            cancel.set(true);
            interrupted = true;
            for (Future<Integer> f : futures) {
                try {
                    ran = Math.min(ran, uninterruptibly(f));
                } catch (ExecutionException ex) {
                    throw new IllegalStateException("search failed: " + ex.getCause(), ex.getCause());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("search failed: " + e.getCause(), e.getCause());
        }
        return ran;
    }

    /**
     * One epoch of every island through the executor: the islands go as states and come back
     * evolved (a cancel that abandons the epoch leaves them as they were: 0 generations).
     */
    private int evolveElsewhere(int g, long deadline) {
        long now = System.nanoTime();
        long deadlineMillis = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                : System.currentTimeMillis() + Math.max(0, (deadline - now) / 1_000_000);
        List<IslandState> states = new ArrayList<>();
        for (int i = 0; i < islands.size(); i++) states.add(context.state(i, 0, islands.get(i)));
        List<IslandState> evolved;
        try {
            evolved = executor.epoch(context, List.copyOf(states), g, deadlineMillis, cancel::get);
        } catch (java.util.concurrent.CancellationException e) {
            return 0;
        } catch (RuntimeException e) {
            if (cancel.get()) return 0; // stopping: a failure of the abandoned epoch does not matter
            throw e;
        } catch (InterruptedException e) {
            cancel.set(true);
            interrupted = true;
            return 0;
        }
        if (evolved == null || evolved.size() != islands.size()) {
            throw new IllegalStateException("the island executor " + executor + " returned "
                    + (evolved == null ? "nothing" : evolved.size() + " islands") + " for " + islands.size());
        }
        int ran = g;
        for (int i = 0; i < islands.size(); i++) {
            IslandState st = evolved.get(i);
            if (st.island() != i) throw new IllegalStateException("the island executor returned island " + st.island() + " at " + i);
            ran = Math.min(ran, st.generationsRun());
            islands.set(i, context.island(st, false));
        }
        return ran;
    }

    /** Merges halls of fame and counts evaluations in island order, polishes, migrates. */
    private Epoch barrier() {
        long evals = 0;
        Evaluator evaluator = barrierEvaluator;
        evals += retiredEvaluations;
        for (Island island : islands) {
            evals += island.scorer().evaluations();
            for (HallOfFame.Entry e : island.scorer().hallOfFame().entries()) {
                double loss = e.loss();
                if (batched) {
                    if (!hallOfFame.wouldAccept(e.expr().complexity(), loss * 0.5)) continue;
                    loss = evaluator.loss(Program.compile(e.expr()), evolve, options.loss());
                }
                hallOfFame.offer(e.expr(), loss);
            }
        }
        polishHallOfFame();
        evaluations = evals + polishEvaluations;
        restartIfStalled();
        migrate();
        return new Epoch(generation, evaluations, elapsed(), scaling.lossToOriginal(hallOfFame.bestLoss()), fraction(),
                rawFront());
    }

    /**
     * Fits the constants of hall-of-fame entries not fitted before (on up to {@value #POLISH_ROWS}
     * rows, without scaling: entries carry their scaling explicitly) and keeps the better version.
     * Runs at the barrier: the fits in parallel, their results applied in complexity order.
     */
    private void polishHallOfFame() {
        if (polishRows == null) polishRows = evolve.evenlySpaced(POLISH_ROWS);
        // Each task has its own evaluator; the outcome does not depend on the thread count.
        List<HallOfFame.Entry> fresh = new ArrayList<>();
        for (HallOfFame.Entry e : hallOfFame.entries()) {
            if (e.expr().constantCount() > 0 && polished.add(e.expr())) fresh.add(e);
        }
        Columns rows = polishRows;
        List<Future<Object[]>> fits = new ArrayList<>();
        for (HallOfFame.Entry e : fresh) {
            fits.add(pool.submit(() -> {
                Evaluator ev = new Evaluator();
                // With a template, a function's constants stay tied across its calls.
                int[] tied = template == null ? null : template.parameters(e.expr());
                ConstantFitter.Fit fit = new ConstantFitter(ev, 30).fit(e.expr(), rows, false, tied);
                Expr fitted = e.expr().withConstants(fit.constants());
                double loss = fitted.equals(e.expr()) ? e.loss() : ev.loss(Program.compile(fitted), evolve, options.loss());
                return new Object[] {fitted, loss, fit.evaluations() + 1};
            }));
        }
        for (int k = 0; k < fresh.size(); k++) {
            Object[] r;
            try {
                r = uninterruptibly(fits.get(k));
            } catch (ExecutionException ex) {
                throw new IllegalStateException("search failed: " + ex.getCause(), ex.getCause());
            }
            Expr fitted = (Expr) r[0];
            double loss = (Double) r[1];
            polishEvaluations += (Integer) r[2];
            if (loss < fresh.get(k).loss() && hallOfFame.offer(fitted, loss)) polished.add(fitted);
        }
    }

    /**
     * When the best loss has not gained {@link #RESTART_GAIN} for {@code restartGenerations} generations, the next
     * island in turn starts again from a fresh random population (its own seed, the user's initial expressions; the
     * hall of fame keeps what it found) and receives no migrants for as many generations. Migrants and the hall of
     * fame reach every island each epoch, so the populations of a search that has settled on a near miss become alike
     * (II.11.17 ended on the same equation at 60 s and 300 s); a fresh island searches elsewhere. Decided at the
     * barrier, so a search with a generation budget stays independent of the number of threads.
     */
    private void restartIfStalled() {
        int after = options.restartGenerations();
        double best = hallOfFame.bestLoss();
        if (best < stallBest * (1 - RESTART_GAIN) || stallBest == Double.POSITIVE_INFINITY) {
            stallBest = best;
            stallSince = generation;
            return;
        }
        if (after <= 0 || generation - stallSince < after || islands.isEmpty()) return;
        int i = restarts % islands.size();
        restarts++;
        long seed = islandSeed(i, restarts);
        retiredEvaluations += islands.get(i).scorer().evaluations();
        islands.set(i, new Island(options, seed, factory, canonicalizer, evolve, batch, initial, template));
        quarantine[i] = generation + after;
        stallSince = generation;
    }

    /** The seed of island {@code i} after {@code restart} restarts of any island (0: its first population). */
    private long islandSeed(int i, int restart) {
        return options.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (i + 1) + 0x2545F4914F6CDD1DL * restart;
    }

    /** How many islands restarts replaced ({@code restartGenerations}). */
    public int restarts() { return restarts; }

    private void migrate() {
        int n = islands.size();
        if (options.migrants() == 0) return;
        List<List<Expr>> outgoing = new ArrayList<>();
        for (Island island : islands) outgoing.add(island.best(options.migrants()));
        List<HallOfFame.Entry> fame = hallOfFame.entries();
        for (int i = 0; i < n; i++) {
            List<Expr> in = new ArrayList<>(n > 1 ? outgoing.get((i + n - 1) % n) : List.of());
            Island island = islands.get(i);
            for (int k = 0; k < Math.max(1, options.migrants() / 2) && !fame.isEmpty(); k++) {
                in.add(fame.get(island.random().nextInt(fame.size())).expr());
            }
            if (generation >= quarantine[i]) island.receive(in);
        }
    }

    /** Waits for the future, ignoring interrupts (the flag is restored when the search finishes). */
    private static <T> T uninterruptibly(Future<T> f) throws ExecutionException {
        while (true) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                // keep waiting: the island stops at its next generation because cancel is set
            }
        }
    }

    private double fraction() {
        double f = Double.NaN;
        if (options.generations() > 0) f = max(f, (double) generation / options.generations());
        if (options.maxEvaluations() > 0) f = max(f, (double) evaluations / options.maxEvaluations());
        if (options.timeLimit() != null) f = max(f, (double) elapsed().toNanos() / options.timeLimit().toNanos());
        return Double.isNaN(f) ? f : Math.min(1, f);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }

    /**
     * The current hall of fame, as found (linear scaling explicit, not simplified), with losses on the
     * search rows, in the original units.
     */
    List<Found> rawFront() {
        List<Found> out = new ArrayList<>();
        for (HallOfFame.Entry e : hallOfFame.entries()) {
            out.add(new Found(scaling.toOriginal(e.expr()), scaling.lossToOriginal(e.loss())));
        }
        return List.copyOf(out);
    }

    /**
     * Ends the search (if still running), refits the constants of the hall of fame on all rows,
     * simplifies with Symja, snaps constants, and returns the finished equations. Under a time limit
     * this stops simplifying when the limit arrives (the remaining equations stay as found); after
     * a cancel it allows 10 s.
     */
    public Result finish() {
        return finish(List.of());
    }

    /**
     * As {@link #finish()}, with {@code extra} candidates (in the original units) finished beside the hall of fame: the
     * constant model when the caller writes the equations out in other variables, so that the front keeps its
     * simplest member (candidate features: a feature is one leaf here, three or more written out).
     */
    public Result finish(List<Expr> extra) {
        if (!done) {
            done = true;
            if (stopReason.equals("running")) stopReason = "stopped";
        }
        if (cancel.get() && stopReason.equals("stopped")) stopReason = "cancelled";
        List<Expr> candidates = new ArrayList<>();
        for (HallOfFame.Entry e : hallOfFame.entries()) candidates.add(scaling.toOriginal(e.expr()));
        candidates.addAll(extra);
        // After a cancel the user is waiting (Ctrl-C): give the finish 10 s in all. A time limit
        // covers the whole run: the finish ends with it (the search left it finishReserve).
        long deadline = cancel.get() ? System.nanoTime() + 10_000_000_000L : Long.MAX_VALUE;
        if (options.timeLimit() != null) deadline = Math.min(deadline, startNanos + options.timeLimit().toNanos());
        List<Found> finished = finisher.finish(candidates, deadline);
        pool.shutdown();
        if (context != null) executor.release(context);
        if (interrupted) Thread.currentThread().interrupt();
        return new Result(finished, finisher.absoluteTolerance(), generation, evaluations, elapsed(), stopReason);
    }

    /**
     * The islands' loss caches: {@code {look-ups, hits}} in all (a hit saves an evaluation). Read
     * between epochs.
     */
    public long[] cacheStatistics() {
        long lookups = 0, hits = 0;
        for (Island island : islands) {
            lookups += island.scorer().lookups();
            hits += island.scorer().hits();
        }
        return new long[] {lookups, hits};
    }

    /** Generations completed per island. */
    public long generation() { return generation; }

    /** Evaluations so far. */
    public long evaluations() { return evaluations; }

    /** Wall time since the start. */
    public Duration elapsed() { return Duration.ofNanos(System.nanoTime() - startNanos); }

    /** Why the search stopped, or "running". */
    public String stopReason() { return stopReason; }

    @Override public void close() {
        pool.shutdownNow();
        if (context != null) executor.release(context);
    }
}
