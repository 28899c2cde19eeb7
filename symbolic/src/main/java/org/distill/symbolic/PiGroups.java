package org.distill.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.units.Buckingham;

/**
 * A data set with units reduced to its Buckingham-Π groups: search the dimensionless target group
 * as a function of the dimensionless groups of the inputs ({@link #reduced()}), then map the
 * result back to the original variables with {@link #expand}.
 *
 * <pre>{@code
 * PiGroups pi = PiGroups.of(data);                      // data.withUnits(...) with the target's unit
 * Expr law = pi.isClosed() ? pi.law()                    // no group: the law is fixed up to a constant
 *         : pi.expand(regressor.fit(pi.reduced()).best().expression());
 * }</pre>
 *
 * @param buckingham the groups
 * @param reduced    the groups as a data set (variables {@code Pi1..Pik}, target {@code Pi_<target>}),
 *                   or null when there is no group
 * @param constant   the mean of the target's group (the whole law when there is no group)
 */
public record PiGroups(Buckingham buckingham, Dataset reduced, double constant) {
    public PiGroups {
        Objects.requireNonNull(buckingham, "buckingham");
    }

    /**
     * The reduction of {@code data}, which needs units for every column and the target.
     *
     * @throws IllegalArgumentException without units or without the target's unit, when the target's
     *     dimension cannot be made from the inputs', or when a group is not finite on some row (a
     *     fractional power of a negative value)
     */
    public static PiGroups of(Dataset data) {
        if (!data.hasUnits() || data.targetDimension() == null) {
            throw new IllegalArgumentException("Buckingham-Π reduction needs units for every column and for the target '"
                    + data.target() + "'");
        }
        Buckingham b = Buckingham.of(data.variables(), data.columnDimensions(), data.targetDimension());
        int n = data.rows(), p = data.features(), k = b.size();
        double[][] cols = new double[p][];
        for (int j = 0; j < p; j++) cols[j] = data.column(j);
        double[] y = data.y();
        double[][] groups = new double[k][n];
        double[] ty = new double[n];
        double[] row = new double[p];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) row[j] = cols[j][i];
            for (int g = 0; g < k; g++) groups[g][i] = check(b.group(g, row), b.describe(g), i);
            ty[i] = check(b.targetGroup(y[i], row), b.describeTarget(data.target()), i);
            sum += ty[i];
        }
        Dataset reduced = null;
        if (k > 0) {
            List<String> names = new ArrayList<>();
            Map<String, String> units = new LinkedHashMap<>();
            for (int g = 0; g < k; g++) {
                names.add("Pi" + (g + 1));
                units.put("Pi" + (g + 1), "1");
            }
            String target = "Pi_" + data.target();
            units.put(target, "1");
            reduced = Dataset.ofColumns(groups, ty).withVariables(names).withTarget(target).withUnits(units);
            if (data.hasWeights()) reduced = reduced.withWeights(data.weights());
        }
        return new PiGroups(b, reduced, sum / n);
    }

    private static double check(double v, String group, int row) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("the dimensionless group " + group + " is not finite on row " + row
                    + " (a fractional power of a negative value, or a zero in a denominator): " + v);
        }
        return v;
    }

    /** Whether there is no group: the law is then {@link #law()}, fixed up to its constant. */
    public boolean isClosed() { return reduced == null; }

    /** The law when there is no group: {@code constant · ∏ x_j^(−a_j)}. */
    public Expr law() { return buckingham.expand(Expr.constant(constant)); }

    /** An expression over the groups ({@code Pi1} is variable 0) in the original variables. */
    public Expr expand(Expr f) { return buckingham.expand(f); }

    /** The groups as text, one per line: {@code Pi1 = theta}, {@code Pi_R = R*g/v^2}. */
    public String describe(String target) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < buckingham.size(); g++) sb.append("Pi").append(g + 1).append(" = ").append(buckingham.describe(g)).append('\n');
        sb.append("Pi_").append(target).append(" = ").append(buckingham.describeTarget(target)).append('\n');
        return sb.toString();
    }
}
