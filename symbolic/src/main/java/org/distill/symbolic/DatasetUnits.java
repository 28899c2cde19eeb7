package org.distill.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.distill.symbolic.units.Dimension;

/**
 * The units of a {@link Dataset}, by column index (so that renaming columns keeps them).
 *
 * @param columns one dimension per feature column
 * @param target  the target's dimension, or null when not given
 */
record DatasetUnits(List<Dimension> columns, Dimension target) {
    DatasetUnits {
        columns = List.copyOf(columns);
    }

    static DatasetUnits of(Map<String, String> byName, List<String> variables, String target) {
        Objects.requireNonNull(byName, "units");
        Dimension[] dims = new Dimension[variables.size()];
        Dimension t = null;
        for (Map.Entry<String, String> e : byName.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "column name");
            String unit = Objects.requireNonNull(e.getValue(), "unit of '" + name + "'");
            Dimension d;
            try {
                d = Dimension.parse(unit);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("unit of '" + name + "': " + ex.getMessage(), ex);
            }
            int i = variables.indexOf(name);
            if (i >= 0) {
                dims[i] = d;
            } else if (name.equals(target)) {
                t = d;
            } else {
                throw new IllegalArgumentException("units given for '" + name + "', which is neither a feature column "
                        + variables + " nor the target '" + target + "'");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) if (dims[i] == null) missing.add(variables.get(i));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no unit for column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + ": every feature column needs one (1 for dimensionless)");
        }
        return new DatasetUnits(List.of(dims), t);
    }
}
