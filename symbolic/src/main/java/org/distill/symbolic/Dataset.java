package org.distill.symbolic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.distill.symbolic.eval.Columns;

/**
 * A table to learn from: feature columns, a target, optional sample weights, and names. Immutable;
 * arrays are copied in and out. Every value must be finite.
 *
 * <pre>{@code
 * var data = Dataset.of(x, y).withVariables("m1", "m2", "r").withTarget("F");
 * }</pre>
 */
public final class Dataset {
    private final double[][] columns; // [feature][row]
    private final double[] y;
    private final double[] weights;   // null: uniform
    private final List<String> variables;
    private final String target;
    private final DatasetUnits units; // null: none given

    private Dataset(double[][] columns, double[] y, double[] weights, List<String> variables, String target) {
        this(columns, y, weights, variables, target, null);
    }

    private Dataset(double[][] columns, double[] y, double[] weights, List<String> variables, String target,
                    DatasetUnits units) {
        this.columns = columns;
        this.y = y;
        this.weights = weights;
        this.variables = variables;
        this.target = target;
        this.units = units;
    }

    /**
     * A data set from row-major features {@code x[row][feature]} and target {@code y[row]};
     * variables are named {@code x0, x1, ...} and the target {@code y}.
     */
    public static Dataset of(double[][] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " rows, y has " + y.length);
        }
        if (x.length < 2) throw new IllegalArgumentException("need at least 2 rows, got " + x.length);
        int p = x[0].length;
        if (p < 1) throw new IllegalArgumentException("need at least 1 feature column, got 0");
        double[][] cols = new double[p][x.length];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != p) {
                throw new IllegalArgumentException("x row " + r + " has " + x[r].length + " values, expected " + p);
            }
            for (int j = 0; j < p; j++) cols[j][r] = x[r][j];
        }
        return ofColumns(cols, y);
    }

    /** A data set from column-major features {@code columns[feature][row]}. */
    public static Dataset ofColumns(double[][] columns, double[] y) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(y, "y");
        if (columns.length < 1) throw new IllegalArgumentException("need at least 1 feature column, got 0");
        if (y.length < 2) throw new IllegalArgumentException("need at least 2 rows, got " + y.length);
        double[][] cols = new double[columns.length][];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != y.length) {
                throw new IllegalArgumentException("column x" + j + " has " + columns[j].length + " rows, y has " + y.length);
            }
            cols[j] = columns[j].clone();
            names.add("x" + j);
            checkFinite(cols[j], "x" + j);
        }
        double[] yc = y.clone();
        checkFinite(yc, "y");
        return new Dataset(cols, yc, null, List.copyOf(names), "y");
    }

    private static void checkFinite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + " row " + i + ": value must be finite: " + v[i]);
            }
        }
    }

    /** A copy with the feature columns named (as many names as columns, unique, identifiers). */
    public Dataset withVariables(String... names) {
        return withVariables(List.of(names));
    }

    public Dataset withVariables(List<String> names) {
        if (names.size() != columns.length) {
            throw new IllegalArgumentException("got " + names.size() + " variable names for " + columns.length + " columns");
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            checkName(n);
            if (!seen.add(n)) throw new IllegalArgumentException("duplicate variable name: '" + n + "'");
        }
        return new Dataset(columns, y, weights, List.copyOf(names), target, units);
    }

    /** A copy with the target named. */
    public Dataset withTarget(String name) {
        checkName(name);
        return new Dataset(columns, y, weights, variables, name, units);
    }

    /** A copy with per-row sample weights (finite, >= 0, not all zero). */
    public Dataset withWeights(double[] w) {
        if (w.length != y.length) {
            throw new IllegalArgumentException("weights have " + w.length + " rows, y has " + y.length);
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("weight row " + i + " must be finite and >= 0: " + w[i]);
            }
            sum += w[i];
        }
        if (sum == 0) throw new IllegalArgumentException("weights must not all be zero");
        return new Dataset(columns, y, w.clone(), variables, target, units);
    }

    /**
     * A copy with units: {@code column name -> unit expression} ({@code "kg*m^2/s^2"}, {@code "1"}
     * for dimensionless; see {@link org.distill.symbolic.units.UnitParser}). Every feature column
     * needs one; the target may be left out (its dimension is then not checked). Units stay with
     * their columns when these are renamed. The search uses them as its
     * {@link SymbolicRegressor.Builder#units units setting} says.
     *
     * @throws IllegalArgumentException naming a name that is neither a feature nor the target, a
     *     feature without a unit, or a malformed unit
     */
    public Dataset withUnits(java.util.Map<String, String> unitsByName) {
        return new Dataset(columns, y, weights, variables, target, DatasetUnits.of(unitsByName, variables, target));
    }

    /** Whether units were given ({@link #withUnits}). */
    public boolean hasUnits() { return units != null; }

    /** The feature columns' dimensions in column order; empty without units. */
    public List<org.distill.symbolic.units.Dimension> columnDimensions() {
        return units == null ? List.of() : units.columns();
    }

    /** The target's dimension, or null (no units, or none given for the target). */
    public org.distill.symbolic.units.Dimension targetDimension() {
        return units == null ? null : units.target();
    }

    private static void checkName(String n) {
        if (n == null || !n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("name must be an identifier (letters, digits, _): '" + n + "'");
        }
    }

    public int rows() { return y.length; }
    public int features() { return columns.length; }
    public List<String> variables() { return variables; }
    public String target() { return target; }
    public boolean hasWeights() { return weights != null; }

    /** A copy of feature column {@code j}. */
    public double[] column(int j) { return columns[j].clone(); }

    /** A copy of the target. */
    public double[] y() { return y.clone(); }

    /** A copy of the weights, or null when uniform. */
    public double[] weights() { return weights == null ? null : weights.clone(); }

    /** Index of the named variable. */
    public int indexOf(String variable) {
        int i = variables.indexOf(variable);
        if (i < 0) throw new IllegalArgumentException("unknown variable '" + variable + "': expected one of " + variables);
        return i;
    }

    /** The data as the evaluator reads it: copies of the feature columns, the target and the weights. */
    public Columns columns() {
        double[][] xs = new double[columns.length][];
        for (int j = 0; j < columns.length; j++) xs[j] = columns[j].clone();
        return new Columns(xs, y.clone(), weights == null ? null : weights.clone(), y.length);
    }

    /** The data as the evaluator reads it, sharing this data set's arrays: for the search only, never modified. */
    Columns view() {
        return new Columns(columns, y, weights, y.length);
    }

    @Override public String toString() {
        return "Dataset[" + rows() + " rows, variables " + variables + ", target " + target
                + (weights != null ? ", weighted" : "") + "]";
    }
}
