package org.distill.symbolic.units;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.distill.symbolic.expr.Expr;

/**
 * How the search treats the units of a data set ({@code Dataset.withUnits}): the setting
 * {@code SymbolicRegressor.builder().units(...)}. The data set says what each column's unit is (the
 * problem); this says what the search does with them (the solver).
 *
 * <ul>
 *   <li>{@link Mode#PENALTY} (the default): a candidate's loss grows by
 *       {@code weight · violations · L0}, where {@code L0} is the loss of the best constant (the
 *       target's variance for the squared error) and {@code violations} is
 *       {@link DimensionCheck#violations}: inconsistent candidates can still serve as stepping
 *       stones, but lose to consistent ones that fit nearly as well;</li>
 *   <li>{@link Mode#FORBID}: the same penalty guides selection, but an inconsistent candidate never
 *       enters the hall of fame, so no equation of the front breaks a rule (an infinite loss instead
 *       left the search nothing to select from: with dimensionless constants nearly every random
 *       tree breaks a rule, and on the pendulum only the best constant was ever found);</li>
 *   <li>{@link Mode#OFF}: units are ignored.</li>
 * </ul>
 * Constants are free (take whatever dimension fits, as the {@code G} of Newton's law) or, with
 * {@code dimensionlessConstants}, pure numbers (then {@code G} must be a column).
 *
 * @param mode                   what to do with a violation
 * @param dimensionlessConstants constants are pure numbers (true) or free (false)
 * @param weight                 penalty per violation, relative to {@code L0}, in (0, 1000]
 * @param columns                the feature columns' dimensions, in column order; empty until a
 *                               search binds the data set's units (then analysis is off)
 * @param target                 the target's dimension, or null (not checked)
 */
public record Units(Mode mode, boolean dimensionlessConstants, double weight, List<Dimension> columns, Dimension target)
        implements java.io.Serializable { // sent to cluster workers with the settings (search.IslandContext)
    /** What the search does with a dimensionally inconsistent candidate. */
    public enum Mode { OFF, PENALTY, FORBID;
        /** {@code off}, {@code penalty} or {@code forbid} (any case). */
        public static Mode named(String name) {
            for (Mode m : values()) if (m.name().equalsIgnoreCase(name.strip())) return m;
            throw new IllegalArgumentException("unknown units mode '" + name + "': expected penalty, forbid or off");
        }
    }

    /** The default penalty per violation. */
    public static final double DEFAULT_WEIGHT = 0.1;

    /** The default: penalty 0.1 per violation, free constants. */
    public static final Units DEFAULT = new Units(Mode.PENALTY, false, DEFAULT_WEIGHT, List.of(), null);

    public Units {
        Objects.requireNonNull(mode, "mode");
        if (!(weight > 0 && weight <= 1000)) throw new IllegalArgumentException("units penalty weight must be in (0, 1000]: " + weight);
        columns = List.copyOf(columns);
    }

    /** Penalty mode with this weight per violation. */
    public static Units penalty(double weight) { return new Units(Mode.PENALTY, false, weight, List.of(), null); }

    /** Forbid mode. */
    public static Units forbid() { return new Units(Mode.FORBID, false, DEFAULT_WEIGHT, List.of(), null); }

    /** Units ignored. */
    public static Units off() { return new Units(Mode.OFF, false, DEFAULT_WEIGHT, List.of(), null); }

    public Units withMode(Mode v) { return new Units(v, dimensionlessConstants, weight, columns, target); }
    public Units withDimensionlessConstants(boolean v) { return new Units(mode, v, weight, columns, target); }
    public Units withWeight(double v) { return new Units(mode, dimensionlessConstants, v, columns, target); }

    /** These rules for a data set whose columns and target have these dimensions (target may be null). */
    public Units bind(List<Dimension> columns, Dimension target) {
        return new Units(mode, dimensionlessConstants, weight, columns, target);
    }

    /** Whether the search checks units: a mode other than off, and units bound. */
    public boolean active() { return mode != Mode.OFF && !columns.isEmpty(); }

    /** The analysis these rules apply. */
    public DimensionCheck check() {
        return DimensionCheck.of(columns, target, dimensionlessConstants);
    }

    /**
     * The loss adjustment a search applies to every candidate; {@link DimensionPenalty#NONE} when
     * not {@link #active()}. {@code scaled}: the search scores candidates after linear scaling.
     */
    public DimensionPenalty penalty(boolean scaled) {
        if (!active()) return DimensionPenalty.NONE;
        DimensionCheck check = check();
        boolean forbid = mode == Mode.FORBID;
        double w = weight;
        return new DimensionPenalty() {
            @Override public double apply(Expr e, double loss, double baseline) {
                if (!(loss < Double.POSITIVE_INFINITY)) return loss;
                int v = check.violations(e, scaled);
                return v == 0 ? loss : loss + w * v * baseline;
            }

            @Override public boolean admits(Expr e) {
                return !forbid || check.violations(e, scaled) == 0;
            }
        };
    }

    /** A loss adjustment for dimensional violations. */
    @FunctionalInterface
    public interface DimensionPenalty {
        /** No adjustment. */
        DimensionPenalty NONE = (e, loss, baseline) -> loss;

        /** Whether {@code e} may enter the hall of fame (and so the front): in forbid mode, only when consistent. */
        default boolean admits(Expr e) { return true; }

        /**
         * The adjusted loss of {@code e}.
         *
         * @param baseline the loss of the best constant on the same rows (the penalty's scale)
         */
        double apply(Expr e, double loss, double baseline);
    }

    /** {@code penalty 0.1, free constants}; {@code forbid, dimensionless constants}; {@code off}. */
    @Override public String toString() {
        if (mode == Mode.OFF) return "off";
        String m = mode == Mode.FORBID ? "forbid" : "penalty " + String.format(Locale.ROOT, "%s", weight);
        return m + ", " + (dimensionlessConstants ? "dimensionless" : "free") + " constants";
    }
}
