package org.distill.tests.bench;

import io.jenetics.ext.util.TreeNode;
import io.jenetics.prog.op.Const;
import io.jenetics.prog.op.MathExpr;
import io.jenetics.prog.op.MathOp;
import io.jenetics.prog.op.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Printer;

/**
 * Single-threaded evaluation throughput, in node-rows per second (tree nodes × rows / seconds), of
 * our {@link Program} + {@link Evaluator} against jenetics.prog's {@link MathExpr#eval(double...)}
 * on the same trees and rows, in the same JVM. Prints a markdown table.
 *
 * <p>Before timing, both evaluators must agree with {@link Expr#evaluate} on every row (relative
 * 1e-12). Every case is warmed up first; then each is timed {@code repeats} times, each timing
 * running the evaluation often enough to last at least {@code minSeconds}, and the table shows the
 * median. Results and method: docs/BENCHMARKS.md.
 *
 * <pre>
 * mvn -q -o -pl tests -am package -DskipTests
 * java -cp "tests/target/classes:$(cat tests/target/classpath.txt)" org.distill.tests.bench.EvaluatorBenchmark [--quick] [--verbose]
 * </pre>
 */
public final class EvaluatorBenchmark {
    static final List<String> NAMES = List.of("x0", "x1", "x2");
    static int repeats = 7;
    static double minSeconds = 0.15;
    static double warmupSeconds = 0.5;
    static boolean verbose;

    private EvaluatorBenchmark() {}

    public static void main(String[] args) {
        verbose = Arrays.asList(args).contains("--verbose");
        if (Arrays.asList(args).contains("--quick")) {
            repeats = 5;
            minSeconds = 0.05;
            warmupSeconds = 0.15;
        }
        Random rnd = new Random(20240601);
        List<Case> cases = new ArrayList<>();
        for (int size : new int[] {11, 21, 31}) cases.add(new Case("arith-" + size, arithmetic(rnd, size)));
        cases.add(new Case("transcendental", transcendental()));
        int[] rowCounts = {1_000, 100_000};

        System.out.printf(Locale.ROOT, "# Evaluator throughput (single thread)%n%n");
        System.out.printf(Locale.ROOT, "%s; load average at start %s%n%n",
                BenchMachine.describe(), BenchMachine.loadAverage());
        for (Case c : cases) {
            System.out.printf(Locale.ROOT, "- %s (%d nodes, %d instructions after fusion): `%s`%n",
                    c.name(), c.expr().size(), Program.compile(c.expr()).length(), Printer.plain(c.expr(), NAMES));
        }
        System.out.printf(Locale.ROOT, "%nmedian of %d timings, each >= %.2f s after %.2f s warm-up;"
                + " M node-rows/s = 1e6 × nodes × rows / s%n%n", repeats, minSeconds, warmupSeconds);
        System.out.println("| tree | nodes | rows | ours (M node-rows/s) | jenetics MathExpr.eval (M node-rows/s) | ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        List<Bench> benches = new ArrayList<>();
        for (Case c : cases) {
            for (int rows : rowCounts) {
                Bench b = new Bench(c.name(), c.expr(), rows);
                b.checkAgreement();
                benches.add(b);
            }
        }
        // Warm up every case before timing any, so that the JIT has seen every instruction kind
        // and no timing pays for a recompilation caused by the next tree.
        for (int round = 0; round < 2; round++) {
            for (Bench b : benches) {
                b.warmUp(b::ours);
                b.warmUp(b::jenetics);
            }
        }
        double sink = 0;
        for (Bench b : benches) {
            double ours = b.measure(b::ours);
            double jen = b.measure(b::jenetics);
            sink += b.sink;
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.0f | %.1f | %.0f× |%n",
                    b.c.name(), b.expr.size(), b.rows, ours / 1e6, jen / 1e6, ours / jen);
        }
        if (verbose) {
            System.out.println();
            for (Bench b : benches) System.out.println(b.c.name() + " " + b.rows + " " + b.log);
        }
        System.out.printf(Locale.ROOT, "%nload average at end %s (checksum %.3g)%n", BenchMachine.loadAverage(), sink);
    }

    record Case(String name, Expr expr) {}

