package org.distill.tests.bench;

import io.jenetics.Mutator;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.ext.SingleNodeCrossover;
import io.jenetics.ext.util.Tree;
import io.jenetics.ext.util.TreeNode;
import io.jenetics.prog.ProgramGene;
import io.jenetics.prog.op.EphemeralConst;
import io.jenetics.prog.op.MathExpr;
import io.jenetics.prog.op.MathOp;
import io.jenetics.prog.op.Var;
import io.jenetics.prog.regression.Error;
import io.jenetics.prog.regression.LossFunction;
import io.jenetics.prog.regression.Regression;
import io.jenetics.prog.regression.Sample;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.Progress;
import org.distill.symbolic.SymbolicRegressor;

/**
 * Time-to-solution of Distill against jenetics.prog's {@link Regression} problem with the engine of
 * the Jenetics symbolic-regression example, on five simple laws: same data, same operators, one
 * thread each, same wall-clock limit per attempt, several seeds. Prints a markdown table.
 *
 * <p>Success: the tool's model reaches a normalised MSE (MSE / variance of y) below {@value #THRESHOLD}
 * on the {@value #TRAIN_ROWS} training rows and then on {@value #TEST_ROWS} fresh test rows from the
 * same ranges. Time-to-solution: wall time from the start of the attempt (building the engine
 * included) to the moment the tool first reports such a model. Distill is watched through
 * {@link SymbolicRegressor#stream}, one snapshot per epoch, taking the simplest front entry under
 * the threshold; Jenetics every generation, taking the best phenotype. Both are run with their
 * defaults otherwise (see {@link #settings}); each tool is warmed up on every law first.
 *
 * <pre>
 * mvn -q -o -pl tests -am package -DskipTests
 * java -cp "tests/target/classes:$(cat tests/target/classpath.txt)" org.distill.tests.bench.JeneticsComparisonBenchmark
 *     [--time S] [--seeds N] [--warmup S] [--jenetics-max-size N]
 * </pre>
 */
public final class JeneticsComparisonBenchmark {
    static final double THRESHOLD = 1e-10;
    static final int TRAIN_ROWS = 200;
    static final int TEST_ROWS = 1000;
    /** Depth of the initial (full) Jenetics trees, as in the Jenetics example. */
    static final int JENETICS_DEPTH = 5;
    /**
     * With a value N > 0, Jenetics trees must have fewer than N nodes, as in the Jenetics example
     * ({@code size < 30}); 0 (the default) keeps {@link Regression#codecOf(ISeq, ISeq, int)}'s own
     * limit. The example's limit rejects every initial tree when all operators are binary (a full
     * depth-5 tree has 63 nodes): the engine then replaces the whole population every generation.
     */
    static int jeneticsMaxSize = 0;

    private JeneticsComparisonBenchmark() {}

    /** A law y = f(x) on variables drawn uniformly from [lo, hi], and the operators both tools get. */
    record Law(String name, List<String> vars, double lo, double hi, List<Op> ops, ToDoubleFunction<double[]> f) {}

    static final List<Op> ARITH = List.of(Op.ADD, Op.SUB, Op.MUL);

    static final List<Law> LAWS = List.of(
            new Law("x^4 + x^3 + x^2 + x", List.of("x"), -1, 1, ARITH,
                    v -> v[0] * v[0] * v[0] * v[0] + v[0] * v[0] * v[0] + v[0] * v[0] + v[0]),
            new Law("x*y", List.of("x", "y"), -2, 2, ARITH, v -> v[0] * v[1]),
            new Law("m1*m2/r^2", List.of("m1", "m2", "r"), 1, 5, plus(Op.DIV), v -> v[0] * v[1] / (v[2] * v[2])),
            new Law("sin(x) + x", List.of("x"), -3, 3, plus(Op.SIN), v -> Math.sin(v[0]) + v[0]),
            // DIV: with integer ephemeral constants, Jenetics needs a ratio to make 1.5.
            new Law("1.5*x*y + z", List.of("x", "y", "z"), -2, 2, plus(Op.DIV), v -> 1.5 * v[0] * v[1] + v[2]));

    private static List<Op> plus(Op op) {
        List<Op> ops = new ArrayList<>(ARITH);
        ops.add(op);
        return List.copyOf(ops);
    }

