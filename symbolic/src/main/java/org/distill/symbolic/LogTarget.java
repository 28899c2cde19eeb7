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
 * The target stages before the search: the log-target stage ({@link SymbolicRegressor.Builder#logTarget}) and the
 * power-target stages ({@link SymbolicRegressor.Builder#powerTargets}).
 *
 * <p>The log-target stage: before the search, a tenth of
 * the budget searches {@code log|y|}, and the search starts with {@code exp(f)} for each equation
 * {@code f} of that front. A Gaussian {@code exp(−θ²/2)/√(2π)}, a Boltzmann factor
 * {@code n₀·exp(−mgx/(k_B T))} or a product of powers is a short sum in log space (the linear step
 * fits its terms) but a deep, rarely built tree in the target's own space (AI Feynman transforms the
 * target the same way). Only equations that explain {@code log|y|} well ({@link #SEED_NMSE}) become seeds, of every
 * other island, and they only start the search: they compete with everything else on the target itself.
 *
 * <p>The power-target stages, after it, a fortieth of the budget each: {@code 1/y} (seeds {@code 1/f}; Bose–Einstein's
 * {@code 1/(exp(ħω/kT) − 1)} is {@code exp(ħω/kT) − 1} there, a short tree under linear scaling) and {@code y²} (seeds
 * {@code √f}; a wave number {@code √(ω²/c² − π²/d²)} is a sum of two terms there). A stage that solves its target
 * (reaches its target loss) ends the stages: the search starts at once.
 */
final class LogTarget {
    /** The share of each budget (time, generations, evaluations) the log-target stage takes from the search. */
    static final double SHARE = 0.1;
    /** The share each power-target stage takes. */
    static final double POWER_SHARE = 0.025;
    /**
     * Only equations that explain {@code log|y|} this well (mean squared error over its variance: R² ≥ 0.99) seed
     * the search, and only every other island ({@code Search}): seeds of a stage that had not solved its problem took
     * over every population of II.35.21 and III.8.54 (docs/BENCHMARKS.md), while near misses helped I.40.1.
     */
    static final double SEED_NMSE = 1e-2;
    /**
     * The power-target stages seed only what explains their targets this well (R² ≥ 1 − 1e-6): they are there for laws
     * they solve (Bose–Einstein, a wave number); their near misses, R² 0.99 on {@code 1/y}, took over the populations of
     * {@code 3e-20·x·exp(−t/4e8)} (ScaledSearchTest).
     */
    static final double POWER_SEED_NMSE = 1e-6;
    /** Without a target loss of the search's own, the stage stops at this one (over the variance of log|y|): solved. */
    static final double EXACT_NMSE = 1e-24;
    /** Generations of the stage when the search has only a target loss to stop it. */
    static final long UNBOUNDED_GENERATIONS = 10;

    /** The target a stage searches, the share of the budget it takes, and how its equations become seeds. */
    enum Kind {
        /** {@code log|y|}, seeds {@code exp(f)}. */
        LOG(SHARE),
        /** {@code 1/y}, seeds {@code 1/f}. */
        RECIPROCAL(POWER_SHARE),
        /** {@code y²}, seeds {@code √f} (linear scaling gives it the target's sign). */
        SQUARE(POWER_SHARE);

        final double share;

        Kind(double share) { this.share = share; }

        double transform(double y) {
            return switch (this) {
                case LOG -> Math.log(Math.abs(y));
                case RECIPROCAL -> 1 / y;
                case SQUARE -> y * y;
            };
        }

        Expr seed(Expr f, boolean powers) {
            return switch (this) {
                case LOG -> exponential(f, powers);
                case RECIPROCAL -> Expr.of(Op.DIV, Expr.constant(1), f);
                case SQUARE -> Expr.of(Op.SQRT, f);
            };
        }
    }

    /**
     * What the stages found: seeds for the search (in its variables), their generations, evaluations and wall time,
     * the generations they reserved (their shares of a generation budget) and their share of the budget.
     */
    record Stage(List<Expr> seeds, long generations, long evaluations, Duration elapsed, long reservedGenerations,
                 double share) {
        static final Stage NONE = new Stage(List.of(), 0, 0, Duration.ZERO, 0, 0);
    }

    private LogTarget() {}

    /**
     * Whether the log-target stage runs: asked for, with linear scaling (it gives {@code exp(f)} its sign and
     * scale), {@code exp} and {@code log} among the operators, no template, and a target of one sign without zeros.
     */
    static boolean applies(SymbolicRegressor.Options o, Columns data) {
        return applies(Kind.LOG, o, data);
    }

    /**
     * Whether the stage of {@code kind} runs: asked for ({@code logTarget}, {@code powerTargets}), with linear scaling
     * (it gives the seeds their sign and scale), no template, the operator the seeds need ({@code exp} and {@code log},
     * {@code /}, {@code sqrt}), and a target of one sign, finite and without zeros (zeros allowed for {@code y²}).
     */
    static boolean applies(Kind kind, SymbolicRegressor.Options o, Columns data) {
        boolean on = kind == Kind.LOG ? o.logTarget() : o.powerTargets();
        if (!on || !o.linearScaling() || o.template() != null) return false;
        boolean operators = switch (kind) {
            // exp maps the stage's equations back; without log the stage cannot write the log of a product of powers
            // and only approximates it (measured: such seeds misled the search of 3e-20·x·exp(−t/4e8), ScaledSearchTest).
            case LOG -> has(o, Op.Kind.EXP) && has(o, Op.Kind.LOG);
            case RECIPROCAL -> has(o, Op.Kind.DIV);
            case SQUARE -> has(o, Op.Kind.SQRT);
        };
        if (!operators) return false;
        double[] y = data.y();
        boolean positive = y[0] > 0 || (y[0] == 0 && kind == Kind.SQUARE && positiveSomewhere(y, data.rows()));
        for (int i = 0; i < data.rows(); i++) {
            double v = y[i];
            if (!Double.isFinite(v)) return false;
            if (v == 0 ? kind != Kind.SQUARE : (v > 0) != positive) return false;
        }
        return true;
    }

    private static boolean has(SymbolicRegressor.Options o, Op.Kind kind) {
        return o.operators().stream().anyMatch(op -> op.kind() == kind);
    }

    private static boolean positiveSomewhere(double[] y, int n) {
        for (int i = 0; i < n; i++) if (y[i] != 0) return y[i] > 0;
        return true;
    }

    /**
     * Runs the stages that {@link #applies apply}, in order (log, reciprocal, square), until one solves its target;
     * {@link Stage#NONE} when none runs. Cancelling stops them as it stops the search.
     */
    static Stage runAll(SymbolicRegressor.Options o, Columns data, List<String> names, AtomicBoolean cancel) {
        List<Expr> seeds = new ArrayList<>();
        long generations = 0, evaluations = 0, reserved = 0;
        Duration elapsed = Duration.ZERO;
        double share = 0;
        for (Kind kind : Kind.values()) {
            if (cancel.get() || !applies(kind, o, data)) continue;
            Run r = run(kind, o, data, names, cancel);
            seeds.addAll(r.stage.seeds());
            generations += r.stage.generations();
            evaluations += r.stage.evaluations();
            elapsed = elapsed.plus(r.stage.elapsed());
            reserved += r.stage.reservedGenerations();
            share += r.stage.share();
            if (r.solved) break;
        }
        return share == 0 ? Stage.NONE
                : new Stage(List.copyOf(seeds), generations, evaluations, elapsed, reserved, share);
    }

    /** One stage's result and whether it reached its target loss. */
    private record Run(Stage stage, boolean solved) {}

    /**
     * Runs the log-target stage on {@code data} (the search's columns) when it {@link #applies}; otherwise
     * {@link Stage#NONE}. Cancelling stops it as it stops the search.
     */
    static Stage run(SymbolicRegressor.Options o, Columns data, List<String> names, AtomicBoolean cancel) {
        return applies(Kind.LOG, o, data) ? run(Kind.LOG, o, data, names, cancel).stage : Stage.NONE;
    }

    private static Run run(Kind kind, SymbolicRegressor.Options o, Columns data, List<String> names, AtomicBoolean cancel) {
        double[] t = new double[data.rows()];
        for (int i = 0; i < t.length; i++) t[i] = kind.transform(data.y()[i]);
        Columns transformed = new Columns(data.x(), t, data.w(), data.rows());
        double stageVariance = variance(t, t.length);
        SymbolicRegressor.Options stage = stageOptions(o, kind, variance(data.y(), data.rows()), stageVariance);
        long start = System.nanoTime();
        List<Search.Found> front = List.of();
        long evaluations = 0;
        long generations = 0;
        double best = Double.POSITIVE_INFINITY;
        try (Search search = new Search(stage, transformed, names, cancel, false)) {
            for (Search.Epoch e : (Iterable<Search.Epoch>) search.stream()::iterator) {
                front = e.front();
                evaluations = e.evaluations();
                generations = e.generation();
                best = e.bestLoss();
            }
        }
        List<Expr> seeds = new ArrayList<>(front.size());
        boolean powers = has(o, Op.Kind.POW);
        double enough = (kind == Kind.LOG ? SEED_NMSE : POWER_SEED_NMSE) * stageVariance;
        for (Search.Found f : front) {
            if (f.expr().isConstantTree() || !(f.loss() <= enough)) continue;
            seeds.add(kind.seed(f.expr().foldConstants(), powers));
        }
        Stage s = new Stage(List.copyOf(seeds), generations, evaluations, Duration.ofNanos(System.nanoTime() - start),
                share(o.generations(), kind.share), kind.share);
        return new Run(s, best <= stage.targetLoss());
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

    /** The log-target stage's settings ({@link #stageOptions(SymbolicRegressor.Options, Kind, double, double)}). */
    static SymbolicRegressor.Options stageOptions(SymbolicRegressor.Options o, double variance, double logVariance) {
        return stageOptions(o, Kind.LOG, variance, logVariance);
    }

    /**
     * A stage's settings: its share of each budget, a target loss on its target as far below that target's variance
     * as the search's is below the target's (else {@link #EXACT_NMSE} of it), no finish, no smoothing, no stages, no
     * listener, no units (a transformed target has other ones), no seeds of the user's (they are in y).
     */
    static SymbolicRegressor.Options stageOptions(SymbolicRegressor.Options o, Kind kind, double variance,
                                                  double stageVariance) {
        SymbolicRegressor.Builder b = o.toBuilder()
                .simplify(false).denoise(false).logTarget(false).powerTargets(false)
                .listener(ProgressListener.NONE)
                .units(org.distill.symbolic.units.Units.DEFAULT)
                .initialExpressions(List.of())
                .generations(share(o.generations(), kind.share))
                .maxEvaluations(share(o.maxEvaluations(), kind.share))
                .timeLimit(o.timeLimit() == null ? null
                        : Duration.ofNanos(Math.max(1, Math.round(o.timeLimit().toNanos() * kind.share))))
                .targetLoss(o.targetLoss() > 0 && variance > 0 ? o.targetLoss() / variance * stageVariance
                        : EXACT_NMSE * stageVariance);
        if (o.generations() == 0 && o.maxEvaluations() == 0 && o.timeLimit() == null) b.generations(UNBOUNDED_GENERATIONS);
        return b.build().options();
    }

    /** The search's settings after {@code stage}: each budget less what the stages took of it. */
    static SymbolicRegressor.Options remaining(SymbolicRegressor.Options o, Stage stage) {
        SymbolicRegressor.Builder b = o.toBuilder()
                .generations(o.generations() == 0 ? 0 : Math.max(1, o.generations() - stage.reservedGenerations()))
                .maxEvaluations(o.maxEvaluations() == 0 ? 0 : Math.max(1, o.maxEvaluations() - stage.evaluations()));
        if (o.timeLimit() != null) {
            Duration left = o.timeLimit().minus(stage.elapsed());
            b.timeLimit(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left);
        }
        return b.build().options();
    }

    private static long share(long budget, double share) {
        return budget == 0 ? 0 : Math.max(1, Math.round(budget * share));
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
