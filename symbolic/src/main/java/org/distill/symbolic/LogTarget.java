package org.distill.symbolic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.search.Search;

/**
 * The log-target stage ({@link SymbolicRegressor.Builder#logTarget}): before the search, a tenth of
 * the budget searches {@code log|y|}, and the search starts with {@code exp(f)} for each equation
 * {@code f} of that front. A Gaussian {@code exp(−θ²/2)/√(2π)}, a Boltzmann factor
 * {@code n₀·exp(−mgx/(k_B T))} or a product of powers is a short sum in log space (the linear step
 * fits its terms) but a deep, rarely built tree in the target's own space (AI Feynman transforms the
 * target the same way). Only equations that explain {@code log|y|} well ({@link #SEED_NMSE}) become seeds, of every
 * other island, and they only start the search: they compete with everything else on the target itself.
 */
final class LogTarget {
    /** The share of each budget (time, generations, evaluations) the stage takes from the search. */
    static final double SHARE = 0.1;
    /**
     * Only equations that explain {@code log|y|} this well (mean squared error over its variance: R² ≥ 0.99) seed
     * the search, and only every other island ({@code Search}): seeds of a stage that had not solved its problem took
     * over every population of II.35.21 and III.8.54 (docs/BENCHMARKS.md), while near misses helped I.40.1.
     */
    static final double SEED_NMSE = 1e-2;
    /** Without a target loss of the search's own, the stage stops at this one (over the variance of log|y|): solved. */
    static final double EXACT_NMSE = 1e-24;
    /** Generations of the stage when the search has only a target loss to stop it. */
    static final long UNBOUNDED_GENERATIONS = 10;

    /** What the stage found: seeds for the search (in its variables), its generations, evaluations and wall time. */
    record Stage(List<Expr> seeds, long generations, long evaluations, Duration elapsed) {
        static final Stage NONE = new Stage(List.of(), 0, 0, Duration.ZERO);
    }

    private LogTarget() {}

    /**
     * Whether the stage runs: asked for, with linear scaling (it gives {@code exp(f)} its sign and
     * scale), {@code exp} and {@code log} among the operators, no template, and a target of one sign without zeros.
     */
    static boolean applies(SymbolicRegressor.Options o, Columns data) {
        if (!o.logTarget() || !o.linearScaling() || o.template() != null) return false;
        // exp maps the stage's equations back; without log the stage cannot write the log of a product of powers
        // and only approximates it (measured: such seeds misled the search of 3e-20·x·exp(−t/4e8), ScaledSearchTest).
        if (o.operators().stream().noneMatch(op -> op.kind() == Op.Kind.EXP)
                || o.operators().stream().noneMatch(op -> op.kind() == Op.Kind.LOG)) return false;
        double[] y = data.y();
        boolean positive = y[0] > 0;
        for (int i = 0; i < data.rows(); i++) {
            double v = y[i];
            if (!Double.isFinite(v) || v == 0 || (v > 0) != positive) return false;
        }
        return true;
    }