    /** One law's seeded training and test data, in the form each tool takes. */
    record Problem(Law law, double[][] xTrain, double[] yTrain, double varTrain, double[][] xTest, double[] yTest,
                   double varTest, Dataset dataset, List<Sample<Double>> samples) {
        static Problem of(Law law, int index) {
            Random r = new Random(1000L * (index + 1));
            double[][] xTrain = draw(law, r, TRAIN_ROWS), xTest = draw(law, r, TEST_ROWS);
            double[] yTrain = eval(law, xTrain), yTest = eval(law, xTest);
            List<Sample<Double>> samples = new ArrayList<>();
            for (int i = 0; i < TRAIN_ROWS; i++) {
                double[] s = java.util.Arrays.copyOf(xTrain[i], law.vars().size() + 1);
                s[law.vars().size()] = yTrain[i];
                samples.add(Sample.ofDouble(s));
            }
            return new Problem(law, xTrain, yTrain, variance(yTrain), xTest, yTest, variance(yTest),
                    Dataset.of(xTrain, yTrain).withVariables(law.vars()), List.copyOf(samples));
        }

        private static double[][] draw(Law law, Random r, int rows) {
            double[][] x = new double[rows][law.vars().size()];
            for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] = law.lo() + (law.hi() - law.lo()) * r.nextDouble();
            return x;
        }

