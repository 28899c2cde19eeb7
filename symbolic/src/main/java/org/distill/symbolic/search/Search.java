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
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.Progress;
import org.distill.symbolic.Provenance;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Printer;
import org.distill.symbolic.optimize.ConstantFitter;

/**
 * One run of the island-model search. Islands evolve in parallel for a fixed number of
 * generations (an epoch), then, on one thread and in island order, their halls of fame are merged
 * and migrants move from each island to the next and from the global hall of fame. Because every
 * island owns its random generator and only exchanges individuals at these barriers, the result
 * depends on the seed and the budget, never on the number of threads.
 */
public final class Search implements AutoCloseable {
    /** Data sets larger than this are searched in mini-batches unless a batch size is set. */
    static final int AUTO_BATCH_ROWS = 10_000;
    static final int AUTO_BATCH_SIZE = 2048;

    private final SymbolicRegressor.Options options;
    private final Dataset data;
    private final Columns full;
    private final AtomicBoolean cancel;
    private final List<Island> islands = new ArrayList<>();
    private final HallOfFame hallOfFame;
    private final boolean batched;
    private final ExecutorService pool;
    private final long startNanos = System.nanoTime();
    private final Set<Op.Kind> allowed;
    private final Finisher finisher;
    static final int POLISH_ROWS = 1000;
    private final Evaluator barrierEvaluator = new Evaluator();
    private final java.util.Set<Expr> polished = new java.util.HashSet<>();
    private Columns polishRows;
    private long polishEvaluations;
    private long generation;
    private long evaluations;
    private String stopReason = "running";
    private boolean done;
    private boolean interrupted;

    public Search(SymbolicRegressor.Options options, Dataset data, AtomicBoolean cancel) {
        this.options = options;
        this.data = data;
        this.cancel = cancel;
        this.full = data.columns();
        this.allowed = EnumSet.noneOf(Op.Kind.class);
        for (Op op : options.operators()) allowed.add(op.kind());
        Constraints constraints = new Constraints(options.maxComplexity(), options.maxDepth(), options.forbiddenNesting());
        TreeFactory factory = new TreeFactory(options.operators(), data.features(), constraints);
        Canonicalizer canonicalizer = Canonicalizer.of(options.operators());
        List<Expr> initial = new ArrayList<>();
        for (Expr e : options.initialExpressions()) {
            if (e.maxVariable() >= data.features()) {
                throw new IllegalArgumentException("initial expression " + e + " uses variable x" + e.maxVariable()
                        + " but the data has " + data.features() + " features");
            }
            Expr mapped = canonicalizer.remap(e);
            if (!constraints.test(mapped)) {
                throw new IllegalArgumentException("initial expression " + Printer.plain(e, data.variables())
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
        int batch = options.batchSize();
        if (batch == 0 && data.rows() > AUTO_BATCH_ROWS) batch = AUTO_BATCH_SIZE;
        if (batch >= data.rows()) batch = 0;
        this.batched = batch > 0;
        this.hallOfFame = new HallOfFame(options.maxComplexity());
        this.finisher = new Finisher(options, data, allowed, canonicalizer);
        if (options.simplify()) finisher.warmUp();
        for (int i = 0; i < options.islands(); i++) {
            long seed = options.seed() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (i + 1);
            islands.add(new Island(options, seed, factory, canonicalizer, full, batch, initial));
        }
        int threads = Math.min(options.threads(), options.islands());
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "distill-island");
            t.setDaemon(true);
            return t;
        });
    }

