package org.distill.symbolic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.distill.symbolic.search.Search;

/**
 * One search of one data set, made by {@link SymbolicRegressor#start(Dataset)}: follow it with
 * {@link #progress()}, stop it when you like (limit or close that stream, {@link #cancel()}, or let
 * the budget run out), then {@link #finish()} it into the simplified front, as {@code fit} would.
 * Close it (try-with-resources) to free its threads.
 *
 * <pre>{@code
 * try (SearchRun run = regressor.start(data)) {
 *     run.progress().takeWhile(p -> p.bestLoss() > 1e-6).limit(50).forEach(System.out::println);
 *     ParetoFront front = run.finish();   // refitted, simplified, snapped: what fit returns
 * }
 * }</pre>
 *
 * <p>Not thread-safe, except {@link #cancel()}, which any thread may call.
 */
public final class SearchRun implements AutoCloseable {
    private final SymbolicRegressor.Options options;
    private final Dataset data;
    private final AtomicBoolean cancel;
    private final Search search;
    /** Candidate features added as columns ({@code features} setting), or null. */
    private final org.distill.symbolic.data.Features features;
    private final String summary;
    /** The target stages before the search ({@link LogTarget}; {@code Stage.NONE} when none ran). */
    private final LogTarget.Stage stage;
    private boolean streamed;
    private ParetoFront front;

    /** {@code finishes}: whether the caller will finish the run (a time limit then covers the finish). */
    SearchRun(SymbolicRegressor.Options options, Dataset data, AtomicBoolean cancel, boolean finishes) {
        this.options = options;
        this.data = data;
        this.cancel = cancel;
        this.summary = options.summary();
        // With a relative weighting the search (and its finish and validation) sees weights 1/y².
        Dataset searched = options.weighting().apply(data, options.loss());
        org.distill.symbolic.eval.Columns view = searched.view();
        // A template names the data's own variables: no candidate features with one.
        org.distill.symbolic.data.Features candidates = options.features() && options.template() == null
                ? org.distill.symbolic.data.Features.of(view.x(), view.rows(), data.variables(), data.columnDimensions(),
                        data.targetDimension())
                : null;
        // Checked against the data's inputs here: with features the search's columns are wider.
        Search.checkInitialExpressions(options.initialExpressions(), data.variables().size());
        // None at all (one input) is as without them: the same search and finish.
        this.features = candidates == null || candidates.isEmpty() ? null : candidates;
        org.distill.symbolic.eval.Columns columns = features == null ? view
                : new org.distill.symbolic.eval.Columns(features.augment(view.x(), view.rows()), view.y(), view.w(), view.rows());
        List<String> names = features == null ? data.variables() : features.names(data.variables());
        // The target stages (log|y|, 1/y, y²) take their shares of the budget first; their fronts seed the search.
        // (They fit without the weighting's 1/y², which the log already is; a data set's own weights stay.)
        this.stage = LogTarget.runAll(options, new org.distill.symbolic.eval.Columns(columns.x(), columns.y(),
                data.view().w(), columns.rows()), names, cancel);
        SymbolicRegressor.Options budget = stage == LogTarget.Stage.NONE ? options : LogTarget.remaining(options, stage);
        List<org.distill.symbolic.units.Dimension> dims = new ArrayList<>(data.columnDimensions());
        // The search sees the features as extra variables; equations() writes them out again.
        if (features != null && data.hasUnits()) for (var f : features.features()) dims.add(f.dimension());
        this.search = new Search(withUnits(budget, data, dims), columns, names, cancel, finishes, stage.seeds());
    }

    /** The settings with the units rules bound to the data set's units (units package). */
    private static SymbolicRegressor.Options withUnits(SymbolicRegressor.Options options, Dataset data,
                                                       List<org.distill.symbolic.units.Dimension> columns) {
        if (!data.hasUnits()) return options;
        return options.toBuilder().units(options.units().bind(columns, data.targetDimension()))
                .build().options();
    }

    /**
     * The search as a stream of progress snapshots, one per epoch, each also sent to the
     * settings' listener. It ends when the budget is spent or the run is cancelled; a shorter
     * stream ({@code limit}, {@code takeWhile}) stops the search where it ends. Each snapshot's
     * front is raw (not simplified). May be called once, before {@link #finish()}.
     *
     * @throws IllegalStateException on a second call, or after {@code finish}
     */
    public Stream<Progress> progress() {
        if (front != null) throw new IllegalStateException("the run is finished: progress() comes before finish()");
        if (streamed) throw new IllegalStateException("progress() was already called on this run");
        streamed = true;
        return search.stream().map(this::progress);
    }

    private Progress progress(Search.Epoch e) {
        ParetoFront raw = ParetoFront.of(equations(e.front()),
                provenance(e.generation(), e.evaluations(), e.elapsed(), search.stopReason()));
        Progress p = new Progress(e.generation() + stage.generations(), e.evaluations() + stage.evaluations(), e.elapsed().plus(stage.elapsed()),
                e.bestLoss(), stage.share() + (1 - stage.share()) * e.fraction(),
                raw);
        options.listener().onProgress(p);
        return p;
    }

    /** Asks the search to stop at its next generation (from any thread); {@link #finish()} still works. */
    public void cancel() {
        cancel.set(true);
    }

    /**
     * Ends the search (if still running) and returns the front found so far, refitted on all rows,
     * simplified and with snapped constants, as {@link SymbolicRegressor#fit} returns it. The first
     * call does the work; later calls return the same front.
     */
    public ParetoFront finish() {
        if (front == null) {
            // With features the search's complexity-1 members are features (three or more written out), which
            // crowd the constant off its front; without it the first equation of the front has no score to
            // compete with (the score is the gain over the previous one), so the constant is finished too.
            Search.Result r = search.finish(features == null ? List.of()
                    : List.of(org.distill.symbolic.expr.Expr.constant(mean(data.y()))));
            front = ParetoFront.of(equations(r.equations()),
                    provenance(r.generation(), r.evaluations(), r.elapsed(), r.stopReason()), r.absoluteTolerance());
        }
        return front;
    }

    private List<Equation> equations(List<Search.Found> found) {
        List<Equation> out = new ArrayList<>(found.size());
        for (Search.Found f : found) {
            org.distill.symbolic.expr.Expr e = features == null ? f.expr() : features.substitute(f.expr());
            double validation = f.validationLoss(), error = f.validationError();
            // A pole between rows (on the data's own inputs) takes no part in the selection, like a bounded oscillation.
            if (options.boundOscillation() && validation < Double.POSITIVE_INFINITY && Search.hasPoleBetweenRows(e, data.view())) {
                validation = Double.POSITIVE_INFINITY;
                error = Double.POSITIVE_INFINITY;
            }
            out.add(new Equation(e, data.variables(), f.loss(), 0, validation, error));
        }
        return out;
    }

    private static double mean(double[] y) {
        double s = 0;
        for (double v : y) s += v;
        return y.length == 0 ? 0 : s / y.length;
    }

    /** With the target stages' generations, evaluations and time added to the search's. */
    private Provenance provenance(long generations, long evaluations, Duration elapsed, String stopReason) {
        return new Provenance(data.rows(), data.variables(), data.target(), summary, options.seed(),
                options.threads(), generations + stage.generations(), evaluations + stage.evaluations(), elapsed.plus(stage.elapsed()), stopReason,
                Provenance.currentVersions(),
                options.loss().name(), options);
    }

    /** Stops the search's threads; the run cannot go on afterwards. */
    @Override public void close() {
        search.close();
    }
}