    /**
     * Runs the stage on {@code data} (the search's columns) when it {@link #applies}; otherwise
     * {@link Stage#NONE}. Cancelling stops it as it stops the search.
     */
    static Stage run(SymbolicRegressor.Options o, Columns data, List<String> names, AtomicBoolean cancel) {
        if (!applies(o, data)) return Stage.NONE;
        double[] logY = new double[data.rows()];
        for (int i = 0; i < logY.length; i++) logY[i] = Math.log(Math.abs(data.y()[i]));
        Columns logs = new Columns(data.x(), logY, data.w(), data.rows());
        double logVariance = variance(logY, logY.length);
        SymbolicRegressor.Options stage = stageOptions(o, variance(data.y(), data.rows()), logVariance);
        long start = System.nanoTime();
        List<Search.Found> front = List.of();
        long evaluations = 0;
        long generations = 0;
        try (Search search = new Search(stage, logs, names, cancel, false)) {
            for (Search.Epoch e : (Iterable<Search.Epoch>) search.stream()::iterator) {
                front = e.front();
                evaluations = e.evaluations();
                generations = e.generation();
            }
        }
        List<Expr> seeds = new ArrayList<>(front.size());
        boolean powers = o.operators().stream().anyMatch(op -> op.kind() == Op.Kind.POW);
        double enough = SEED_NMSE * logVariance;
        for (Search.Found f : front) {
            if (f.expr().isConstantTree() || !(f.loss() <= enough)) continue;
            seeds.add(exponential(f.expr().foldConstants(), powers));
        }
        return new Stage(List.copyOf(seeds), generations, evaluations, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Exponents within this of a multiple of 1/2 are taken to be that multiple by {@link #exponential}. */
    static final double EXPONENT_SNAP = 1e-3;

    /**
     * {@code exp(f)} written without the exponential of a logarithm, which the default nesting rules forbid (a seed
     * that breaks them is dropped): sums become products ({@code exp(a + b) = exp(a)·exp(b)}, {@code exp(a − b) =
     * exp(a)/exp(b)}), constant factors spread over sums, {@code exp(c·log u) = u^c} and {@code exp(log u) = u}, and a
     * constant its value. So the stage's {@code −0.5·(θ/σ)² − log σ − 0.92} seeds {@code exp(−0.5·(θ/σ)²)·(1/σ)·0.40},
     * not {@code exp(… − log σ …)}. Exponents within {@link #EXPONENT_SNAP} of a multiple of 1/2 are written with
     * products, divisions and {@code sqrt}, others as powers if {@code powers} ({@code ^} is an operator of the search),
     * else left as {@code exp(c·log u)} (then dropped: a seed with a power of fitted exponent, {@code u^4.8}, in a search
     * without powers took I.13.4's populations over). Equal to {@code exp(f)} wherever {@code f} is defined, but for the
     * exponents so snapped (the seed only starts the search, whose constant fits take over).
     */
    static Expr exponential(Expr f, boolean powers) {
        if (f.isConstant()) return Expr.constant(Math.exp(f.value()));
        if (f.isLeaf()) return Expr.of(Op.EXP, f);
        Expr a = f.arg(0), b = f.arity() > 1 ? f.arg(1) : null;
        return switch (f.op().kind()) {
            case ADD -> Expr.of(Op.MUL, exponential(a, powers), exponential(b, powers));
            case SUB -> Expr.of(Op.DIV, exponential(a, powers), exponential(b, powers));
            case NEG -> Expr.of(Op.DIV, Expr.constant(1), exponential(a, powers));
            case LOG -> a;
            case MUL -> a.isConstant() ? scaled(a.value(), b, f, powers) : b.isConstant() ? scaled(b.value(), a, f, powers)
                    : Expr.of(Op.EXP, f);
            case DIV -> b.isConstant() && b.value() != 0 ? scaled(1 / b.value(), a, f, powers) : Expr.of(Op.EXP, f);
            default -> Expr.of(Op.EXP, f);
        };
    }

    /** {@code exp(c·g)}, {@code f} being {@code c·g} as written. */
    private static Expr scaled(double c, Expr g, Expr f, boolean powers) {
        if (g.isLeaf() || !Double.isFinite(c)) return Expr.of(Op.EXP, f);
        Expr a = g.arg(0), b = g.arity() > 1 ? g.arg(1) : null;
        return switch (g.op().kind()) {
            case ADD -> Expr.of(Op.MUL, scaled(c, a, times(c, a), powers), scaled(c, b, times(c, b), powers));
            case SUB -> Expr.of(Op.DIV, scaled(c, a, times(c, a), powers), scaled(c, b, times(c, b), powers));
            case NEG -> scaled(-c, a, times(-c, a), powers);
            case LOG -> {
                Expr p = power(a, c, powers);
                yield p == null ? Expr.of(Op.EXP, f) : p;
            }
            case MUL -> a.isConstant() ? scaled(c * a.value(), b, f, powers) : b.isConstant() ? scaled(c * b.value(), a, f, powers)
                    : Expr.of(Op.EXP, f);
            case DIV -> b.isConstant() && b.value() != 0 ? scaled(c / b.value(), a, f, powers) : Expr.of(Op.EXP, f);
            default -> Expr.of(Op.EXP, f);
        };
    }

    private static Expr times(double c, Expr g) { return Expr.of(Op.MUL, Expr.constant(c), g); }

    /**
     * {@code u^c}: with products, one division and {@code sqrt} when {@code c} is a multiple of 1/2 up to ±4, else a
     * power if {@code powers}, else null.
     */
    static Expr power(Expr u, double c, boolean powers) {
        double halves = Math.rint(2 * c);
        if (Math.abs(2 * c - halves) > 2 * EXPONENT_SNAP || halves == 0 || Math.abs(halves) > 8)
            return powers ? Expr.of(Op.POW, u, Expr.constant(c)) : null;
        int n = (int) Math.abs(halves);
        Expr p = n % 2 == 1 ? Expr.of(Op.SQRT, u) : null;
        for (int k = 0; k < n / 2; k++) p = p == null ? u : Expr.of(Op.MUL, p, u);
        return halves < 0 ? Expr.of(Op.DIV, Expr.constant(1), p) : p;
    }

    /**
     * The stage's settings: a {@link #SHARE} of each budget, a target loss in log space as far
     * below the log target's variance as the search's is below the target's (else {@link #EXACT_NMSE} of it), no finish, no
     * smoothing, no listener, no units (log y has none), no seeds of the user's (they are in y).
     */
    static SymbolicRegressor.Options stageOptions(SymbolicRegressor.Options o, double variance, double logVariance) {
        SymbolicRegressor.Builder b = o.toBuilder()
                .simplify(false).denoise(false).logTarget(false)
                .listener(ProgressListener.NONE)
                .units(org.distill.symbolic.units.Units.DEFAULT)
                .initialExpressions(List.of())
                .generations(share(o.generations()))
                .maxEvaluations(share(o.maxEvaluations()))
                .timeLimit(o.timeLimit() == null ? null : Duration.ofNanos(Math.round(o.timeLimit().toNanos() * SHARE)))
                .targetLoss(o.targetLoss() > 0 && variance > 0 ? o.targetLoss() / variance * logVariance : EXACT_NMSE * logVariance);
        if (o.generations() == 0 && o.maxEvaluations() == 0 && o.timeLimit() == null) b.generations(UNBOUNDED_GENERATIONS);
        return b.build().options();
    }

    /** The search's settings after {@code stage}: each budget less what the stage took of it. */
    static SymbolicRegressor.Options remaining(SymbolicRegressor.Options o, Stage stage) {
        SymbolicRegressor.Builder b = o.toBuilder()
                .generations(o.generations() == 0 ? 0 : Math.max(1, o.generations() - share(o.generations())))
                .maxEvaluations(o.maxEvaluations() == 0 ? 0 : Math.max(1, o.maxEvaluations() - stage.evaluations()));
        if (o.timeLimit() != null) {
            Duration left = o.timeLimit().minus(stage.elapsed());
            b.timeLimit(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left);
        }
        return b.build().options();
    }

    private static long share(long budget) {
        return budget == 0 ? 0 : Math.max(1, Math.round(budget * SHARE));
    }

    private static double variance(double[] v, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) m += v[i];
        m /= n;
        double s = 0;
        for (int i = 0; i < n; i++) s += (v[i] - m) * (v[i] - m);
        return s / n;
    }
}