    /** The search as a stream of progress snapshots, one per epoch. */
    public Stream<Progress> stream() {
        Iterator<Progress> it = new Iterator<>() {
            @Override public boolean hasNext() { return !done && !shouldStop(); }

            @Override public Progress next() {
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
        if (options.timeLimit() != null && elapsed().compareTo(options.timeLimit()) >= 0) return stop("time limit");
        if (options.targetLoss() > 0 && hallOfFame.bestLoss() <= options.targetLoss()) return stop("target loss");
        return false;
    }

    private boolean stop(String reason) {
        stopReason = reason;
        done = true;
        pool.shutdown(); // idle now; a stream that is never closed must not keep threads alive
        return true;
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private Progress epoch() {
        int gens = options.generationsPerEpoch();
        if (options.generations() > 0) gens = (int) Math.min(gens, options.generations() - generation);
        final int g = gens;
        long deadline = options.timeLimit() == null ? Long.MAX_VALUE : startNanos + options.timeLimit().toNanos();
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
        generation += ran;
        // Barrier: merge halls of fame and count evaluations, in island order.
        long evals = 0;
        Evaluator evaluator = barrierEvaluator;
        for (Island island : islands) {
            evals += island.scorer().evaluations();
            for (HallOfFame.Entry e : island.scorer().hallOfFame().entries()) {
                double loss = e.loss();
                if (batched) {
                    if (!hallOfFame.wouldAccept(e.expr().complexity(), loss * 0.5)) continue;
                    loss = evaluator.loss(Program.compile(e.expr()), full, options.loss());
                }
                hallOfFame.offer(e.expr(), loss);
            }
        }
        polishHallOfFame();
        evaluations = evals + polishEvaluations;
        migrate();
        Progress p = new Progress(generation, evaluations, elapsed(), hallOfFame.bestLoss(), fraction(), rawFront());
        options.listener().onProgress(p);
        return p;
    }

    /**
     * Fits the constants of hall-of-fame entries not fitted before (on up to {@value #POLISH_ROWS}
     * rows, without scaling: entries carry their scaling explicitly) and keeps the better version.
     * Runs at the barrier: the fits in parallel, their results applied in complexity order.
     */
    private void polishHallOfFame() {
        if (polishRows == null) polishRows = full.evenlySpaced(POLISH_ROWS);
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
                ConstantFitter.Fit fit = new ConstantFitter(ev, 30).fit(e.expr(), rows, false);
                Expr fitted = e.expr().withConstants(fit.constants());
                double loss = fitted.equals(e.expr()) ? e.loss() : ev.loss(Program.compile(fitted), full, options.loss());
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
        if (polished.size() > 100_000) polished.clear();
    }

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
            island.receive(in);
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

    private Provenance provenance() {
        return new Provenance(data.rows(), data.variables(), data.target(), options.summary(), options.seed(),
                options.threads(), generation, evaluations, elapsed(), stopReason, Provenance.currentVersions(),
                options.loss().name());
    }

    /** The current front, as found (scaling explicit, not simplified), with losses on the search rows. */
    ParetoFront rawFront() {
        List<Equation> eqs = new ArrayList<>();
        for (HallOfFame.Entry e : hallOfFame.entries()) eqs.add(new Equation(e.expr(), data.variables(), e.loss(), 0));
        return ParetoFront.of(eqs, provenance());
    }

    /**
     * Ends the search (if still running), refits the constants of the hall of fame on all rows,
     * simplifies with Symja, snaps constants, and returns the front.
     */
    public ParetoFront finish() {
        if (!done) {
            done = true;
            if (stopReason.equals("running")) stopReason = "stopped";
        }
        if (cancel.get() && stopReason.equals("stopped")) stopReason = "cancelled";
        List<Expr> candidates = new ArrayList<>();
        for (HallOfFame.Entry e : hallOfFame.entries()) candidates.add(e.expr());
        // After a cancel the user is waiting (Ctrl-C): give simplification 10 s in all. Under a time
        // limit, a quarter of it (at least 5 s): Symja can take seconds per equation on a busy machine.
        long now = System.nanoTime();
        long deadline = cancel.get() ? now + 10_000_000_000L
                : options.timeLimit() != null ? now + Math.max(5_000_000_000L, options.timeLimit().toNanos() / 4)
                : Long.MAX_VALUE;
        List<Equation> finished = finisher.finish(candidates, deadline);
        pool.shutdown();
        if (interrupted) Thread.currentThread().interrupt();
        return ParetoFront.of(finished, provenance(), finisher.absoluteTolerance());
    }

    @Override public void close() {
        pool.shutdownNow();
    }
}