    /** A random tree of exactly {@code size} nodes (odd) over + - * /, variables and constants. */
    static Expr arithmetic(Random r, int size) {
        if (size % 2 == 0) throw new IllegalArgumentException("a binary tree has an odd size: " + size);
        if (size == 1) {
            return r.nextInt(5) < 3 ? Expr.variable(r.nextInt(NAMES.size()))
                    : Expr.constant(Math.round((0.5 + 1.5 * r.nextDouble()) * 1000) / 1000.0);
        }
        int left = 2 * r.nextInt((size - 1) / 2) + 1;
        Op op = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV).get(r.nextInt(4));
        return Expr.of(op, arithmetic(r, left), arithmetic(r, size - 1 - left));
    }

    /** sin(x0)*exp(-x1^2) + log(x2)*cos(x0*x1) + sqrt(x2)*sin(exp(x0/3)) - cos(x2)/exp(x1). */
    static Expr transcendental() {
        Expr x0 = Expr.variable(0), x1 = Expr.variable(1), x2 = Expr.variable(2);
        Expr a = Expr.of(Op.MUL, Expr.of(Op.SIN, x0), Expr.of(Op.EXP, Expr.of(Op.NEG, Expr.of(Op.SQUARE, x1))));
        Expr b = Expr.of(Op.MUL, Expr.of(Op.LOG, x2), Expr.of(Op.COS, Expr.of(Op.MUL, x0, x1)));
        Expr c = Expr.of(Op.MUL, Expr.of(Op.SQRT, x2),
                Expr.of(Op.SIN, Expr.of(Op.EXP, Expr.of(Op.DIV, x0, Expr.constant(3)))));
        Expr d = Expr.of(Op.DIV, Expr.of(Op.COS, x2), Expr.of(Op.EXP, x1));
        return Expr.of(Op.SUB, Expr.of(Op.ADD, Expr.of(Op.ADD, a, b), c), d);
    }

    /** The same tree as a jenetics.prog operation tree. */
    static TreeNode<io.jenetics.prog.op.Op<Double>> toJenetics(Expr e) {
        if (e.isVariable()) return TreeNode.of(Var.of(NAMES.get(e.variable()), e.variable()));
        if (e.isConstant()) return TreeNode.of(Const.of(e.value()));
        MathOp op = switch (e.op().kind()) {
            case ADD -> MathOp.ADD;
            case SUB -> MathOp.SUB;
            case MUL -> MathOp.MUL;
            case DIV -> MathOp.DIV;
            case POW -> MathOp.POW;
            case NEG -> MathOp.NEG;
            case SQUARE -> MathOp.SQR;
            case SQRT -> MathOp.SQRT;
            case EXP -> MathOp.EXP;
            case LOG -> MathOp.LOG;
            case SIN -> MathOp.SIN;
            case COS -> MathOp.COS;
            case TAN -> MathOp.TAN;
            case ABS -> MathOp.ABS;
            default -> throw new IllegalArgumentException("no jenetics.prog counterpart for " + e.op());
        };
        TreeNode<io.jenetics.prog.op.Op<Double>> node = TreeNode.of(op);
        for (int i = 0; i < e.arity(); i++) node.attach(toJenetics(e.arg(i)));
        return node;
    }

    /** One tree on one data size, with both evaluators set up outside the timed region. */
    static final class Bench {
        final Case c;
        final Expr expr;
        final int rows;
        final StringBuilder log = new StringBuilder();
        final Program program;
        final Columns columns;
        final double[][] rowMajor;
        final MathExpr mathExpr;
        final Evaluator evaluator = new Evaluator();
        final double[] out;
        double sink;

        Bench(String name, Expr expr, int rows) {
            this.c = new Case(name, expr);
            this.expr = expr;
            this.rows = rows;
            this.program = Program.compile(expr);
            Random r = new Random(rows);
            double[][] x = new double[NAMES.size()][rows];
            rowMajor = new double[rows][NAMES.size()];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < NAMES.size(); j++) {
                    x[j][i] = 0.5 + 1.5 * r.nextDouble(); // [0.5, 2): no division blow-ups or subnormals
                    rowMajor[i][j] = x[j][i];
                }
            }
            this.columns = new Columns(x, null, null, rows);
            this.mathExpr = new MathExpr(toJenetics(expr));
            this.out = new double[rows];
        }

        void ours() {
            evaluator.predict(program, columns, out);
            sink += out[rows - 1];
        }

        void jenetics() {
            for (int i = 0; i < rows; i++) out[i] = mathExpr.eval(rowMajor[i]);
            sink += out[rows - 1];
        }

        /** Both evaluators and the reference give the same value on every row. */
        void checkAgreement() {
            double[] ours = evaluator.predict(program, columns);
            for (int i = 0; i < rows; i++) {
                double jen = mathExpr.eval(rowMajor[i]);
                double ref = expr.evaluate(rowMajor[i]);
                if (!close(ref, ours[i]) || !close(ref, jen)) {
                    throw new IllegalStateException("evaluators disagree on row " + i + " of " + Printer.plain(expr, NAMES)
                            + ": reference " + ref + ", ours " + ours[i] + ", jenetics " + jen);
                }
            }
        }

        static boolean close(double a, double b) {
            if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b);
            return a == b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
        }

        /** Runs the task for about {@code warmupSeconds}; returns nanoseconds per call. */
        long warmUp(Runnable task) {
            long t0 = System.nanoTime(), end = t0 + (long) (warmupSeconds * 1e9);
            int calls = 0;
            long now;
            do {
                task.run();
                calls++;
            } while ((now = System.nanoTime()) < end);
            return Math.max(1, (now - t0) / calls);
        }

        /** Median node-rows per second over {@code repeats} timings, after a short warm-up. */
        double measure(Runnable task) {
            long perCall = warmUp(task);
            // Calls per timing: enough to last minSeconds, judged from the warm-up.
            int n = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) (minSeconds * 1e9) / perCall));
            double[] rate = new double[repeats];
            for (int k = 0; k < repeats; k++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) task.run();
                long t1 = System.nanoTime();
                rate[k] = (double) expr.size() * rows * n / ((t1 - t0) * 1e-9);
            }
            Arrays.sort(rate);
            log.append(String.format(Locale.ROOT, " [%d calls: %.0f..%.0f]", n, rate[0] / 1e6, rate[repeats - 1] / 1e6));
            return rate[repeats / 2];
        }
    }
}
