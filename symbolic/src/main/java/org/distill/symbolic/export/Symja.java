package org.distill.symbolic.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IInteger;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IRational;
import org.matheclipse.core.interfaces.IReal;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * A bridge to the Symja computer algebra system, for work off the hot loop: simplifying the
 * equations on a Pareto front, deciding symbolic equality, snapping fitted constants to short
 * closed forms.
 *
 * <p>Evaluations run on a small pool of daemon worker threads, each with its own lazily created
 * Symja evaluator (an evaluator must not be shared between threads); the caller waits at most the
 * given timeout. A timed-out evaluation is asked to stop and the caller returns at once with an
 * empty result, so a Symja computation that ignores the stop request cannot hang the caller, and
 * later calls are unaffected. The first use loads Symja (about 2 s, on the caller's thread and
 * outside the timeout); call {@link #warmUpInBackground()} at start-up to pay it early.
 *
 * <p>Expressions are sent to Symja as text written here (never by a generic printer): variables
 * become {@code v0, v1, ...}, user operators without a Symja template become opaque functions
 * {@code u0(...), u1(...)}, constants become exact integers or fractions (see {@link #number}).
 * {@link #snap} needs no Symja at all.
 */
public final class Symja {
    /** Default timeout of {@link #symbolicallyEqual(Expr, Expr, List)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** Default relative tolerance of {@link #snap(double)}. */
    public static final double DEFAULT_SNAP_TOLERANCE = 1e-6;

    private static final Pattern VARIABLE = Pattern.compile("v(\\d{1,9})");
    private static final Pattern OPAQUE = Pattern.compile("u(\\d{1,9})");
    private static final Pattern TEMPLATE_CALL =
            Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\(\\s*\\{0\\}\\s*(,\\s*\\{1\\}\\s*)?\\)");

    private Symja() {}

    // ------------------------------------------------------------------------------------------
    // Engine: daemon worker threads, one evaluator per worker thread.

    /** Holds everything that loads Symja, so that {@link #snap} does not. */
    private static final class Engine {
        static final ThreadLocal<ExprEvaluator> LOCAL;
        static final ThreadPoolExecutor WORKERS;

        static {
            Config.JAS_NO_THREADS = true; // else Simplify leaves non-daemon threads behind
            create(); // Symja's class loading (about 2 s) happens here, on the first caller's thread
            LOCAL = ThreadLocal.withInitial(Engine::create);
            int n = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
            AtomicInteger count = new AtomicInteger();
            WORKERS = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "distill-symja-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            WORKERS.allowCoreThreadTimeOut(true);
        }

        private static ExprEvaluator create() {
            ExprEvaluator ev = new ExprEvaluator(true, (short) 0); // relaxed syntax, no history
            ev.getEvalEngine().setQuietMode(true);
            return ev;
        }
    }

    /**
     * Loads Symja and runs one small simplification, so that later calls do not pay Symja's
     * start-up (about 2 s of class loading, more on a busy machine). Never throws.
     */
    public static void warmUp() {
        evaluate("Simplify(v0*(v1+1)-v0*v1+Sin(v0)^2+Cos(v0)^2+(v0^2-1)/(v0+1))", Duration.ofSeconds(60));
    }

    /** Runs {@link #warmUp()} on a new daemon thread and returns that (started) thread. */
    public static Thread warmUpInBackground() {
        Thread t = new Thread(Symja::warmUp, "distill-symja-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One evaluation on a worker thread; {@link #stop} may come from the waiting caller. */
    private static final class Task implements Callable<IExpr> {
        private final String input;
        private EvalEngine engine; // while running
        private boolean stopped;

        Task(String input) {
            this.input = input;
        }

        @Override public IExpr call() {
            ExprEvaluator ev = Engine.LOCAL.get();
            EvalEngine e = ev.getEvalEngine();
            synchronized (this) {
                if (stopped) return null;
                engine = e;
            }
            // A stop request sticks to the engine: Symja refuses every later evaluation until cleared.
            e.setStopRequested(false);
            try {
                IExpr result = ev.eval(input);
                synchronized (this) {
                    return stopped ? null : result; // a stopped Simplify returns its input unevaluated
                }
            } catch (RuntimeException | StackOverflowError | AssertionError e2) {
                // AssertionError: with -ea (as under surefire) JAS's internal asserts can fire.
                return null;
            } finally {
                synchronized (this) {
                    engine = null;
                }
                e.setStopRequested(false);
            }
        }

        synchronized void stop() {
            stopped = true;
            if (engine != null) engine.stopRequest();
        }
    }

    /**
     * Evaluates Symja input on a worker thread and waits at most {@code timeout} (after Symja is
     * loaded); null on timeout or any failure. A timed-out evaluation is asked to stop (the engine's
     * stop flag and an interrupt); the caller does not wait for it, so code inside Symja that
     * ignores both cannot hang the caller.
     */
    static IExpr evaluate(String input, Duration timeout) {
        Future<IExpr> future;
        Task task = new Task(input);
        try {
            future = Engine.WORKERS.submit(task);
        } catch (RuntimeException | LinkageError e) {
            return null; // Symja failed to load, or the pool is shut down
        }
        try {
            return future.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.stop();
            future.cancel(true);
            return null;
        } catch (InterruptedException e) {
            task.stop();
            future.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | CancellationException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Public operations.

    /**
     * Simplifies {@code e} with Symja's {@code Simplify} and converts the result back, preferring
     * the operators in {@code allowed} (e.g. {@code x^2} becomes {@link Op#SQUARE} only if SQUARE is
     * allowed, else {@code POW(x, 2)}; {@code x^(1/2)} becomes SQRT if allowed). The result is
     * checked numerically against {@code e} on a few fixed points.
     *
     * @return the simplified expression, or empty on timeout, on failure, when the result uses
     *     functions that have no operator here, or when it does not evaluate like {@code e}
     */
    public static Optional<Expr> simplify(Expr e, Set<Op.Kind> allowed, Duration timeout) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(allowed, "allowed");
        checkTimeout(timeout);
        try {
            List<Op> userOps = new ArrayList<>();
            String input = "Simplify(" + toSymja(e, userOps) + ")";
            IExpr result = evaluate(input, timeout);
            if (result == null) return Optional.empty();
            Expr back = fromSymja(result, allowed, userOps);
            if (back == null || !agree(e, back)) return Optional.empty();
            return Optional.of(back);
        } catch (RuntimeException | StackOverflowError ex) {
            return Optional.empty();
        }
    }

    /**
     * Whether Symja simplifies {@code a - b} to zero within {@link #DEFAULT_TIMEOUT}; false on
     * timeout. {@code vars} names the variables (both expressions must use indices below its size).
     */
    public static boolean symbolicallyEqual(Expr a, Expr b, List<String> vars) {
        return symbolicallyEqual(a, b, vars, DEFAULT_TIMEOUT);
    }

    /** As {@link #symbolicallyEqual(Expr, Expr, List)} with an explicit timeout. */
    public static boolean symbolicallyEqual(Expr a, Expr b, List<String> vars, Duration timeout) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(vars, "vars");
        checkTimeout(timeout);
        int used = Math.max(a.maxVariable(), b.maxVariable()) + 1;
        if (used > vars.size()) {
            throw new IllegalArgumentException("expressions use " + used + " variables, vars has " + vars.size() + ": " + vars);
        }
        if (a.equals(b)) return true;
        try {
            int[] c = compare(a, b);
            if (c[0] > 0 && c[1] * 10 > c[0]) return false; // numerically different: no need to ask Symja
            List<Op> userOps = new ArrayList<>();
            String input = "Simplify((" + toSymja(a, userOps) + ")-(" + toSymja(b, userOps) + "))";
            IExpr result = evaluate(input, timeout);
            return result != null && result.isZero();
        } catch (RuntimeException | StackOverflowError ex) {
            return false;
        }
    }

    /** How two expressions relate, as decided by {@link #relation}. */
    public enum Relation {
        /** {@code a − b} simplifies to zero. */
        EQUAL,
        /** {@code a − b} simplifies to a non-zero constant (free of every variable). */
        OFFSET,
        /** {@code a / b} simplifies to a constant other than 1 (free of every variable). */
        SCALE,
        /** None of the above could be shown within the timeout (which is not a proof of difference). */
        NONE
    }

    /**
     * Whether {@code a} equals {@code b} up to an additive or a multiplicative constant, decided
     * symbolically (SRBench's "symbolic solution"): Symja simplifies {@code a − b} and then
     * {@code a / b} and asks whether the result is free of every variable; when plain
     * {@code Simplify} cannot show it, {@code FullSimplify} and {@code TrigToExp} get a try within
     * the same time budget, and finally the squared ratio (for roots). With {@code positiveVariables}
     * the same forms are then tried on the {@code PowerExpand}ed expressions ({@code Sqrt(x^2) = x},
     * {@code Log(x y) = Log(x) + Log(y)}), which is right when every variable is positive. User operators with a Symja template (e.g.
     * {@code ArcSin({0})}) take part; those without one are opaque functions.
     *
     * @param variables number of variables (both expressions must use indices below it)
     * @param timeout   wall-clock budget for all attempts together
     */
    public static Relation relation(Expr a, Expr b, int variables, boolean positiveVariables, Duration timeout) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        checkTimeout(timeout);
        int used = Math.max(a.maxVariable(), b.maxVariable()) + 1;
        if (used > variables) {
            throw new IllegalArgumentException("expressions use " + used + " variables, but variables = " + variables);
        }
        if (a.equals(b)) return Relation.EQUAL;
        List<Op> userOps = new ArrayList<>();
        String sa = toSymja(a, userOps), sb = toSymja(b, userOps);
        StringBuilder vars = new StringBuilder(); // an Alternatives pattern: FreeQ(r, {v0, v1}) looks for the list
        for (int i = 0; i < Math.max(variables, 1); i++) vars.append(i == 0 ? "" : "|").append('v').append(i);
        long deadline = System.nanoTime() + timeout.toNanos();
        String[] forms = {"Simplify(%s)", "FullSimplify(%s)", "Simplify(TrigToExp(%s))", "Simplify(Together(Expand(%s)))"};
        // Without PowerExpand first: it also splits Sqrt(x (y + z)) into Sqrt(x) Sqrt(y + z), which
        // can hide an equality that the plain forms see.
        for (int attempt = 0; attempt < (positiveVariables ? 2 * forms.length : forms.length); attempt++) {
            int f = attempt % forms.length;
            boolean expand = attempt >= forms.length;
            String form = forms[f];
            for (int kind = 0; kind < 2; kind++) {
                String inner = kind == 0 ? "(" + sa + ")-(" + sb + ")" : "(" + sa + ")/(" + sb + ")";
                if (f == forms.length - 1) {
                    // Last resort for roots: a constant squared ratio means a constant ratio (up to a
                    // sign that cannot change on a connected domain where neither side is zero), and
                    // Sqrt(x y + x z) vs Sqrt(x) Sqrt(y + z) only agree once squared.
                    if (kind == 0) continue;
                    inner = "(" + sa + ")^2/(" + sb + ")^2";
                }
                if (expand) inner = "PowerExpand(" + inner + ")";
                String input = "Module({r=" + form.formatted(inner) + "}, If(FreeQ(r," + vars
                        + "), If(PossibleZeroQ(r), 0, If(PossibleZeroQ(r-1), 1, 2)), 3))";
                long left = deadline - System.nanoTime();
                if (left <= 0) return Relation.NONE;
                IExpr result;
                try {
                    result = evaluate(input, Duration.ofNanos(left));
                } catch (RuntimeException | StackOverflowError e) {
                    result = null;
                }
                if (result == null || !result.isInteger()) continue;
                int code = ((IInteger) result).toIntDefault(3);
                if (kind == 0 && code == 0) return Relation.EQUAL;
                if (kind == 0 && code <= 2) return Relation.OFFSET;
                if (kind == 1 && code == 1) return Relation.EQUAL;
                if (kind == 1 && code == 2) return Relation.SCALE;
            }
        }
        return Relation.NONE;
    }

    /** {@link #snap(double, double)} with {@link #DEFAULT_SNAP_TOLERANCE}. */
    public static OptionalDouble snap(double c) {
        return snap(c, DEFAULT_SNAP_TOLERANCE);
    }

    /**
     * A short closed form near {@code c}, within {@code relativeTolerance}: {@code p/q} with
     * {@code 1 <= q <= 12} and {@code |p| <= 9999}, alone or times one of {@code π, 1/π, √2, e, π²,
     * √π, √(2π), 1/√(2π), √3}. The simplest candidate wins (plain rationals first, then multiples of π,
     * then of 1/π, √2 or e, then the rest; within those small {@code q} and few digits in
     * {@code p}), then the nearest. A
     * candidate is also rejected when its error is not small against the spacing of its grid
     * ({@code error * q / base > 100 * relativeTolerance}), so that large constants, which always
     * lie near some {@code p/q} in relative terms, are not snapped by chance. Deterministic; needs
     * no Symja.
     *
     * @return the closed form's value, or empty if there is none (also for NaN and infinities)
     */
    public static OptionalDouble snap(double c, double relativeTolerance) {
        if (!(relativeTolerance > 0 && relativeTolerance <= 1e-2)) {
            throw new IllegalArgumentException("relativeTolerance must be in (0, 0.01]: " + relativeTolerance);
        }
        if (!Double.isFinite(c)) return OptionalDouble.empty();
        if (c == 0) return OptionalDouble.of(0.0);
        double bestValue = Double.NaN;
        double bestError = Double.POSITIVE_INFINITY;
        int bestCost = Integer.MAX_VALUE;
        for (int k = 0; k < SNAP_BASES.length; k++) {
            double base = SNAP_BASES[k];
            double r = c / base;
            for (int q = 1; q <= 12; q++) {
                double pq = r * q;
                if (Math.abs(pq) > 1e9) break;
                long p = Math.round(pq);
                if (p == 0 || Math.abs(p) > 9999) continue;
                if (gcd(Math.abs(p), q) != 1) continue; // seen with a smaller q
                double value = base == 1 ? (double) p / q : p * base / q;
                double error = Math.abs(value - c);
                if (error > relativeTolerance * Math.abs(c)) continue;
                if (error * q / Math.abs(base) > 100 * relativeTolerance) continue;
                int cost = 4 * SNAP_COSTS[k] + q + Long.toString(Math.abs(p)).length();
                if (cost < bestCost || (cost == bestCost && error < bestError)) {
                    bestCost = cost;
                    bestError = error;
                    bestValue = value;
                }
            }
        }
        return Double.isNaN(bestValue) ? OptionalDouble.empty() : OptionalDouble.of(bestValue);
    }

    private static final double[] SNAP_BASES = {
        1, Math.PI, 1 / Math.PI, Math.sqrt(2), Math.E, Math.PI * Math.PI, Math.sqrt(Math.PI),
        Math.sqrt(2 * Math.PI), 1 / Math.sqrt(2 * Math.PI), Math.sqrt(3)
    };
    private static final int[] SNAP_COSTS = {0, 1, 2, 2, 2, 3, 3, 3, 3, 3};

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * Whether {@code b} evaluates like {@code a} on fixed pseudo-random points (see {@link #compare}):
     * at least one point where {@code a} is finite, and at most one in ten of those disagreeing
     * (round-off in cancellations can spoil a few).
     */
    static boolean agree(Expr a, Expr b) {
        int[] c = compare(a, b);
        return c[0] > 0 && c[1] * 10 <= c[0];
    }

    /**
     * Evaluates both expressions on 60 fixed pseudo-random points (values in [0.25, 3], in [-3, 3],
     * and of magnitude 0.01 to 10^4 with either sign) and returns {points where {@code a} is finite,
     * those among them where {@code b} is not finite or differs by more than a relative 1e-6}.
     */
    static int[] compare(Expr a, Expr b) {
        int n = Math.max(a.maxVariable(), b.maxVariable()) + 1;
        Random rnd = new Random(0x5EED);
        double[] row = new double[n];
        int compared = 0, mismatched = 0;
        for (int i = 0; i < 60; i++) {
            for (int j = 0; j < n; j++) {
                row[j] = i < 20 ? 0.25 + 2.75 * rnd.nextDouble()
                        : i < 40 ? -3 + 6 * rnd.nextDouble()
                        : (rnd.nextInt(4) == 0 ? -1 : 1) * Math.pow(10, -2 + 6 * rnd.nextDouble());
            }
            double x = a.evaluate(row);
            if (!Double.isFinite(x)) continue;
            compared++;
            double y = b.evaluate(row);
            if (!Double.isFinite(y) || Math.abs(x - y) > 1e-6 * Math.max(Math.abs(x), Math.abs(y)) + 1e-12) {
                mismatched++;
            }
        }
        return new int[] {compared, mismatched};
    }

    // ------------------------------------------------------------------------------------------
    // Expr -> Symja input.

    /**
     * Writes {@code e} as Symja input. User operators met without a Symja template are appended to
     * {@code userOps} (if not already there) and written as {@code u<index>(...)}, their index in
     * that list; pass the same list to {@link #fromSymja} to map them back.
     */
    static String toSymja(Expr e, List<Op> userOps) {
        StringBuilder sb = new StringBuilder();
        write(e, userOps, sb);
        return sb.toString();
    }

    private static void write(Expr e, List<Op> userOps, StringBuilder sb) {
        if (e.isVariable()) {
            sb.append('v').append(e.variable());
            return;
        }
        if (e.isConstant()) {
            sb.append(number(e.value()));
            return;
        }
        Op op = e.op();
        String a = toSymja(e.arg(0), userOps);
        String b = e.arity() == 2 ? toSymja(e.arg(1), userOps) : null;
        String template = op.symjaTemplate();
        if (op.isBuiltin()) {
            sb.append(fill(template, a, b));
        } else if (template != null) {
            sb.append(fill(template, "(" + a + ")", b == null ? null : "(" + b + ")"));
        } else {
            int index = userOps.indexOf(op);
            if (index < 0) {
                index = userOps.size();
                userOps.add(op);
            }
            sb.append('u').append(index).append('(').append(a);
            if (b != null) sb.append(',').append(b);
            sb.append(')');
        }
    }

    private static String fill(String template, String a, String b) {
        String t = template.replace("{0}", a);
        return b == null ? t : t.replace("{1}", b);
    }

    /**
     * A constant as Symja input: the shortest decimal that reads back to the same double, as an
     * exact integer or reduced fraction ({@code 2.5 -> (5/2)}, {@code 1e-7 -> (1/10000000)}).
     * Never a machine float: Symja's Together/Simplify divides polynomials with inexact
     * coefficients, which fails a JAS assertion under {@code -ea} and can loop for minutes without
     * it. Never exponent notation either ({@code 1.0E-5} reads as {@code E - 5}); negative values
     * are parenthesised ({@code x--0.5} would be a decrement). NaN and infinities become
     * {@code Indeterminate} and {@code Infinity}.
     */
    static String number(double v) {
        if (Double.isNaN(v)) return "Indeterminate";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "(-Infinity)";
        if (v == 0) return "0";
        // p/q·π exactly as snap() computes it (and as 2*pi in a formula evaluates): keep π symbolic,
        // so that Cos(x + Pi/2) simplifies to -Sin(x) and Pi cancels against Pi
        for (int q = 1; q <= 12; q++) {
            long p = Math.round(v * q / Math.PI);
            if (p == 0 || Math.abs(p) > 100) continue;
            if (p * Math.PI / q == v || (q == 1 && p * Math.PI == v)) {
                return v < 0 ? "(-" + Math.abs(p) + "/" + q + "*Pi)" : "(" + p + "/" + q + "*Pi)";
            }
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String s;
        if (shortest.scale() <= 0) {
            s = shortest.toBigIntegerExact().toString();
        } else {
            BigInteger p = shortest.unscaledValue(), q = BigInteger.TEN.pow(shortest.scale());
            BigInteger g = p.gcd(q);
            s = p.divide(g) + "/" + q.divide(g);
        }
        if (v < 0) return "(-" + s + ")";
        return s.contains("/") ? "(" + s + ")" : s;
    }

    // ------------------------------------------------------------------------------------------
    // Symja result -> Expr.

    /**
     * Converts a Symja expression back to an {@link Expr}, preferring operators in {@code allowed};
     * {@code userOps} maps {@code u<i>} back and supplies user operators with Symja templates of
     * the form {@code Name({0})} or {@code Name({0}, {1})}. Variable-free sub-trees are folded to
     * one constant.
     *
     * @return the expression, or null if it contains anything without an operator here (complex
     *     numbers, infinities, unknown functions)
     */
    static Expr fromSymja(IExpr x, Set<Op.Kind> allowed, List<Op> userOps) {
        try {
            return new FromSymja(allowed, userOps).convert(x);
        } catch (Unconvertible | ArithmeticException | ClassCastException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Thrown inside the converter to give up; no stack trace. */
    private static final class Unconvertible extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unconvertible() {
            super(null, null, false, false);
        }
    }

    private static final class FromSymja {
        private final Set<Op.Kind> allowed;
        private final List<Op> userOps;
        private final Map<String, Op> byHead = new HashMap<>();

        FromSymja(Set<Op.Kind> allowed, List<Op> userOps) {
            this.allowed = allowed;
            this.userOps = userOps;
            for (Op op : userOps) {
                String t = op.symjaTemplate();
                if (t == null) continue;
                Matcher m = TEMPLATE_CALL.matcher(t.trim());
                if (m.matches() && (m.group(2) != null) == (op.arity() == 2)) {
                    byHead.put(m.group(1).toLowerCase(Locale.ROOT), op);
                }
            }
        }

        private boolean ok(Op.Kind k) {
            return allowed.contains(k);
        }

        Expr convert(IExpr x) {
            return fold(raw(x));
        }

        private Expr raw(IExpr x) {
            if (x.isNumber()) {
                if (x instanceof IReal r) {
                    double v = r.doubleValue();
                    if (!Double.isFinite(v)) throw new Unconvertible();
                    return Expr.constant(v);
                }
                throw new Unconvertible(); // complex
            }
            if (x.isSymbol()) return symbol((ISymbol) x);
            if (!(x instanceof IAST ast)) throw new Unconvertible();
            IExpr head = ast.head();
            int n = ast.argSize();
            if (head == S.Plus) return plus(ast);
            if (head == S.Times) return times(ast, false);
            if (head == S.Power && n == 2) return power(ast.arg1(), ast.arg2());
            if (head == S.Sqrt && n == 1) return power(ast.arg1(), F.C1D2);
            if (head == S.Exp && n == 1) return power(S.E, ast.arg1());
            if (head.isSymbol()) {
                Op user = userOp((ISymbol) head, n);
                if (user != null) {
                    Expr[] args = new Expr[n];
                    for (int i = 0; i < n; i++) args[i] = convert(ast.get(i + 1));
                    return Expr.of(user, args);
                }
            }
            if (n == 1) {
                Expr a = convert(ast.arg1());
                if (head == S.Log) return Expr.of(Op.LOG, a);
                if (head == S.Sin) return Expr.of(Op.SIN, a);
                if (head == S.Cos) return Expr.of(Op.COS, a);
                if (head == S.Tan) return Expr.of(Op.TAN, a);
                if (head == S.Abs) return Expr.of(Op.ABS, a);
                if (head == S.Sec) return inv(Expr.of(Op.COS, a));
                if (head == S.Csc) return inv(Expr.of(Op.SIN, a));
                if (head == S.Cot) {
                    return ok(Op.Kind.TAN) || !ok(Op.Kind.SIN)
                            ? inv(Expr.of(Op.TAN, a)) : div(Expr.of(Op.COS, a), Expr.of(Op.SIN, a));
                }
                if ((head == S.Sinh || head == S.Cosh) && ok(Op.Kind.EXP)) {
                    Expr ep = Expr.of(Op.EXP, a), em = Expr.of(Op.EXP, neg(a));
                    Expr s = head == S.Sinh ? sub(ep, em) : Expr.of(Op.ADD, ep, em);
                    return div(s, Expr.constant(2));
                }
            }
            if (head == S.Log && n == 2) { // Log(b, x)
                return div(Expr.of(Op.LOG, convert(ast.arg2())), Expr.of(Op.LOG, convert(ast.arg1())));
            }
            throw new Unconvertible();
        }

        private Expr symbol(ISymbol s) {
            if (s == S.Pi) return Expr.constant(Math.PI);
            if (s == S.E) return Expr.constant(Math.E);
            if (s == S.Degree) return Expr.constant(Math.PI / 180);
            if (s == S.GoldenRatio) return Expr.constant((1 + Math.sqrt(5)) / 2);
            if (s == S.EulerGamma) return Expr.constant(0.5772156649015329);
            if (s == S.Catalan) return Expr.constant(0.915965594177219);
            Matcher m = VARIABLE.matcher(s.getSymbolName());
            if (m.matches()) return Expr.variable(Integer.parseInt(m.group(1)));
            throw new Unconvertible();
        }

        private Op userOp(ISymbol head, int arity) {
            String name = head.getSymbolName();
            Matcher m = OPAQUE.matcher(name);
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1));
                if (i < userOps.size() && userOps.get(i).symjaTemplate() == null && userOps.get(i).arity() == arity) {
                    return userOps.get(i);
                }
                throw new Unconvertible();
            }
            Op op = byHead.get(name.toLowerCase(Locale.ROOT));
            return op != null && op.arity() == arity ? op : null;
        }

        // ---- sums ----

        private static boolean negativeTerm(IExpr t) {
            if (t instanceof IReal r) return r.isNegative();
            if (t.isTimes()) return ((IAST) t).arg1() instanceof IReal r && r.isNegative();
            return false;
        }

        private Expr plus(IAST ast) {
            int n = ast.argSize();
            int lead = 1;
            for (int i = 1; i <= n; i++) {
                if (!negativeTerm(ast.get(i))) {
                    lead = i;
                    break;
                }
            }
            Expr acc = term(ast.get(lead), false);
            for (int i = 1; i <= n; i++) {
                if (i == lead) continue;
                IExpr t = ast.get(i);
                acc = negativeTerm(t) ? sub(acc, term(t, true)) : Expr.of(Op.ADD, acc, term(t, false));
            }
            return acc;
        }

        /** Converts {@code t}, or {@code -t} when {@code negate}. */
        private Expr term(IExpr t, boolean negate) {
            if (!negate) return convert(t);
            if (t instanceof IReal r) return Expr.constant(-r.doubleValue());
            if (t.isTimes()) return fold(times((IAST) t, true));
            return neg(convert(t));
        }

        private static Expr fold(Expr r) {
            if (r.size() > 1 && r.isConstantTree()) {
                double v = r.evaluate(new double[0]);
                if (Double.isFinite(v)) return Expr.constant(v);
            }
            return r;
        }

        // ---- products ----

        private Expr times(IAST ast, boolean negate) {
            int n = ast.argSize();
            List<Expr> num = new ArrayList<>();
            List<Expr> den = new ArrayList<>();
            int start = 1;
            boolean negative = negate;
            Expr coefficient = null; // a positive constant, or null for 1
            boolean coefficientInDenominator = false;
            IExpr first = ast.arg1();
            if (first instanceof IReal r) {
                start = 2;
                if (r.isNegative()) negative = !negative;
                if (r instanceof IRational q) {
                    BigInteger p = q.toBigNumerator().abs();
                    BigInteger d = q.toBigDenominator();
                    if (d.equals(BigInteger.ONE)) {
                        if (!p.equals(BigInteger.ONE)) coefficient = Expr.constant(p.doubleValue());
                    } else if (decimalDenominator(d)) {
                        coefficient = Expr.constant(ratio(p, d));
                    } else if (p.equals(BigInteger.ONE)) {
                        coefficient = Expr.constant(d.doubleValue());
                        coefficientInDenominator = true;
                    } else {
                        coefficient = Expr.constant(ratio(p, d));
                    }
                } else {
                    double v = Math.abs(r.doubleValue());
                    if (!Double.isFinite(v)) throw new Unconvertible();
                    if (v != 1) coefficient = Expr.constant(v);
                }
            }
            for (int i = start; i <= n; i++) {
                IExpr f = ast.get(i);
                if (f.isPower() && ((IAST) f).arg1() != S.E && ((IAST) f).arg2() instanceof IReal e && e.isNegative()) {
                    den.add(positivePower(convert(((IAST) f).arg1()), e.negate()));
                } else {
                    num.add(convert(f));
                }
            }
            if (negative && coefficient != null && !coefficientInDenominator) {
                coefficient = Expr.constant(-coefficient.value()); // -2*x, not -(2*x)
                negative = false;
            } else if (negative && !ok(Op.Kind.NEG)) {
                if (coefficient == null) coefficient = Expr.constant(-1); // -1*x
                else num.add(0, Expr.constant(-1)); // -1*x/(3*y)
                negative = false;
            }
            if (coefficient != null) {
                if (coefficientInDenominator) den.add(0, coefficient);
                else num.add(0, coefficient);
            }
            Expr top = product(num);
            Expr bottom = product(den);
            Expr result;
            if (bottom == null) result = top == null ? Expr.constant(1) : top;
            else result = top == null ? inv(bottom) : div(top, bottom);
            return negative ? neg(result) : result;
        }

        private static boolean decimalDenominator(BigInteger d) {
            BigInteger two = BigInteger.TWO, five = BigInteger.valueOf(5);
            while (d.mod(two).signum() == 0) d = d.divide(two);
            while (d.mod(five).signum() == 0) d = d.divide(five);
            return d.equals(BigInteger.ONE);
        }

        private static double ratio(BigInteger p, BigInteger q) {
            return new BigDecimal(p).divide(new BigDecimal(q), java.math.MathContext.DECIMAL128).doubleValue();
        }

        private static Expr product(List<Expr> factors) {
            Expr acc = null;
            for (Expr f : factors) acc = acc == null ? f : Expr.of(Op.MUL, acc, f);
            return acc;
        }

        // ---- powers ----

        private Expr power(IExpr base, IExpr exponent) {
            if (base == S.E) {
                Expr x = convert(exponent);
                return ok(Op.Kind.EXP) || !ok(Op.Kind.POW) ? Expr.of(Op.EXP, x) : Expr.of(Op.POW, Expr.constant(Math.E), x);
            }
            if (exponent instanceof IReal e) {
                Expr b = convert(base);
                if (e.isNegative()) return inv(positivePower(b, e.negate()));
                return positivePower(b, e);
            }
            return Expr.of(Op.POW, convert(base), convert(exponent));
        }

        private Expr positivePower(Expr b, IReal exponent) {
            double n = exponent.doubleValue();
            if (!Double.isFinite(n)) throw new Unconvertible();
            if (n == 1) return b;
            if (n == 0.5 && (ok(Op.Kind.SQRT) || !ok(Op.Kind.POW))) return Expr.of(Op.SQRT, b);
            if (n == 2 && ok(Op.Kind.SQUARE)) return Expr.of(Op.SQUARE, b);
            if (n == 3 && ok(Op.Kind.CUBE)) return Expr.of(Op.CUBE, b);
            if (ok(Op.Kind.POW)) return Expr.of(Op.POW, b, Expr.constant(n));
            boolean small = b.size() <= 3;
            if (small && ok(Op.Kind.MUL) && (n == 2 || n == 3)) {
                Expr r = Expr.of(Op.MUL, b, b);
                return n == 3 ? Expr.of(Op.MUL, r, b) : r;
            }
            double k = n - 0.5;
            if (small && ok(Op.Kind.MUL) && ok(Op.Kind.SQRT) && k >= 1 && k <= 3 && k == Math.rint(k)) {
                Expr whole = k == 1 ? b : k == 2 && ok(Op.Kind.SQUARE) ? Expr.of(Op.SQUARE, b)
                        : k == 3 && ok(Op.Kind.CUBE) ? Expr.of(Op.CUBE, b)
                        : k == 2 ? Expr.of(Op.MUL, b, b) : Expr.of(Op.MUL, Expr.of(Op.MUL, b, b), b);
                return Expr.of(Op.MUL, whole, Expr.of(Op.SQRT, b));
            }
            return Expr.of(Op.POW, b, Expr.constant(n));
        }

        // ---- preferred forms ----

        private Expr neg(Expr x) {
            if (x.isConstant()) return Expr.constant(-x.value());
            if (ok(Op.Kind.NEG)) return Expr.of(Op.NEG, x);
            if (!x.isLeaf() && x.op().kind() == Op.Kind.MUL && x.arg(0).isConstant()) {
                return Expr.of(Op.MUL, Expr.constant(-x.arg(0).value()), x.arg(1));
            }
            return Expr.of(Op.MUL, Expr.constant(-1), x);
        }

        private Expr sub(Expr a, Expr b) {
            if (!ok(Op.Kind.SUB) && ok(Op.Kind.ADD)) return Expr.of(Op.ADD, a, neg(b));
            return Expr.of(Op.SUB, a, b);
        }

        private Expr div(Expr a, Expr b) {
            if (!ok(Op.Kind.DIV) && ok(Op.Kind.INV)) {
                return a.isConstant() && a.value() == 1 ? Expr.of(Op.INV, b) : Expr.of(Op.MUL, a, Expr.of(Op.INV, b));
            }
            return Expr.of(Op.DIV, a, b);
        }

        private Expr inv(Expr x) {
            if (ok(Op.Kind.INV)) return Expr.of(Op.INV, x);
            return Expr.of(Op.DIV, Expr.constant(1), x);
        }
    }
}
