package org.distill.symbolic.search;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * Internal: the settings one {@link Search} reads, validated by whoever implements this (the
 * public {@code SymbolicRegressor.Options} record, whose components implement these accessors).
 * Not part of the public API: use {@code SymbolicRegressor.builder()}. A setting the search needs
 * is declared here once, as an accessor named like the record component; the search package never
 * sees the public API types, so the API may depend on it and not the other way round.
 */
public interface SearchConfig {
    List<Op> operators();

    int maxComplexity();

    int maxDepth();

    /** Pairs (outer, inner) of operator names. */
    Set<List<String>> forbiddenNesting();

    int populationSize();

    int islands();

    int generationsPerEpoch();

    int migrants();

    /** Generations per island (0: no limit). */
    long generations();

    /** Evaluations in all (0: no limit). */
    long maxEvaluations();

    /** The wall-time budget of the whole run, search and finish (null: none). */
    Duration timeLimit();

    /** Stop once an equation reaches this loss (0: never). */
    double targetLoss();

    long seed();

    int threads();

    Loss loss();

    boolean linearScaling();

    /**
     * Whether a top-level sum is scored as the least-squares combination of its terms (with linear
     * scaling only; see {@code LinearTerms}).
     */
    boolean linear();

    /** The fewest rows on which {@link #linear()} applies. */
    int linearMinRows();

    int batchSize();

    double parsimony();

    double adaptiveParsimony();

    double optimizeProbability();

    double crossoverProbability();

    int maxPhenotypeAge();

    /**
     * Generations without a gain of {@value Search#RESTART_GAIN} in the best loss after which one island starts again
     * from a fresh random population (and then evolves that long without migrants); 0 for never.
     */
    int restartGenerations();

    int tournamentSize();

    Duration simplifyTimeout();

    boolean simplify();

    /**
     * Whether a finished equation with a sine or cosine sampled fewer than about four times per
     * period on the rows (it interpolates noise between them) gets an infinite validation loss, and whether
     * an expression with a sine or cosine whose argument hardly moves over the rows (a Taylor polynomial in
     * disguise) gets an infinite loss in the search and at the finish.
     */
    boolean boundOscillation();

    /**
     * Whether the evolution searches a Gaussian-process smoothing of the target
     * ({@code data.GaussianProcessSmoother}); the finish and the validation use the original.
     */
    boolean denoise();

    List<Expr> initialExpressions();

    /** The search template over the variables' names (see {@link Template}), or null for none. */
    String template();

    /**
     * Which columns the search rescales to magnitude about 1 (equations are reported in the
     * original units); see {@link Scaling}.
     */
    Scaling.Mode scale();

    /** Units rules, bound to the data set's units by the caller (inactive without them). */
    org.distill.symbolic.units.Units units();

    /** Where the islands evolve between barriers ({@link IslandExecutor#threads()}: here, in place). */
    IslandExecutor executor();
}
