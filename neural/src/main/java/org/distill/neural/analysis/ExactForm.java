package org.distill.neural.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.algebra.ClosedForms;
import org.distill.symbolic.algebra.Relation;
import org.distill.symbolic.algebra.SymbolicEquality;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;

/**
 * Whether a distilled formula <em>is</em> the true force law, not just close to it: the strict
 * counterpart of {@link FormCheck}'s R². The formula passes when it equals {@code c + Σ_d a_d·F_d}
 * identically, for constants {@code a_d, c} and the true force components {@code F_d} written as
 * expressions in the formula's variables ({@code dx, dy[, dz], r, m1, m2, q1, q2}, as
 * {@link Distillation#variables(int)} names them), in the {@link ForceBasis#FORCE} or the
 * {@link ForceBasis#ACCELERATION} basis, with the distance plain ({@code r}) or softened
 * ({@code r + }{@value PairLaw#SOFTENING}, as the simulator has it).
 *
 * <p>The rule: the formula is tried as it is and with its constants snapped to short closed forms
 * ({@link ClosedForms#snap(double)}: {@code r − 0.9999997} becomes {@code r − 1}). The constants {@code a_d, c} are fitted by least squares on {@value #POINTS} random points of the
 * variables ({@code r = |dx|}, separations with {@code 0.3 ≤ r ≤ 3.5}, masses in [0.5, 2], charges
 * ±[0.5, 1.5]; fixed seed), refined twice on the residual; each is set to 0 when its term is
 * negligible, and snapped to a short closed form ({@link ClosedForms#snap(double)}) when one is near.
 * Then {@link SymbolicEquality#numericRelation} evaluates the formula and the combination at 50 digits
 * on the first {@value SymbolicEquality#MAX_POINTS} points and the formula counts as exact when they
 * are {@link Relation#EQUAL} (relative difference ≤ {@value SymbolicEquality#NUMERIC_TOLERANCE}), with
 * the snapped constants or, failing that, the fitted ones. Not a proof, but far sharper than R²:
 * {@code Δx/r²} against an r⁻² law leaves a relative difference of order 1, not 1e-12.
 *
 * <p>{@link PairLaw#DISC} has no single closed form (it switches on at {@code r' = 2}); it is never
 * exact here.
 *
 * @param exact        whether the formula equals the combination
 * @param basis        the basis in which it does; null when not exact
 * @param softened     whether the matching law is the softened one ({@code r + 0.01}); false when not exact
 * @param intercept    the constant {@code c} of the match; NaN when not exact
 * @param coefficients the constants {@code a_d} of the match (copied in and out); empty when not exact
 */
public record ExactForm(boolean exact, ForceBasis basis, boolean softened, double intercept, double[] coefficients) {
    /** Random points on which the constants are fitted. */
    public static final int POINTS = 48;
    /** Seed of the points. */
    public static final long SEED = 20_201_207L;

    public ExactForm {
        Objects.requireNonNull(coefficients, "coefficients");
        coefficients = coefficients.clone();
        if (exact && basis == null) throw new IllegalArgumentException("an exact match needs a basis");
    }

    private static final ExactForm NOT_EXACT = new ExactForm(false, null, false, Double.NaN, new double[0]);

    /**
     * Checks {@code formula}, written in {@code variables}, against {@code law}.
     *
     * @throws IllegalArgumentException when {@code variables} lacks one of {@code dx, r, m1, m2, q1, q2},
     *                                  or the formula uses a variable beyond the list
     */
    public static ExactForm check(Expr formula, List<String> variables, PairLaw law) {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(law, "law");
        for (String name : List.of("dx", "r", "m1", "m2", "q1", "q2"))
            if (!variables.contains(name))
                throw new IllegalArgumentException("variables must contain " + name + ": " + variables);
        if (formula.maxVariable() >= variables.size())
            throw new IllegalArgumentException("formula uses variable " + formula.maxVariable() + ", variables has "
                    + variables.size() + ": " + variables);
        if (law == PairLaw.DISC) return NOT_EXACT;
        int dim = 0;
        while (dim < 3 && variables.contains("d" + "xyz".charAt(dim))) dim++;
        return check(formula, variables, law, dim, points(variables, dim));
    }

    /**
     * Checks {@code formula} against {@code law} up to a factor of the receiver's own properties
     * ({@link ReceiverGauge}): the formula must be {@code g(m1, q1)·h} with {@code h} (the formula at the gauge's
     * reference receiver, {@code m1 = q1 = 1} unless it vanishes there) equal to {@code c + Σ a_d·F_d} where the
     * receiver's mass and charge are the reference's too. Bases {@code F} and {@code F/m1} differ there by a constant;
     * a match is reported in {@link ForceBasis#FORCE}.
     * {@link #check} passing implies this passes, not the reverse.
     *
     * @throws IllegalArgumentException as {@link #check}
     */
    public static ExactForm checkUpToReceiver(Expr formula, List<String> variables, PairLaw law) {
        ExactForm strict = check(formula, variables, law);
        if (strict.exact() || law == PairLaw.DISC) return strict;
        ReceiverGauge gauge = ReceiverGauge.of(formula, variables);
        if (!gauge.separable()) return NOT_EXACT;
        int dim = 0;
        while (dim < 3 && variables.contains("d" + "xyz".charAt(dim))) dim++;
        double[][] points = points(variables, dim);
        int mass = variables.indexOf("m1"), charge = variables.indexOf("q1");
        for (double[] p : points) {
            p[mass] = gauge.mass();
            p[charge] = gauge.charge();
        }
        return check(gauge.law(), variables, law, dim, points);
    }

