package org.distill.symbolic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast evaluator against the slow reference {@link Expr#evaluate(double[])}: predictions,
 * losses, linear scaling and forward-mode derivatives.
 */
class EvaluatorTest {
    static final Op SOFTPLUS = Op.unary("softplus", x -> Math.log1p(Math.exp(x))).build();
    static final Op HYPOT = Op.binary("hypot", Math::hypot).build();
    static final List<Op> UNARY = Stream.concat(Op.BUILTINS.stream(), Stream.of(SOFTPLUS))
            .filter(o -> o.arity() == 1).toList();
    static final List<Op> BINARY = Stream.concat(Op.BUILTINS.stream(), Stream.of(HYPOT))
            .filter(o -> o.arity() == 2).toList();
    /** Constants that hit the evaluator's special cases (pow 2 and 0.5, division by 0, ...). */
    static final double[] SPECIAL = {0, -0.0, 0.5, 1, 2, 3, -1, -2.5, 1e-3, 1e3};
    static final int FEATURES = 3;
    /** Around the batch boundaries, and not multiples of the batch. */
    static final int[] ROW_COUNTS = {1, 2, 255, 257, Evaluator.BATCH - 1, Evaluator.BATCH,
            Evaluator.BATCH + 1, 1000, 2 * Evaluator.BATCH + 3};

    private static final ConcurrentHashMap<Integer, Columns> DATA = new ConcurrentHashMap<>();

    /**
     * Deterministic data: x0 in [-3, 3]; x1 in [0.1, 5]; x2 mostly special values (0, -0, ±1,
     * ±1000, 1e-3, 0.5) that drive log, sqrt, pow and division into NaN and infinities.
     */
    static Columns data(int rows) {
        return DATA.computeIfAbsent(rows, n -> {
            Random r = new Random(1000 + n);
            double[][] x = new double[FEATURES][n];
            double[] y = new double[n];
            double[] specials = {0, -0.0, 1, -1, 1e3, -1e3, 1e-3, 0.5};
            for (int i = 0; i < n; i++) {
                x[0][i] = -3 + 6 * r.nextDouble();
                x[1][i] = 0.1 + 4.9 * r.nextDouble();
                x[2][i] = r.nextInt(3) == 0 ? 10 * r.nextGaussian() : specials[r.nextInt(specials.length)];
                y[i] = r.nextGaussian();
            }
            return new Columns(x, y, null, n);
        });
    }

    static double[] row(Columns d, int r) {
        double[] row = new double[d.features()];
        for (int j = 0; j < row.length; j++) row[j] = d.x()[j][r];
        return row;
    }

    /** Equal, both NaN, or within 1e-12 relative. */
    static boolean close(double expected, double actual, double rel) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) return Double.isNaN(expected) && Double.isNaN(actual);
        if (expected == actual) return true;
        return Math.abs(expected - actual) <= rel * Math.max(Math.abs(expected), Math.abs(actual));
    }

    static void assertMatchesReference(Evaluator ev, Expr e, Columns d) {
        Program p = Program.compile(e);
        double[] out = new double[d.rows() + 1];
        out[d.rows()] = 12345; // must stay untouched
        ev.predict(p, d, out);
        for (int r = 0; r < d.rows(); r++) {
            double expected = e.evaluate(row(d, r));
            if (!close(expected, out[r], 1e-12)) {
                fail("row " + r + " of " + d.rows() + " " + java.util.Arrays.toString(row(d, r)) + ": "
                        + e + " is " + expected + " by reference, " + out[r] + " by the evaluator");
            }
        }
        assertThat(out[d.rows()]).isEqualTo(12345);
        assertThat(p.nodes()).isEqualTo(e.size());
        assertThat(p.constantCount()).isEqualTo(e.constantCount());
        assertThat(p.constants()).containsExactly(e.constants());
    }

    // ---------------------------------------------------------------- predictions

    private static final Evaluator SHARED = new Evaluator(); // reused across tries: buffers must not leak

    @Property(tries = 600, seed = "7301")
    void predictMatchesReference(@ForAll("trees") Expr e, @ForAll("rowCounts") int rows) {
        assertMatchesReference(SHARED, e, data(rows));
    }

    @Provide
    Arbitrary<Integer> rowCounts() {
        return Arbitraries.of(java.util.Arrays.stream(ROW_COUNTS).boxed().toList());
    }

    @Provide
    Arbitrary<Expr> trees() {
        return tree(6);
    }

    static Arbitrary<Expr> leaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, FEATURES - 1).map(Expr::variable)),
                Tuple.of(1, Arbitraries.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).map(i -> Expr.constant(SPECIAL[i - 1]))),
                Tuple.of(2, Arbitraries.doubles().between(-5, 5).map(Expr::constant)));
    }

    static Arbitrary<Expr> tree(int depth) {
        if (depth <= 1) return leaf();
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> tree(depth - 1));
        Arbitrary<Expr> unary = Combinators.combine(Arbitraries.of(UNARY), sub).as((op, a) -> Expr.of(op, a));
        Arbitrary<Expr> binary = Combinators.combine(Arbitraries.of(BINARY), sub, sub)
                .as((op, a, b) -> Expr.of(op, a, b));
        return Arbitraries.frequencyOf(Tuple.of(1, leaf()), Tuple.of(3, unary), Tuple.of(4, binary));
    }

    /** Every operator with every kind of operand, whatever the random trees happen to contain. */
    static Stream<Arguments> everyInstruction() {
        List<Arguments> out = new ArrayList<>();
        Expr inner = Expr.of(Op.ADD, Expr.variable(0), Expr.of(Op.SIN, Expr.variable(2)));
        List<Expr> operands = new ArrayList<>(List.of(inner, Expr.variable(1), Expr.variable(2)));
        for (double c : SPECIAL) operands.add(Expr.constant(c));
        operands.add(Expr.constant(-7.25));
        for (Op op : UNARY) {
            for (Expr a : operands) out.add(Arguments.of(Expr.of(op, a)));
        }
        for (Op op : BINARY) {
            for (Expr b : operands) {
                out.add(Arguments.of(Expr.of(op, inner, b)));      // fused right leaf / stack operand
                out.add(Arguments.of(Expr.of(op, Expr.variable(2), b)));
                out.add(Arguments.of(Expr.of(op, b, Expr.variable(0))));
            }
        }
        // pow(-inf, 0.5) is +inf, pow(-0, 0.5) is +0.
        Expr minusInf = Expr.of(Op.NEG, Expr.of(Op.EXP, Expr.of(Op.MUL, Expr.variable(2), Expr.constant(1e3))));
        out.add(Arguments.of(Expr.of(Op.POW, minusInf, Expr.constant(0.5))));
        out.add(Arguments.of(Expr.of(Op.POW, minusInf, Expr.constant(2))));
        // Division by constants whose reciprocal is not a normal double.
        out.add(Arguments.of(Expr.of(Op.DIV, Expr.variable(0), Expr.constant(1e-310))));
        out.add(Arguments.of(Expr.of(Op.DIV, Expr.variable(2), Expr.constant(1.7e308))));
        out.add(Arguments.of(Expr.of(Op.DIV, Expr.variable(0), Expr.constant(3))));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("everyInstruction")
    void everyInstructionMatchesReference(Expr e) {
        Evaluator ev = new Evaluator();
        for (int rows : ROW_COUNTS) assertMatchesReference(ev, e, data(rows));
    }

    @Test
    void gradientCoversMoreThan64Constants() {
        // f = sum_k c_k * x^(k mod 3): df/dc_k = x^(k mod 3), over 150 constants (three 64-bit passes).
        int n = 150;
        Expr x = Expr.variable(0);
        Expr f = null;
        for (int k = 0; k < n; k++) {
            Expr power = k % 3 == 0 ? Expr.constant(1.0) : k % 3 == 1 ? x : Expr.of(Op.MUL, x, x);
            Expr term = Expr.of(Op.MUL, Expr.constant(0.5 + k), power);
            f = f == null ? term : Expr.of(Op.ADD, f, term);
        }
        Program p = Program.compile(f);
        double[] xs = {0.5, 2.0, -1.5};
        Columns data = new Columns(new double[][] {xs}, null, null, xs.length);
        double[] value = new double[xs.length];
        double[][] jac = new double[xs.length][p.constantCount()];
        new Evaluator().gradient(p, data, value, jac);
        double[] c = f.constants();
        int slot = 0;
        for (int k = 0; k < n; k++) {
            // Pre-order constants: the term's factor, then the 1.0 of a constant power.
            int factorSlot = slot++;
            if (k % 3 == 0) slot++;
            for (int r = 0; r < xs.length; r++) {
                double expected = k % 3 == 0 ? 1 : k % 3 == 1 ? xs[r] : xs[r] * xs[r];
                assertThat(jac[r][factorSlot]).as("constant %d row %d", factorSlot, r).isCloseTo(expected, within(1e-12));
            }
        }
        assertThat(slot).isEqualTo(c.length);
        for (int r = 0; r < xs.length; r++) {
            assertThat(value[r]).isCloseTo(f.evaluate(new double[] {xs[r]}), within(1e-9));
        }
    }

    @Test
    void deepStacksGrowTheBuffers() {
        // A right-leaning chain keeps one value per level on the stack: depth 20 > the initial 8.
        Expr e = Expr.variable(0);
        for (int i = 0; i < 20; i++) {
            e = Expr.of(i % 2 == 0 ? Op.ADD : Op.MUL, Expr.of(Op.COS, Expr.variable(i % FEATURES)), e);
        }
        Evaluator ev = new Evaluator();
        for (int rows : ROW_COUNTS) assertMatchesReference(ev, e, data(rows));
        assertMatchesReference(ev, Expr.constant(4.5), data(300));
        assertMatchesReference(ev, Expr.variable(1), data(300));
    }

    @Test
    void predictIntoANewArray() {
        Columns d = data(257);
        Program p = Program.compile(Expr.of(Op.MUL, Expr.variable(0), Expr.constant(2)));
        double[] out = new Evaluator().predict(p, d);
        assertThat(out).hasSize(257);
        for (int r = 0; r < 257; r++) assertThat(out[r]).isEqualTo(2 * d.x()[0][r]);
    }

    // ---------------------------------------------------------------- losses

    @Test
    void weightedMseByHand() {
        double[][] x = {{1, 2, 3, 4}};
        double[] y = {2.5, 3, 7, 9};
        double[] w = {1, 2, 0, 3};
        Program twoX = Program.compile(Expr.of(Op.MUL, Expr.variable(0), Expr.constant(2)));
        // Predictions 2, 4, 6, 8; residuals -0.5, 1, -1, -1.
        double weighted = (1 * 0.25 + 2 * 1 + 0 * 1 + 3 * 1) / 6.0;
        double uniform = (0.25 + 1 + 1 + 1) / 4.0;
        Evaluator ev = new Evaluator();
        assertThat(ev.loss(twoX, new Columns(x, y, w, 4), Loss.MSE)).isCloseTo(weighted, within(1e-15));
        assertThat(ev.loss(twoX, new Columns(x, y, null, 4), Loss.MSE)).isCloseTo(uniform, within(1e-15));
        assertThat(ev.loss(twoX, new Columns(x, y, w, 4), Loss.MAE))
                .isCloseTo((0.5 + 2 + 0 + 3) / 6.0, within(1e-15));
        // A user loss that computes MSE goes the generic path; it must agree with the fused one.
        Loss slowMse = Loss.of("slow-mse", (p, t) -> (p - t) * (p - t));
        assertThat(ev.loss(twoX, new Columns(x, y, w, 4), slowMse)).isCloseTo(weighted, within(1e-15));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 255, 257, 511, 513, 1000, 1100})
    void weightedMseAcrossBatches(int rows) {
        Columns base = data(rows);
        Random r = new Random(rows);
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) w[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 3;
        w[0] = 1;
        Columns d = new Columns(base.x(), base.y(), w, rows);
        Expr e = Expr.of(Op.ADD, Expr.of(Op.SIN, Expr.variable(0)), Expr.of(Op.MUL, Expr.variable(1), Expr.constant(0.3)));
        double sum = 0, wsum = 0;
        for (int i = 0; i < rows; i++) {
            double res = e.evaluate(row(d, i)) - d.y()[i];
            sum += w[i] * res * res;
            wsum += w[i];
        }
        Evaluator ev = new Evaluator();
        Program p = Program.compile(e);
        assertThat(ev.loss(p, d, Loss.MSE)).isCloseTo(sum / wsum, within(1e-12 * sum / wsum));
        assertThat(ev.loss(p, d, Loss.huber(1e9))).isCloseTo(0.5 * sum / wsum, within(1e-12 * sum / wsum));
    }

    static Stream<Arguments> badPredictions() {
        Expr logOfNegative = Expr.of(Op.LOG, Expr.of(Op.SUB, Expr.variable(0), Expr.constant(10))); // x0 - 10 < 0
        Expr oneOverZero = Expr.of(Op.DIV, Expr.constant(1), Expr.of(Op.MUL, Expr.variable(0), Expr.constant(0)));
        Expr overflow = Expr.of(Op.EXP, Expr.of(Op.MUL, Expr.variable(1), Expr.constant(1e3)));
        Expr oneBadRow = Expr.of(Op.SQRT, Expr.of(Op.ADD, Expr.variable(0), Expr.constant(2.99))); // x0 < -2.99 on few rows
        return Stream.of(logOfNegative, oneOverZero, overflow, oneBadRow).flatMap(e ->
                Stream.of(Loss.MSE, Loss.MAE, Loss.huber(1)).map(l -> Arguments.of(e, l)));
    }

    @ParameterizedTest
    @MethodSource("badPredictions")
    void nanOrInfinitePredictionsGiveInfiniteLoss(Expr e, Loss loss) {
        Columns base = data(1000);
        double[] w = new double[1000];
        java.util.Arrays.fill(w, 1);
        Evaluator ev = new Evaluator();
        Program p = Program.compile(e);
        double[] ab = new double[2];
        for (Columns d : List.of(base, new Columns(base.x(), base.y(), w, 1000))) {
            assertThat(ev.loss(p, d, loss)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(ev.scaledLoss(p, d, loss, ab)).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void scaledLossRecoversAffineMap() {
        // y = 3 + 2 f with f = x0^2 + sin(x1).
        Expr f = Expr.of(Op.ADD, Expr.of(Op.SQUARE, Expr.variable(0)), Expr.of(Op.SIN, Expr.variable(1)));
        Columns base = data(1000);
        double[] y = new double[1000];
        for (int i = 0; i < 1000; i++) y[i] = 3 + 2 * f.evaluate(row(base, i));
        Random r = new Random(5);
        double[] w = new double[1000];
        for (int i = 0; i < 1000; i++) w[i] = r.nextDouble();
        Evaluator ev = new Evaluator();
        Program p = Program.compile(f);
        for (double[] weights : java.util.Arrays.asList(null, w)) {
            Columns d = new Columns(base.x(), y, weights, 1000);
            double[] ab = new double[2];
            for (Loss loss : List.of(Loss.MSE, Loss.MAE)) {
                double l = ev.scaledLoss(p, d, loss, ab);
                assertThat(ab[0]).isCloseTo(3, within(1e-10));
                assertThat(ab[1]).isCloseTo(2, within(1e-10));
                assertThat(l).isBetween(0.0, loss == Loss.MSE ? 1e-24 : 1e-12);
            }
            // Unscaled, the same program is far off.
            assertThat(ev.loss(p, d, Loss.MSE)).isGreaterThan(1);
        }
    }

    @Test
    void scaledLossOfAConstantIsTheMean() {
        Columns d = new Columns(new double[][] {{1, 2, 3}}, new double[] {1, 2, 6}, null, 3);
        double[] ab = new double[2];
        double l = new Evaluator().scaledLoss(Program.compile(Expr.constant(7)), d, Loss.MSE, ab);
        assertThat(ab[0]).isCloseTo(3, within(1e-15));
        assertThat(ab[1]).isZero();
        assertThat(l).isCloseTo((4 + 1 + 9) / 3.0, within(1e-14));
    }

    // ---------------------------------------------------------------- derivatives

    @Test
    void gradientOfClosedForms() {
        // f = c0 * x0 + c1 * exp(c2 * x1): df/dc0 = x0, df/dc1 = exp(c2 x1), df/dc2 = c1 x1 exp(c2 x1).
        Expr e = Expr.of(Op.ADD, Expr.of(Op.MUL, Expr.constant(1.5), Expr.variable(0)),
                Expr.of(Op.MUL, Expr.constant(-0.7), Expr.of(Op.EXP, Expr.of(Op.MUL, Expr.constant(0.3), Expr.variable(1)))));
        Columns d = data(300);
        double[] value = new double[300];
        double[][] jac = new double[300][3];
        new Evaluator().gradient(Program.compile(e), d, value, jac);
        for (int r = 0; r < 300; r++) {
            double x0 = d.x()[0][r], x1 = d.x()[1][r], ex = Math.exp(0.3 * x1);
            assertThat(value[r]).isCloseTo(1.5 * x0 - 0.7 * ex, within(1e-12));
            assertThat(jac[r][0]).isCloseTo(x0, within(1e-12));
            assertThat(jac[r][1]).isCloseTo(ex, within(1e-12));
            assertThat(jac[r][2]).isCloseTo(-0.7 * x1 * ex, within(1e-12));
        }
    }

    @Test
    void gradientOfATreeWithoutConstants() {
        Expr e = Expr.of(Op.SIN, Expr.variable(0));
        double[] value = new double[3];
        double[][] jac = new double[3][0];
        Columns d = data(3);
        new Evaluator().gradient(Program.compile(e), d, value, jac);
        for (int r = 0; r < 3; r++) assertThat(value[r]).isEqualTo(Math.sin(d.x()[0][r]));
    }

    /** Central finite differences of the reference evaluation on random smooth trees. */
    @Test
    void gradientMatchesFiniteDifferences() {
        Random rnd = new Random(424242);
        int rows = 40;
        double[][] x = new double[2][rows];
        for (int i = 0; i < rows; i++) {
            x[0][i] = -2 + 4 * rnd.nextDouble();
            x[1][i] = 0.5 + 1.5 * rnd.nextDouble();
        }
        Columns d = new Columns(x, new double[rows], null, rows);
        Evaluator ev = new Evaluator();
        int checked = 0;
        for (int t = 0; t < 300; t++) {
            Expr e = smooth(rnd, 5);
            double[] c = e.constants();
            Program p = Program.compile(e);
            double[] value = new double[rows];
            double[][] jac = new double[rows][c.length];
            ev.gradient(p, d, value, jac);
            double[] predicted = ev.predict(p, d);
            for (int r = 0; r < rows; r++) {
                double[] row = {x[0][r], x[1][r]};
                double f = e.evaluate(row);
                if (!Double.isFinite(f) || Math.abs(f) > 1e8) continue;
                if (!close(f, value[r], 1e-12) || !close(f, predicted[r], 1e-12)) {
                    fail(e + " row " + r + ": reference " + f + ", gradient() " + value[r] + ", predict() " + predicted[r]);
                }
                for (int k = 0; k < c.length; k++) {
                    double h = 1e-6 * Math.max(1, Math.abs(c[k]));
                    double[] plus = c.clone(), minus = c.clone();
                    plus[k] += h;
                    minus[k] -= h;
                    double fd = (e.withConstants(plus).evaluate(row) - e.withConstants(minus).evaluate(row)) / (2 * h);
                    double tol = 1e-5 * (1 + Math.abs(fd) + Math.abs(f));
                    if (!(Math.abs(fd - jac[r][k]) <= tol)) {
                        fail(e + " row " + r + " constant " + k + ": finite difference " + fd
                                + ", gradient() " + jac[r][k]);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    /** A random tree that is smooth on x0 in [-2, 2], x1 in [0.5, 2] and has moderate values. */
    static Expr smooth(Random r, int depth) {
        if (depth <= 1 || r.nextInt(5) == 0) {
            return r.nextInt(3) == 0 ? Expr.variable(r.nextInt(2)) : Expr.constant(-2 + 4 * r.nextDouble());
        }
        int d = depth - 1;
        return switch (r.nextInt(19)) {
            case 0, 1 -> Expr.of(Op.ADD, smooth(r, d), smooth(r, d));
            case 2, 3 -> Expr.of(Op.SUB, smooth(r, d), smooth(r, d));
            case 4, 5 -> Expr.of(Op.MUL, smooth(r, d), smooth(r, d));
            case 6 -> Expr.of(Op.DIV, smooth(r, d), positive(r, d));
            case 7 -> Expr.of(Op.SIN, smooth(r, d));
            case 8 -> Expr.of(Op.COS, smooth(r, d));
            case 9 -> Expr.of(Op.NEG, smooth(r, d));
            case 10 -> Expr.of(Op.SQUARE, smooth(r, d));
            case 11 -> Expr.of(Op.CUBE, Expr.of(Op.SIN, smooth(r, d)));
            case 12 -> Expr.of(Op.EXP, Expr.of(Op.COS, smooth(r, d)));
            case 13 -> Expr.of(Op.LOG, positive(r, d));
            case 14 -> Expr.of(Op.SQRT, positive(r, d));
            case 15 -> Expr.of(Op.INV, positive(r, d));
            case 16 -> Expr.of(Op.TAN, Expr.of(Op.SIN, smooth(r, d)));
            case 17 -> Expr.of(Op.POW, positive(r, d), r.nextBoolean() ? Expr.of(Op.SIN, smooth(r, d))
                    : r.nextBoolean() ? Expr.variable(1) : Expr.constant(-2 + 4 * r.nextDouble()));
            default -> r.nextBoolean() ? Expr.of(SOFTPLUS, smooth(r, d)) : Expr.of(HYPOT, smooth(r, d), positive(r, d));
        };
    }

    /** square(t) + c with c in [0.5, 1.5]: positive, smooth, and its constant is fitted too. */
    static Expr positive(Random r, int depth) {
        return Expr.of(Op.ADD, Expr.of(Op.SQUARE, smooth(r, depth)), Expr.constant(0.5 + r.nextDouble()));
    }
}
