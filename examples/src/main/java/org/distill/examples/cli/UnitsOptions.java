package org.distill.examples.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.PiGroups;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Printer;
import org.distill.symbolic.units.Units;
import picocli.CommandLine.Option;

/**
 * {@code discover}'s units options, as a picocli mixin: {@code --units}, {@code --units-mode},
 * {@code --dimensionless-constants}, {@code --buckingham}. Every feature column needs a unit when
 * {@code --units} is given (1 for dimensionless); the target's may be left out (its dimension is then
 * not checked, and {@code --buckingham} refuses).
 */
final class UnitsOptions {
    @Option(names = "--units", split = ",", paramLabel = "COL=UNIT",
            description = "Units of the columns, comma-separated, e.g. 'L=m,g=m/s^2,m=kg,T=s': SI base units m s kg K A, "
                    + "derived N J W Pa C V Hz Ohm F H T, 1 for dimensionless; * / ^ and parentheses. Every feature "
                    + "needs one; the target's is optional. The search penalises (or forbids) adding quantities of "
                    + "different dimensions, functions of dimensional arguments and a result of the wrong dimension.")
    List<String> units;

    @Option(names = "--units-mode", paramLabel = "penalty|forbid",
            description = "With --units: penalty (default) adds 0.1 x the target's variance to the loss per violation; "
                    + "forbid also keeps every violating equation out of the front.")
    String mode;

    @Option(names = "--dimensionless-constants",
            description = "With --units: constants are pure numbers (default: a constant takes whatever unit fits).")
    boolean dimensionlessConstants;

    @Option(names = "--buckingham",
            description = "With --units (target included): search the dimensionless target group as a function of the "
                    + "inputs' dimensionless groups (Buckingham-Pi), and write the result in the original columns.")
    boolean buckingham;

    private PiGroups pi;

    /** Checks the options that need --units, before any work. */
    void check() {
        if (units != null) return;
        if (mode != null) throw Failure.usage("--units-mode needs --units");
        if (dimensionlessConstants) throw Failure.usage("--dimensionless-constants needs --units");
        if (buckingham) throw Failure.usage("--buckingham needs --units");
    }

    /** The data with the units of --units (unchanged without). */
    Dataset apply(Dataset data) {
        check();
        if (units == null) return data;
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : units) {
            int eq = entry.indexOf('=');
            if (eq <= 0) throw Failure.usage("--units: '" + entry + "' is not COL=UNIT");
            String name = entry.substring(0, eq).strip();
            if (map.put(name, entry.substring(eq + 1).strip()) != null) {
                throw Failure.usage("--units: column '" + name + "' is given twice");
            }
        }
        try {
            return data.withUnits(map);
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--units: " + e.getMessage());
        }
    }

    /** Sets the builder's units setting. */
    void configure(SymbolicRegressor.Builder builder) {
        if (units == null) return;
        Units u = Units.DEFAULT;
        if (mode != null) {
            try {
                u = u.withMode(Units.Mode.named(mode));
            } catch (IllegalArgumentException e) {
                throw Failure.usage("--units-mode: " + e.getMessage());
            }
        }
        builder.units(u.withDimensionlessConstants(dimensionlessConstants));
    }

    /**
     * With --buckingham, the data set of the dimensionless groups (printed to {@code out}), or null
     * when there is no group (then {@link #printClosedLaw} says the law); the data unchanged otherwise.
     */
    Dataset searchData(Dataset data, PrintWriter out) {
        if (!buckingham) return data;
        try {
            pi = PiGroups.of(data);
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--buckingham: " + e.getMessage());
        }
        out.print("Dimensionless groups (Buckingham-Pi):\n" + pi.describe(data.target()).indent(2));
        out.flush();
        return pi.reduced();
    }

    /** With --buckingham and no group: prints the law, fixed up to its constant. */
    void printClosedLaw(Dataset data, PrintWriter out) {
        out.println("No dimensionless group of the inputs: Pi_" + data.target() + " is a constant, "
                + Printer.formatPlain(pi.constant()) + " on average.");
        out.println("  " + data.target() + " = " + Printer.plain(pi.law(), data.variables()));
        out.flush();
    }

    /** With --buckingham: the chosen equation in the original columns. */
    void printLaw(Equation chosen, Dataset data, PrintWriter out) {
        if (pi == null || chosen == null) return;
        out.println("In the original columns:");
        out.println("  " + data.target() + " = " + Printer.plain(pi.expand(chosen.expression()), data.variables()));
        out.flush();
    }
}
