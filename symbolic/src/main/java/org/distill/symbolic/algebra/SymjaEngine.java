package org.distill.symbolic.algebra;

import java.time.Duration;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Runs the Symja computer algebra system: a small pool of daemon worker threads, each with its own
 * lazily created Symja evaluator (an evaluator must not be shared between threads); the caller
 * waits at most the given timeout. A timed-out evaluation is asked to stop and the caller returns
 * at once with an empty result, so a Symja computation that ignores the stop request cannot hang
 * the caller, and later calls are unaffected. The first use loads Symja (about 2 s, on the caller's
 * thread and outside the timeout); call {@link #warmUpInBackground()} at start-up to pay it early.
 *
 * <p>Symja logs through log4j's API, which {@code log4j-to-slf4j} hands to SLF4J. In a program
 * without an SLF4J provider (a logging back-end), SLF4J 2 would print three "SLF4J(W): No SLF4J
 * providers were found" lines; so when there is none, and {@code slf4j.internal.verbosity} and
 * {@code slf4j.provider} are not set, loading the engine initialises SLF4J with its internal
 * verbosity at ERROR: Symja's logging stays off, silently. A program with a provider is untouched.
 *
 * <p>Symja 3.0.0 prints the exception of a failed built-in function ({@code ArgumentTypeException: Infinite
 * expression 1/0 encountered.}, met when Simplify tests whether a factor can be zero) to {@code System.err}
 * whatever its quiet mode, a debugging leftover in {@code EvalEngine.evalASTBuiltinFunction}. Its evaluations
 * run on this class's worker threads only, so loading the engine wraps {@code System.err} once: what those
 * threads print is dropped, everything else passes through unchanged.
 */
public final class SymjaEngine {
    private SymjaEngine() {}

    /** Holds everything that loads Symja, so that loading this class does not. */
    private static final class Engine {
        static final ThreadLocal<ExprEvaluator> LOCAL;
        static final ThreadPoolExecutor WORKERS;

        static {
            initSlf4jQuietly();
            System.setErr(new WorkerSilencingStream(System.err));
            Config.JAS_NO_THREADS = true; // else Simplify leaves non-daemon threads behind
            create(); // Symja's class loading (about 2 s) happens here, on the first caller's thread
            LOCAL = ThreadLocal.withInitial(Engine::create);
            int n = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
            AtomicInteger count = new AtomicInteger();
            WORKERS = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, WORKER_PREFIX + count.incrementAndGet());
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

    /** Worker threads' names start with this. */
    static final String WORKER_PREFIX = "distill-symja-";

    /** {@code System.err} without what the worker threads print (see the class comment). */
    static final class WorkerSilencingStream extends java.io.PrintStream {
        WorkerSilencingStream(java.io.PrintStream err) {
            super(new java.io.OutputStream() {
                @Override public void write(int b) { if (!onWorker()) err.write(b); }
                @Override public void write(byte[] b, int off, int len) { if (!onWorker()) err.write(b, off, len); }
                @Override public void flush() { err.flush(); }
            }, true, err.charset());
        }

        static boolean onWorker() { return Thread.currentThread().getName().startsWith(WORKER_PREFIX); }
    }

    private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    /** Initialises SLF4J without its no-provider warning when it has no provider (see the class comment). */
    private static void initSlf4jQuietly() {
        try {
            if (System.getProperty(SLF4J_VERBOSITY) != null || System.getProperty("slf4j.provider") != null) return;
            ClassLoader loader = LoggerFactory.class.getClassLoader();
            if (ServiceLoader.load(SLF4JServiceProvider.class, loader).stream().findAny().isPresent()) return;
            System.setProperty(SLF4J_VERBOSITY, "ERROR");
            try {
                LoggerFactory.getILoggerFactory();
            } finally {
                System.clearProperty(SLF4J_VERBOSITY);
            }
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            // no SLF4J on the class path, or a broken provider: SLF4J reports that itself
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
        Thread t = new Thread(SymjaEngine::warmUp, "distill-symja-warmup");
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
                boolean shrink;
                synchronized (this) {
                    engine = null;
                    shrink = abandoned;
                }
                e.setStopRequested(false);
                if (shrink) resize(-1);
            }
        }

        /**
         * Asks a running evaluation to stop (it may not: JAS's polynomial arithmetic ignores both the
         * stop request and interrupts; see {@link #abandon}).
         */
        synchronized void stop() {
            stopped = true;
            if (engine != null) engine.stopRequest();
        }

        /** Whether the evaluation still runs; once it ends, a pool grown for it shrinks back. */
        synchronized boolean abandon() {
            if (engine == null) return false;
            abandoned = true;
            return true;
        }

        private boolean abandoned;
    }

    /**
     * Grows (+1) or shrinks (-1) the worker pool: an evaluation that outlives its timeout keeps its
     * thread busy, so the pool gets one more for the time being and later calls are not queued
     * behind it.
     */
    private static synchronized void resize(int by) {
        ThreadPoolExecutor w = Engine.WORKERS;
        int n = w.getCorePoolSize() + by;
        if (by > 0) {
            w.setMaximumPoolSize(n);
            w.setCorePoolSize(n);
        } else {
            w.setCorePoolSize(n);
            w.setMaximumPoolSize(n);
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
            giveUp(task, future);
            return null;
        } catch (InterruptedException e) {
            giveUp(task, future);
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | CancellationException e) {
            return null;
        }
    }

    /** Stops a timed-out evaluation; if it keeps running, the pool grows by one until it ends. */
    private static void giveUp(Task task, Future<IExpr> future) {
        task.stop();
        future.cancel(true);
        synchronized (task) {
            if (task.abandon()) resize(+1);
        }
    }

    /** Throws unless {@code timeout} is positive. */
    static void checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }
}