    private static ExactForm check(Expr formula, List<String> variables, PairLaw law, int dim, double[][] points) {
        Expr snapped = snapConstants(formula);
        for (Expr candidate : snapped.equals(formula) ? List.of(formula) : List.of(formula, snapped))
            for (ForceBasis basis : ForceBasis.values())
                for (boolean softened : new boolean[] {false, true}) {
                    Expr[] force = new Expr[dim];
                    for (int d = 0; d < dim; d++) force[d] = Parser.parse(component(law, basis, softened, d), variables);
                    ExactForm match = match(candidate, force, points, basis, softened);
                    if (match != null) return match;
                }
        return NOT_EXACT;
    }

    /** {@code formula} with every constant that has a short closed form near it ({@link ClosedForms#snap(double)}) snapped. */
    static Expr snapConstants(Expr formula) {
        double[] c = formula.constants();
        for (int i = 0; i < c.length; i++) c[i] = ClosedForms.snap(c[i]).orElse(c[i]);
        return formula.withConstants(c);
    }

    /**
     * The component {@code d} of the law's force (or acceleration) in the variables' names, e.g.
     * {@code -(m1*m2/((r)*(r)))*dx/r} for {@link PairLaw#R2}: {@code F = −U'(r')·Δx/r}, with
     * {@code Δx = x₁ − x₂} from sender 2 to receiver 1, as {@link EdgeForces}.
     */
    static String component(PairLaw law, ForceBasis basis, boolean softened, int d) {
        String s = softened ? "(r + " + PairLaw.SOFTENING + ")" : "(r)";
        String derivative = switch (law) {
            case R2 -> "m1*m2/(" + s + "*" + s + ")";
            case R1 -> "m1*m2/" + s;
            case SPRING, DAMPED -> "2*(" + s + " - 1)";
            case CHARGE -> "(0 - q1*q2)/(" + s + "*" + s + ")";
            case DISC -> throw new IllegalArgumentException("disc has no single closed form");
        };
        String f = "(0 - " + derivative + ")*d" + "xyz".charAt(d) + "/r";
        return basis == ForceBasis.FORCE ? f : "(" + f + ")/m1";
    }

    /** The match of {@code formula} with {@code c + Σ a_d·force[d]}, or null. */
    private static ExactForm match(Expr formula, Expr[] force, double[][] points, ForceBasis basis, boolean softened) {
        int n = points.length, k = force.length + 1;
        double[][] x = new double[n][k];
        double[] y = new double[n];
        int rows = 0;
        for (double[] p : points) {
            double v = formula.evaluate(p);
            if (!Double.isFinite(v)) continue;
            y[rows] = v;
            for (int d = 0; d < force.length; d++) x[rows][d] = force[d].evaluate(p);
            x[rows][force.length] = 1;
            rows++;
        }
        if (rows < SymbolicEquality.MIN_POINTS + k) return null; // numericRelation would fail on the non-finite points anyway
        x = Arrays.copyOf(x, rows);
        y = Arrays.copyOf(y, rows);
        double[] beta = leastSquares(x, y);
        double yNorm = 0;
        for (double v : y) yNorm += v * v;
        double[] cleaned = beta.clone(), snapped = beta.clone();
        for (int j = 0; j < k; j++) {
            double colNorm = 0;
            for (double[] row : x) colNorm += row[j] * row[j];
            if (Math.abs(beta[j]) * Math.sqrt(colNorm) <= 1e-10 * Math.sqrt(yNorm)) {
                cleaned[j] = 0;
                snapped[j] = 0;
            } else {
                OptionalDouble s = ClosedForms.snap(beta[j]);
                if (s.isPresent()) snapped[j] = s.getAsDouble();
            }
        }
        for (double[] constants : new double[][] {snapped, cleaned}) {
            boolean involvesForce = false;
            for (int d = 0; d < force.length; d++) involvesForce |= constants[d] != 0;
            if (!involvesForce) continue; // a constant is no force law, even though it is a·Fx + b·Fy + c with a = b = 0
            Expr combination = combination(force, constants);
            if (combination == null) continue;
            if (SymbolicEquality.numericRelation(formula, combination, points) == Relation.EQUAL)
                return new ExactForm(true, basis, softened, constants[force.length], Arrays.copyOf(constants, force.length));
        }
        return null;
    }

