package org.distill.examples.halos;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Printer;

/**
 * A formula for a halo's (standardised) overdensity from the halo and its neighbours, with free
 * constants: the baselines of the paper and the composition of two distilled formulas.
 */
public interface HaloFormula {
    /** Short name. */
    String name();

    /** Constants a fit starts from (several starts allowed; the best fit wins). */
    List<double[]> starts();

    /** The predictions for every halo of {@code t} with constants {@code p}. */
    double[] predict(HaloTable t, double[] p);

    /** The formula with constants {@code p}, plain text. */
    String text(double[] p);

    /** The formula with constants {@code p}, LaTeX. */
    String latex(double[] p);

    /** δ̂ = C1. */
    static HaloFormula constant() {
        return new HaloFormula() {
            public String name() { return "constant"; }
            public List<double[]> starts() { return List.of(new double[] {0}); }
            public double[] predict(HaloTable t, double[] p) {
                double[] out = new double[t.size()];
                java.util.Arrays.fill(out, p[0]);
                return out;
            }
            public String text(double[] p) { return "delta = " + num(p[0]); }
            public String latex(double[] p) { return "\\hat\\delta = " + num(p[0]); }
        };
    }

    /** The hand-made formula δ̂ = C1 + (C2 + M_i·C3)·e_i, e_i = Σ_{|r_ij| < radius} M_j. */
    static HaloFormula handMade(double radius) {
        return new HaloFormula() {
            public String name() { return "hand-made"; }
            public List<double[]> starts() { return List.of(new double[] {0, 0.01, 0}); }
            public double[] predict(HaloTable t, double[] p) {
                double[] out = new double[t.size()];
                for (int h = 0; h < t.size(); h++) {
                    double e = 0;
                    for (int k = t.offsets()[h]; k < t.offsets()[h + 1]; k++) if (t.r()[k] < radius) e += t.mj()[k];
                    out[h] = p[0] + (p[1] + t.mi()[h] * p[2]) * e;
                }
                return out;
            }
            public String text(double[] p) {
                return String.format(Locale.ROOT, "delta = %s + (%s + %s*Mi)*e, e = sum_{r < %s} Mj", num(p[0]), num(p[1]), num(p[2]), num(radius));
            }
            public String latex(double[] p) {
                return String.format(Locale.ROOT, "\\hat\\delta = %s + (%s + %s M_i) e_i,\\quad e_i = \\sum_{|r_i - r_j| < %s} M_j",
                        num(p[0]), num(p[1]), num(p[2]), num(radius));
            }
        };
    }

    /** The paper's distilled form δ̂ = C1 + e_i/(C2 + C3·M_i), e_i = Σ_j (C4 + M_j)/(C5 + |C6·r_ij|^C7). */
    static HaloFormula paperForm() {
        return new HaloFormula() {
            public String name() { return "paper form"; }
            public List<double[]> starts() {
                return List.of(new double[] {0, 100, 1, 1, 1, 0.1, 2}, new double[] {0, 100, 1, 1, 1, 0.05, 4},
                        new double[] {0, 10, 0.1, 0.4, 7, 0.2, 3});
            }
            public double[] predict(HaloTable t, double[] p) {
                double[] out = new double[t.size()];
                for (int h = 0; h < t.size(); h++) {
                    double e = 0;
                    for (int k = t.offsets()[h]; k < t.offsets()[h + 1]; k++)
                        e += (p[3] + t.mj()[k]) / (p[4] + Math.pow(Math.abs(p[5] * t.r()[k]), p[6]));
                    out[h] = p[0] + e / (p[1] + p[2] * t.mi()[h]);
                }
                return out;
            }
            public String text(double[] p) {
                return String.format(Locale.ROOT, "delta = %s + e/(%s + %s*Mi), e = sum_j (%s + Mj)/(%s + (%s*r)^%s)",
                        num(p[0]), num(p[1]), num(p[2]), num(p[3]), num(p[4]), num(p[5]), num(p[6]));
            }
            public String latex(double[] p) {
                return String.format(Locale.ROOT, "\\hat\\delta = %s + \\frac{e_i}{%s + %s M_i},\\quad e_i = \\sum_j \\frac{%s + M_j}{%s + (%s |r_i - r_j|)^{%s}}",
                        num(p[0]), num(p[1]), num(p[2]), num(p[3]), num(p[4]), num(p[5]), num(p[6]));
            }
        };
    }

