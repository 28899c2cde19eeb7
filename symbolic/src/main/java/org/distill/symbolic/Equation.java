package org.distill.symbolic;

import java.util.List;
import java.util.Objects;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Printer;

/**
 * One equation of a Pareto front: the expression, the names of its variables, its complexity,
 * its loss on the full data, and its score (−Δ log loss / Δ complexity against the next simpler
 * equation on the front; 0 for the simplest).
 *
 * @param expression the expression tree over variables {@code 0..variables.size()-1}
 * @param variables  names of the variables, in column order
 * @param loss       loss on all rows: the weighted mean {@code Σ w·loss / Σ w} when the data set has weights
 *                   or the search a {@link SymbolicRegressor.Builder#weighting weighting} (1/y² for a relative error)
 * @param score      the front score
 * @param validationLoss  the loss on rows its constants were not fitted on (k-fold cross-validation
 *                   up to 1 000 rows, a held-out fifth above; see {@link Selection#BEST}), NaN when
 *                   not measured (the raw fronts of progress reports)
 * @param validationError the standard error of {@code validationLoss} as a mean over the held-out rows
 *                   (NaN when not measured)
 */
public record Equation(Expr expression, List<String> variables, double loss, double score,
                       double validationLoss, double validationError) {
    public Equation {
        Objects.requireNonNull(expression, "expression");
        variables = List.copyOf(variables);
        if (expression.maxVariable() >= variables.size()) {
            throw new IllegalArgumentException("expression uses variable " + expression.maxVariable()
                    + " but only " + variables.size() + " are named");
        }
        if (Double.isNaN(loss) || loss < 0) throw new IllegalArgumentException("loss must be >= 0: " + loss);
        if (validationLoss < 0) throw new IllegalArgumentException("validationLoss must be >= 0 or NaN: " + validationLoss);
        if (validationError < 0) throw new IllegalArgumentException("validationError must be >= 0 or NaN: " + validationError);
    }

    /** An equation without a validation loss (NaN). */
    public Equation(Expr expression, List<String> variables, double loss, double score) {
        this(expression, variables, loss, score, Double.NaN, Double.NaN);
    }

    /** Whether the validation loss was measured. */
    public boolean validated() { return !Double.isNaN(validationLoss); }

    /** The complexity of the expression (sum of operator complexities, leaves count 1). */
    public int complexity() { return expression.complexity(); }

    /** A copy with another score. */
    public Equation withScore(double s) { return new Equation(expression, variables, loss, s, validationLoss, validationError); }

    /** Predictions for row-major inputs {@code x[row][variable]}. */
    public double[] predict(double[][] x) {
        if (x.length == 0) return new double[0];
        double[][] cols = new double[variables.size()][x.length];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != variables.size()) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " values, expected "
                        + variables.size() + " " + variables);
            }
            for (int j = 0; j < x[r].length; j++) cols[j][r] = x[r][j];
        }
        return new Evaluator().predict(Program.compile(expression), new Columns(cols, null, null, x.length));
    }

    /** Predictions on a data set whose feature columns are in this equation's variable order. */
    public double[] predict(Dataset data) {
        if (data.features() != variables.size()) {
            throw new IllegalArgumentException("data has " + data.features() + " features, equation has "
                    + variables.size() + " " + variables);
        }
        return new Evaluator().predict(Program.compile(expression), data.view());
    }

    /** Plain infix with the variable names, e.g. {@code 0.2*a*sqrt(a)}. */
    @Override public String toString() { return Printer.plain(expression, variables); }

    public String latex() { return Printer.latex(expression, variables); }

    public String sympy() { return Printer.sympy(expression, variables); }

    /** A Java expression using {@code Math} and the variable names. */
    public String java() { return Printer.java(expression, variables); }
}