    /** {@code c + Σ a_d·force[d]} with the zero terms left out; null when every constant is 0. */
    private static Expr combination(Expr[] force, double[] constants) {
        Expr sum = null;
        for (int d = 0; d < force.length; d++) {
            if (constants[d] == 0) continue;
            Expr term = Expr.of(Op.MUL, Expr.constant(constants[d]), force[d]);
            sum = sum == null ? term : Expr.of(Op.ADD, sum, term);
        }
        double c = constants[force.length];
        if (c != 0) sum = sum == null ? Expr.constant(c) : Expr.of(Op.ADD, sum, Expr.constant(c));
        return sum;
    }

    /**
     * Least squares {@code x·β ≈ y} by the normal equations of the column-scaled system, with two
     * steps of iterative refinement on the residual (so the constants are good to about 1e-15
     * relative, well inside the 1e-12 of the numeric check).
     */
    static double[] leastSquares(double[][] x, double[] y) {
        int n = x.length, k = x[0].length;
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) {
            for (double[] row : x) scale[j] += row[j] * row[j];
            scale[j] = scale[j] > 0 ? 1 / Math.sqrt(scale[j]) : 1;
        }
        double[][] a = new double[k][k];
        for (double[] row : x)
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) a[i][j] += row[i] * scale[i] * row[j] * scale[j];
        double[] beta = new double[k], residual = y.clone();
        for (int step = 0; step < 3; step++) {
            double[] b = new double[k];
            for (int e = 0; e < n; e++)
                for (int i = 0; i < k; i++) b[i] += x[e][i] * scale[i] * residual[e];
            double[] delta = solve(a, b);
            for (int i = 0; i < k; i++) beta[i] += delta[i] * scale[i];
            for (int e = 0; e < n; e++) {
                double fit = 0;
                for (int i = 0; i < k; i++) fit += x[e][i] * beta[i];
                residual[e] = y[e] - fit;
            }
        }
        return beta;
    }

    /** Gaussian elimination with partial pivoting; a singular direction gets 0. */
    private static double[] solve(double[][] matrix, double[] rhs) {
        int k = rhs.length;
        double[][] a = new double[k][];
        for (int i = 0; i < k; i++) a[i] = Arrays.copyOf(matrix[i], k + 1);
        for (int i = 0; i < k; i++) a[i][k] = rhs[i];
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
            double[] t = a[c]; a[c] = a[pivot]; a[pivot] = t;
            if (Math.abs(a[c][c]) < 1e-13) continue;
            for (int r = 0; r < k; r++) {
                if (r == c) continue;
                double f = a[r][c] / a[c][c];
                for (int j = c; j <= k; j++) a[r][j] -= f * a[c][j];
            }
        }
        double[] out = new double[k];
        for (int i = 0; i < k; i++) out[i] = Math.abs(a[i][i]) < 1e-13 ? 0 : a[i][k] / a[i][i];
        return out;
    }

    /** {@value #POINTS} random points of {@code variables}: {@code [point][variable]}. */
    static double[][] points(List<String> variables, int dim) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] points = new double[POINTS][variables.size()];
        for (double[] p : points) {
            double[] dx = new double[dim];
            double r;
            do {
                double r2 = 0;
                for (int d = 0; d < dim; d++) {
                    dx[d] = random.nextDouble(-2.5, 2.5);
                    r2 += dx[d] * dx[d];
                }
                r = Math.sqrt(r2);
            } while (r < 0.3 || r > 3.5);
            for (int v = 0; v < variables.size(); v++) {
                String name = variables.get(v);
                p[v] = switch (name) {
                    case "r" -> r;
                    case "m1", "m2" -> random.nextDouble(0.5, 2);
                    case "q1", "q2" -> (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 1.5);
                    default -> name.length() == 2 && name.charAt(0) == 'd' && "xyz".indexOf(name.charAt(1)) >= 0
                            && "xyz".indexOf(name.charAt(1)) < dim ? dx["xyz".indexOf(name.charAt(1))] : random.nextDouble(0.5, 2);
                };
            }
        }
        return points;
    }

    @Override public double[] coefficients() { return coefficients.clone(); }

    @Override public String toString() {
        if (!exact) return "not exactly the true force";
        var s = new StringBuilder("formula = ");
        List<String> terms = new ArrayList<>();
        for (int d = 0; d < coefficients.length; d++)
            if (coefficients[d] != 0)
                terms.add(String.format(Locale.ROOT, "%.6g·%s%s", coefficients[d], basis.symbol(), "xyz".charAt(d)));
        if (intercept != 0) terms.add(String.format(Locale.ROOT, "%.6g", intercept));
        s.append(terms.isEmpty() ? "0" : String.join(" + ", terms));
        return s.append(softened ? " (softened r + " + PairLaw.SOFTENING + ")" : "").toString();
    }
}