        private static double[] eval(Law law, double[][] x) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = law.f().applyAsDouble(x[i]);
            return y;
        }
    }

    /** One attempt: solved or not, time to solution (or time used), generations, the model and its errors. */
    record Attempt(boolean solved, double seconds, long generations, double trainNmse, double testNmse, String model) {
        String describe(String tool) {
            return String.format(Locale.ROOT, "%s %s %.2f s (generation %d; NMSE train %.1e, test %.1e): %s", tool,
                    solved ? "solved in" : "failed after", seconds, generations, trainNmse, testNmse, model);
        }
    }

    public static void main(String[] args) {
        double limit = 30, warmup = 1;
        int seeds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--time" -> limit = Double.parseDouble(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--jenetics-max-size" -> jeneticsMaxSize = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "': expected --time SECONDS, --seeds N, --warmup SECONDS or --jenetics-max-size N");
            }
        }
        if (!(limit > 0) || seeds < 1 || warmup < 0) throw new IllegalArgumentException("need --time > 0, --seeds >= 1, --warmup >= 0");
        System.out.printf(Locale.ROOT, "# Time to solution: Distill vs jenetics.prog (1 thread each)%n%n");
        System.out.printf(Locale.ROOT, "%s; load average at start %s%n%n", BenchMachine.describe(), BenchMachine.loadAverage());
        System.out.printf(Locale.ROOT, "%s%n", settings(limit, seeds));
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < LAWS.size(); i++) problems.add(Problem.of(LAWS.get(i), i));
        if (warmup > 0) {
            for (Problem p : problems) {
                distill(p, -1, warmup);
                jenetics(p, -1, warmup);
            }
        }
        System.out.printf(Locale.ROOT, "## Attempts%n%n");
        List<List<Attempt>> ours = new ArrayList<>(), theirs = new ArrayList<>();
        for (int li = 0; li < problems.size(); li++) {
            Problem p = problems.get(li);
            List<Attempt> d = new ArrayList<>(), j = new ArrayList<>();
            for (int s = 1; s <= seeds; s++) {
                // Alternate which tool goes first, so that neither always meets the same load.
                Attempt a, b;
                if ((li + s) % 2 == 0) {
                    a = distill(p, s, limit);
                    b = jenetics(p, s, limit);
                } else {
                    b = jenetics(p, s, limit);
                    a = distill(p, s, limit);
                }
                d.add(a);
                j.add(b);
                System.out.printf(Locale.ROOT, "- `%s` seed %d:%n  - %s%n  - %s%n", p.law().name(), s,
                        a.describe("Distill"), b.describe("Jenetics"));
            }
            ours.add(d);
            theirs.add(j);
        }
        System.out.printf(Locale.ROOT, "%n## Results (limit %.0f s, %d seeds per law)%n%n", limit, seeds);
        System.out.println("| law | variables in | operators | Distill solved | Jenetics solved "
                + "| Distill median s (solved) | Jenetics median s (solved) "
                + "| Distill median s (all) | Jenetics median s (all) | Jenetics / Distill (all) |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        List<Attempt> allOurs = new ArrayList<>(), allTheirs = new ArrayList<>();
        for (int li = 0; li < problems.size(); li++) {
            Law law = problems.get(li).law();
            row("`" + law.name() + "`", String.format(Locale.ROOT, "%s ∈ [%s, %s]", String.join(", ", law.vars()),
                    fmt(law.lo()), fmt(law.hi())), law.ops().stream().map(Op::name).collect(Collectors.joining(" ")),
                    ours.get(li), theirs.get(li), limit);
            allOurs.addAll(ours.get(li));
            allTheirs.addAll(theirs.get(li));
        }
        row("**all**", "", "", allOurs, allTheirs, limit);
        System.out.printf(Locale.ROOT, "%n(all): failures counted as the %.0f s limit. load average at end %s%n",
                limit, BenchMachine.loadAverage());
    }

    static String settings(double limit, int seeds) {
        SymbolicRegressor.Options o = SymbolicRegressor.builder().build().options();
        return String.format(Locale.ROOT, """
                - data: %d training rows and %d test rows per law, uniform in the ranges below, seeded per law; \
                every attempt of both tools sees the same rows
                - success: normalised MSE (MSE / var(y)) < %.0e on the training rows and then on the test rows; \
                time = wall time from the start of the attempt to the first such model, limit %.0f s, seeds 1..%d
                - Distill: defaults (%d islands x %d individuals, %d generations per epoch, maxComplexity %d, \
                linear scaling, LM constant fitting) with threads(1), seed, timeLimit; simplify(false) \
                (Symja only tidies the final front); checked once per epoch, simplest front entry under the threshold
                - Jenetics %s: the jenetics.prog SymbolicRegression example: Regression.codecOf(ops, vars + \
                EphemeralConst(integer 0..9), depth %d, %s), Error.of(LossFunction::mse), Engine minimizing \
                with SingleNodeCrossover(0.1) and Mutator(0.01), population 50, tournament(3), offspring fraction \
                0.6, max age 70 (engine defaults); executor Runnable::run; seed via RandomRegistry.using(new Random(seed)); \
                checked every generation, best phenotype
                - operators: the same for both tools per law (column 'operators'); \
                DIV only where the law divides or needs a non-integer constant, SIN only where the law has it
                """, TRAIN_ROWS, TEST_ROWS, THRESHOLD, limit, seeds, o.islands(), o.populationSize(),
                o.generationsPerEpoch(), o.maxComplexity(), jeneticsVersion(), JENETICS_DEPTH,
                jeneticsMaxSize > 0 ? "size < " + jeneticsMaxSize + " as in the example"
                        : "codecOf's default size limit 3*(mean arity)^depth - 1, e.g. 95 nodes for + - *;"
                        + " the example's size < 30 rejects every full depth-5 tree of binary operators (63 nodes),"
                        + " see --jenetics-max-size");
    }

    private static String jeneticsVersion() {
        String v = Regression.class.getPackage().getImplementationVersion();
        return v == null ? "(version n/a)" : v;
    }

    private static void row(String law, String ranges, String ops, List<Attempt> d, List<Attempt> j, double limit) {
        double dAll = medianAll(d, limit), jAll = medianAll(j, limit);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %d/%d | %d/%d | %s | %s | %.2f | %.2f | %.1f× |%n", law, ranges, ops,
                solved(d), d.size(), solved(j), j.size(), seconds(medianSolved(d)), seconds(medianSolved(j)),
                dAll, jAll, jAll / dAll);
    }

    private static long solved(List<Attempt> a) {
        return a.stream().filter(Attempt::solved).count();
    }

    private static double medianSolved(List<Attempt> a) {
        return BenchMachine.median(a.stream().filter(Attempt::solved).mapToDouble(Attempt::seconds).toArray());
    }

    private static double medianAll(List<Attempt> a, double limit) {
        return BenchMachine.median(a.stream().mapToDouble(x -> x.solved() ? x.seconds() : limit).toArray());
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.2f", s);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    // ---- Distill --------------------------------------------------------------------------------

    static Attempt distill(Problem p, long seed, double limit) {
        long t0 = System.nanoTime();
        SymbolicRegressor regressor = SymbolicRegressor.builder()
                .operators(p.law().ops())
                .threads(1)
                .seed(seed)
                .timeLimit(Duration.ofNanos((long) (limit * 1e9)))
                .simplify(false)
                .build();
        long generation = 0;
        Equation best = null;
        try (Stream<Progress> stream = regressor.stream(p.dataset())) {
            Iterator<Progress> it = stream.iterator();
            while (it.hasNext()) {
                Progress progress = it.next();
                double t = (System.nanoTime() - t0) / 1e9;
                generation = progress.generation();
                List<Equation> front = progress.front().equations();
                if (front.isEmpty()) continue;
                best = front.getLast();
                for (Equation e : front) {
                    if (e.loss() / p.varTrain() < THRESHOLD) {
                        Attempt a = check(e.predict(p.xTrain()), e.predict(p.xTest()), p, t, generation, e.toString());
                        if (a.solved() && t <= limit) return a;
                        break; // only the simplest entry under the threshold counts
                    }
                }
            }
        }
        double t = (System.nanoTime() - t0) / 1e9;
        if (best == null) return new Attempt(false, t, generation, Double.NaN, Double.NaN, "(empty front)");
        Attempt a = check(best.predict(p.xTrain()), best.predict(p.xTest()), p, t, generation, best.toString());
        return new Attempt(false, t, generation, a.trainNmse(), a.testNmse(), a.model());
    }

    // ---- Jenetics -------------------------------------------------------------------------------

    static Attempt jenetics(Problem p, long seed, double limit) {
        Attempt[] result = new Attempt[1];
        RandomRegistry.using(new Random(seed), r -> result[0] = jeneticsRun(p, limit));
        return result[0];
    }

    private static Attempt jeneticsRun(Problem p, double limit) {
        long t0 = System.nanoTime(), deadline = t0 + (long) (limit * 1e9);
        ISeq<io.jenetics.prog.op.Op<Double>> ops = p.law().ops().stream()
                .map(JeneticsComparisonBenchmark::toJenetics).collect(ISeq.toISeq());
        List<io.jenetics.prog.op.Op<Double>> terminals = new ArrayList<>();
        for (int j = 0; j < p.law().vars().size(); j++) terminals.add(Var.of(p.law().vars().get(j), j));
        terminals.add(EphemeralConst.of(() -> (double) RandomRegistry.random().nextInt(10)));
        Regression<Double> regression = Regression.of(
                jeneticsMaxSize > 0
                        ? Regression.codecOf(ops, ISeq.of(terminals), JENETICS_DEPTH, ch -> ch.gene().size() < jeneticsMaxSize)
                        : Regression.codecOf(ops, ISeq.of(terminals), JENETICS_DEPTH),
                Error.of(LossFunction::mse),
                p.samples());
        Engine<ProgramGene<Double>, Double> engine = Engine.builder(regression)
                .minimizing()
                .alterers(new SingleNodeCrossover<>(0.1), new Mutator<>())
                .executor(Runnable::run)
                .build();
        long generation = 0;
        ProgramGene<Double> best = null;
        double bestFitness = Double.POSITIVE_INFINITY;
        try (Stream<EvolutionResult<ProgramGene<Double>, Double>> stream = engine.stream()) {
            Iterator<EvolutionResult<ProgramGene<Double>, Double>> it = stream.iterator();
            while (System.nanoTime() < deadline) {
                EvolutionResult<ProgramGene<Double>, Double> r = it.next();
                double t = (System.nanoTime() - t0) / 1e9;
                generation = r.generation();
                double fitness = r.bestFitness();
                ProgramGene<Double> program = r.bestPhenotype().genotype().gene();
                if (best == null || fitness < bestFitness) {
                    best = program;
                    bestFitness = fitness;
                }
                if (fitness / p.varTrain() < THRESHOLD) {
                    Attempt a = check(predict(program, p.xTrain()), predict(program, p.xTest()), p, t, generation,
                            format(program));
                    if (a.solved() && t <= limit) return a;
                }
            }
        }
        double t = (System.nanoTime() - t0) / 1e9;
        Attempt a = check(predict(best, p.xTrain()), predict(best, p.xTest()), p, t, generation, format(best));
        return new Attempt(false, t, generation, a.trainNmse(), a.testNmse(), a.model());
    }

    static io.jenetics.prog.op.Op<Double> toJenetics(Op op) {
        return switch (op.kind()) {
            case ADD -> MathOp.ADD;
            case SUB -> MathOp.SUB;
            case MUL -> MathOp.MUL;
            case DIV -> MathOp.DIV;
            case SIN -> MathOp.SIN;
            case COS -> MathOp.COS;
            default -> throw new IllegalArgumentException("no jenetics.prog counterpart for " + op);
        };
    }

    private static double[] predict(Tree<? extends io.jenetics.prog.op.Op<Double>, ?> tree, double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = MathExpr.eval(tree, x[i]);
        return out;
    }

    private static String format(ProgramGene<Double> program) {
        TreeNode<io.jenetics.prog.op.Op<Double>> tree = program.toTreeNode();
        MathExpr.rewrite(tree); // arithmetic simplification, for reading only
        return MathExpr.format(tree);
    }

    // ---- the criterion, the same for both -------------------------------------------------------

    /** Solved when both the training and the test normalised MSE are under the threshold. */
    static Attempt check(double[] train, double[] test, Problem p, double seconds, long generation, String model) {
        double tr = nmse(train, p.yTrain(), p.varTrain()), te = nmse(test, p.yTest(), p.varTest());
        return new Attempt(tr < THRESHOLD && te < THRESHOLD, seconds, generation, tr, te, model);
    }

    static double nmse(double[] prediction, double[] y, double variance) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) sum += (prediction[i] - y[i]) * (prediction[i] - y[i]);
        double v = sum / y.length / variance;
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    static double variance(double[] y) {
        double mean = 0;
        for (double v : y) mean += v;
        mean /= y.length;
        double s = 0;
        for (double v : y) s += (v - mean) * (v - mean);
        return s / y.length;
    }
}
