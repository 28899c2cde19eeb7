package org.distill.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;

/**
 * One equation of the Feynman Symbolic Regression Database (AI Feynman's table): its name
 * ({@code I.6.2a}), the target's name, the true formula in Python syntax ({@code **} for powers) and
 * each variable's sampling range.
 *
 * @param name      the equation's file name in the database, e.g. {@code I.12.2}
 * @param number    its row number (1–100)
 * @param output    the target's name
 * @param formula   the true formula, Python syntax
 * @param variables the variables, in the table's order, with their ranges
 */
public record FeynmanProblem(String name, int number, String output, String formula, List<Variable> variables)
        implements java.io.Serializable { // a Spark task's input (SparkFeynman)

    /** A variable and its uniform sampling range {@code [low, high]}. */
    public record Variable(String name, double low, double high) implements java.io.Serializable {
        public Variable {
            Objects.requireNonNull(name, "name");
            if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
                throw new IllegalArgumentException("range of '" + name + "' must be finite with low <= high: [" + low + ", " + high + "]");
            }
        }
    }

    /** {@code arcsin}, for formulas: the built-in {@link Op#ASIN}. */
    public static final Op ASIN = Op.ASIN;
    /** {@code tanh}, for formulas: the built-in {@link Op#TANH}. */
    public static final Op TANH = Op.TANH;
    /** The functions of the table beyond the default operators (built-in operators since asin and tanh are). */
    public static final List<Op> EXTRA_OPS = List.of(ASIN, TANH);

    /**
     * The operator named {@code name}: a built-in one ({@link Op#builtin}) or one of {@link #EXTRA_OPS}.
     *
     * @throws IllegalArgumentException naming the operator when there is none of that name
     */
    public static Op operator(String name) {
        for (Op op : EXTRA_OPS) if (op.name().equals(name)) return op;
        return Op.builtin(name);
    }

    public FeynmanProblem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(formula, "formula");
        variables = List.copyOf(variables);
        if (variables.isEmpty()) throw new IllegalArgumentException(name + ": no variables");
        truth(variables.stream().map(Variable::name).toList(), formula, name); // fails here, not later
    }

    /** The variables' names, in order. */
    public List<String> variableNames() {
        return variables.stream().map(Variable::name).toList();
    }

    /** Whether every variable's range lies in {@code [0, ∞)} (the symbolic check may then assume positivity). */
    public boolean nonNegative() {
        return variables.stream().allMatch(v -> v.low() >= 0);
    }

    /** The true formula as an expression over {@link #variableNames()} (indices in table order). */
    public Expr truth() {
        return truth(variableNames(), formula, name);
    }

    private static Expr truth(List<String> names, String formula, String problem) {
        String text = formula.replace("**", "^").replaceAll("\\barcsin\\(", "asin(").replaceAll("\\bln\\(", "log(");
        try {
            return Parser.parse(text, names, EXTRA_OPS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(problem + ": cannot read formula '" + formula + "': " + e.getMessage(), e);
        }
    }

    /**
     * Training and test data: variables uniform in their ranges, the target from the true formula,
     * Gaussian noise of standard deviation {@code noise · std(y)} on the training target only (the
     * test target is exact, so that R² measures the model, not the noise). Rows where the formula is
     * not finite are drawn again.
     *
     * @param rows     training rows (the test set has the same number)
     * @param seed     seeds everything
     * @param noise    relative noise level, {@code >= 0} (SRBench uses 0, 0.001, 0.01, 0.1)
     */
    public Samples sample(int rows, long seed, double noise) {
        if (rows < 1) throw new IllegalArgumentException("rows must be positive: " + rows);
        if (!(noise >= 0 && Double.isFinite(noise))) throw new IllegalArgumentException("noise must be >= 0: " + noise);
        SplittableRandom rnd = new SplittableRandom(seed ^ ((long) number << 32));
        Expr truth = truth();
        double[][] train = draw(truth, rows, rnd);
        double[][] test = draw(truth, rows, rnd);
        int n = variables.size();
        double[] y = train[n].clone();
        if (noise > 0) {
            double sd = noise * std(y);
            SplittableRandom gauss = rnd.split();
            for (int i = 0; i < y.length; i++) y[i] += sd * gaussian(gauss);
        }
        double[][] trainX = java.util.Arrays.copyOf(train, n);
        double[][] testX = java.util.Arrays.copyOf(test, n);
        Dataset data = Dataset.ofColumns(trainX, y).withVariables(variableNames()).withTarget(output);
        return new Samples(data, testX, test[n]);
    }

    /** Columns {@code [x_0 .. x_{n-1}, y]}, every row finite. */
    private double[][] draw(Expr truth, int rows, SplittableRandom rnd) {
        int n = variables.size();
        double[][] cols = new double[n + 1][rows];
        double[] row = new double[n];
        for (int i = 0; i < rows; i++) {
            double y = Double.NaN;
            for (int attempt = 0; attempt < 10_000 && !Double.isFinite(y); attempt++) {
                for (int j = 0; j < n; j++) {
                    Variable v = variables.get(j);
                    row[j] = v.low() + (v.high() - v.low()) * rnd.nextDouble();
                }
                y = truth.evaluate(row);
            }
            if (!Double.isFinite(y)) throw new IllegalStateException(name + ": no finite value of the formula in 10 000 draws");
            for (int j = 0; j < n; j++) cols[j][i] = row[j];
            cols[n][i] = y;
        }
        return cols;
    }

    static double std(double[] y) {
        double mean = 0;
        for (double v : y) mean += v;
        mean /= y.length;
        double ss = 0;
        for (double v : y) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / y.length);
    }

    private static double gaussian(SplittableRandom r) { // Box–Muller, one of the pair
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Data for one run.
     *
     * @param train the training set (noisy target when noise > 0)
     * @param testX test columns, one per variable
     * @param testY exact test targets
     */
    public record Samples(Dataset train, double[][] testX, double[] testY) {
        public Samples {
            Objects.requireNonNull(train, "train");
            testX = testX.clone();
            for (int j = 0; j < testX.length; j++) testX[j] = testX[j].clone();
            testY = testY.clone();
        }

        @Override public double[][] testX() {
            double[][] c = testX.clone();
            for (int j = 0; j < c.length; j++) c[j] = c[j].clone();
            return c;
        }

        @Override public double[] testY() { return testY.clone(); }

        /** The test set's rows as {@code [row][variable]}. */
        public double[][] testRows() {
            double[][] r = new double[testY.length][testX.length];
            for (int i = 0; i < testY.length; i++) for (int j = 0; j < testX.length; j++) r[i][j] = testX[j][i];
            return r;
        }
    }

    @Override public String toString() {
        List<String> vs = new ArrayList<>();
        for (Variable v : variables) vs.add(v.name() + " in [" + v.low() + ", " + v.high() + "]");
        return name + ": " + output + " = " + formula + "  (" + String.join(", ", vs) + ")";
    }
}