    /** Variables of the message formula, in column order. */
    List<String> MESSAGE_VARIABLES = List.of("r", "Mi", "Mj", "dv");
    /** Variables of the node formula, in column order. */
    List<String> NODE_VARIABLES = List.of("Mi", "e");

    /**
     * The composition δ̂ = ψ(M_i, e_i), e_i = Σ_{|r_ij| < radius} φ(|r_ij|, M_i, M_j, |v_i − v_j|) of a message
     * formula φ over {@link #MESSAGE_VARIABLES} and a node formula ψ over {@link #NODE_VARIABLES}; its constants
     * are φ's then ψ's, starting from their values in the two expressions.
     */
    static HaloFormula composed(Expr message, Expr node, double radius) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(node, "node");
        double[] start = new double[message.constantCount() + node.constantCount()];
        System.arraycopy(message.constants(), 0, start, 0, message.constantCount());
        System.arraycopy(node.constants(), 0, start, message.constantCount(), node.constantCount());
        return composed(message, node, radius, start);
    }

    /** {@link #composed(Expr, Expr, double)} starting from the constants {@code start} (φ's, then ψ's). */
    static HaloFormula composed(Expr message, Expr node, double radius, double[] start) {
        int a = message.constantCount();
        if (start.length != a + node.constantCount()) {
            throw new IllegalArgumentException("the composition has " + (a + node.constantCount()) + " constants, start has " + start.length);
        }
        return new HaloFormula() {
            public String name() { return "distilled"; }
            public List<double[]> starts() { return List.<double[]>of(start.clone()); }
            public double[] predict(HaloTable t, double[] p) {
                Expr phi = message.withConstants(java.util.Arrays.copyOfRange(p, 0, a));
                Expr psi = node.withConstants(java.util.Arrays.copyOfRange(p, a, p.length));
                var ev = new Evaluator();
                double[] m = ev.predict(Program.compile(phi),
                        new Columns(new double[][] {t.r(), t.edgeMi(), t.mj(), t.dv()}, null, null, t.edges()));
                double[] e = t.sum(m);
                return ev.predict(Program.compile(psi), new Columns(new double[][] {t.mi(), e}, null, null, t.size()));
            }
            public String text(double[] p) {
                Expr phi = message.withConstants(rounded(java.util.Arrays.copyOfRange(p, 0, a)));
                Expr psi = node.withConstants(rounded(java.util.Arrays.copyOfRange(p, a, p.length)));
                return "delta = " + Printer.plain(psi, NODE_VARIABLES) + ", e = sum_{r < " + num(radius) + "} "
                        + Printer.plain(phi, MESSAGE_VARIABLES);
            }
            public String latex(double[] p) {
                Expr phi = message.withConstants(rounded(java.util.Arrays.copyOfRange(p, 0, a)));
                Expr psi = node.withConstants(rounded(java.util.Arrays.copyOfRange(p, a, p.length)));
                return "\\hat\\delta = " + Printer.latex(psi, List.of("M_i", "e_i")) + ",\\quad e_i = \\sum_{|r_i - r_j| < "
                        + num(radius) + "} " + Printer.latex(phi, List.of("r_ij", "M_i", "M_j", "v_ij"));
            }
        };
    }

    /** Constants rounded to 4 significant digits, for printing. */
    static double[] rounded(double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) out[i] = Double.isFinite(p[i]) && p[i] != 0
                ? new java.math.BigDecimal(p[i]).round(new java.math.MathContext(4)).doubleValue() : p[i];
        return out;
    }

    /** A constant as the formulas print it: 4 significant digits. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
