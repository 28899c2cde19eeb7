package org.distill.symbolic.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * An immutable expression tree: a constant, a variable (by column index) or an operator applied to
 * sub-expressions. Nodes are addressed in pre-order ({@code node(0)} is the root). Size, depth,
 * complexity and the hash are computed once at construction.
 */
public final class Expr {
    private static final Expr[] NO_ARGS = new Expr[0];

    private final Op op;          // null for leaves
    private final Expr[] args;
    private final double value;   // constant value
    private final int variable;   // variable index, -1 for constants and operators
    private final int size;
    private final int depth;
    private final int complexity;
    private final int hash;

    private Expr(Op op, Expr[] args, double value, int variable) {
        this.op = op;
        this.args = args;
        this.value = value;
        this.variable = variable;
        int s = 1, d = 0, c = op == null ? 1 : op.complexity();
        int h = op == null ? (variable >= 0 ? 31 * variable + 7 : Double.hashCode(value)) : op.hashCode();
        for (Expr a : args) {
            s += a.size;
            d = Math.max(d, a.depth);
            c += a.complexity;
            h = 31 * h + a.hash;
        }
        this.size = s;
        this.depth = d + 1;
        this.complexity = c;
        this.hash = h;
    }

    /** A constant leaf. */
    public static Expr constant(double value) {
        return new Expr(null, NO_ARGS, value, -1);
    }

    /** A variable leaf referring to column {@code index} of the data. */
    public static Expr variable(int index) {
        if (index < 0) throw new IllegalArgumentException("variable index must be >= 0: " + index);
        return new Expr(null, NO_ARGS, 0, index);
    }

    /** An operator applied to its arguments. */
    public static Expr of(Op op, Expr... args) {
        Objects.requireNonNull(op, "op");
        if (args.length != op.arity()) {
            throw new IllegalArgumentException(op.name() + " takes " + op.arity() + " arguments, got " + args.length);
        }
        for (Expr a : args) Objects.requireNonNull(a, "argument");
        return new Expr(op, args.clone(), 0, -1);
    }

    public boolean isConstant() { return op == null && variable < 0; }
    public boolean isVariable() { return variable >= 0; }
    public boolean isLeaf() { return op == null; }
    /** The operator, or {@code null} for a leaf. */
    public Op op() { return op; }
    public int arity() { return args.length; }
    public Expr arg(int i) { return args[i]; }
    /** The constant's value (0 for other nodes). */
    public double value() { return value; }
    /** The variable's column index, or -1. */
    public int variable() { return variable; }
    /** Number of nodes. */
    public int size() { return size; }
    /** Longest root-to-leaf path, counted in nodes (a leaf has depth 1). */
    public int depth() { return depth; }
    /** Sum of node complexities: operators by their complexity, leaves 1 each. */
    public int complexity() { return complexity; }

    /** True if the tree has no variable (it is a constant sub-expression). */
    public boolean isConstantTree() {
        if (variable >= 0) return false;
        for (Expr a : args) if (!a.isConstantTree()) return false;
        return true;
    }

    /**
     * A copy with every constant sub-expression ({@link #isConstantTree}) replaced by its value, where that is finite,
     * and the identities {@code x·1, 1·x, x/1, x + 0, 0 + x, x − 0} reduced to {@code x} ({@code 0 − x} to {@code −x}): {@code 0.7/1 + 3} becomes
     * {@code 3.7}, {@code r^3·1} becomes {@code r^3}. Exact in floating point.
     */
    public Expr foldConstants() {
        if (op == null) return this;
        if (isConstantTree()) {
            double v = evaluate(new double[0]);
            if (Double.isFinite(v)) return constant(v);
        }
        Expr[] copy = new Expr[args.length];
        boolean changed = false;
        for (int k = 0; k < args.length; k++) {
            copy[k] = args[k].foldConstants();
            changed |= copy[k] != args[k];
        }
        if (copy.length == 2) {
            Op.Kind kind = op.kind();
            if (((kind == Op.Kind.MUL || kind == Op.Kind.DIV) && isValue(copy[1], 1))
                    || ((kind == Op.Kind.ADD || kind == Op.Kind.SUB) && isValue(copy[1], 0))) return copy[0];
            if ((kind == Op.Kind.MUL && isValue(copy[0], 1)) || (kind == Op.Kind.ADD && isValue(copy[0], 0))) return copy[1];
            if (kind == Op.Kind.SUB && isValue(copy[0], 0)) return of(Op.NEG, copy[1]);
        }
        return changed ? new Expr(op, copy, value, variable) : this;
    }

    private static boolean isValue(Expr e, double v) { return e.isConstant() && e.value == v; }

    /** The node at pre-order position {@code index}. */
    public Expr node(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("node index must be in [0, " + size + "): " + index);
        }
        Expr e = this;
        while (index > 0) {
            index--;
            for (Expr a : e.args) {
                if (index < a.size) { e = a; break; }
                index -= a.size;
            }
        }
        return e;
    }

    /** A copy with the node at pre-order position {@code index} replaced by {@code replacement}. */
    public Expr replace(int index, Expr replacement) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("node index must be in [0, " + size + "): " + index);
        }
        if (index == 0) return replacement;
        int i = index - 1;
        Expr[] copy = args.clone();
        for (int k = 0; k < args.length; k++) {
            if (i < args[k].size) {
                copy[k] = args[k].replace(i, replacement);
                return new Expr(op, copy, value, variable);
            }
            i -= args[k].size;
        }
        throw new AssertionError("unreachable");
    }

    /**
     * A copy with every variable {@code i} replaced by {@code replacement.apply(i)}, or kept where that is null
     * ({@code x1 → 1} fixes a variable; {@code x1 → x5} renames it).
     */
    public Expr substitute(IntFunction<Expr> replacement) {
        Objects.requireNonNull(replacement, "replacement");
        if (variable >= 0) {
            Expr r = replacement.apply(variable);
            return r == null ? this : r;
        }
        if (op == null) return this;
        Expr[] copy = new Expr[args.length];
        boolean changed = false;
        for (int k = 0; k < args.length; k++) {
            copy[k] = args[k].substitute(replacement);
            changed |= copy[k] != args[k];
        }
        return changed ? new Expr(op, copy, value, variable) : this;
    }

    /** Depth of the node at pre-order position {@code index} (root 0). */
    public int levelOf(int index) {
        Expr e = this;
        int level = 0;
        while (index > 0) {
            index--;
            for (Expr a : e.args) {
                if (index < a.size) { e = a; break; }
                index -= a.size;
            }
            level++;
        }
        return level;
    }

    /** The constant values in pre-order. */
    public double[] constants() {
        List<Double> out = new ArrayList<>();
        collectConstants(out);
        double[] c = new double[out.size()];
        for (int i = 0; i < c.length; i++) c[i] = out.get(i);
        return c;
    }

    private void collectConstants(List<Double> out) {
        if (isConstant()) out.add(value);
        for (Expr a : args) a.collectConstants(out);
    }

    /** Number of constant leaves. */
    public int constantCount() {
        if (isConstant()) return 1;
        int n = 0;
        for (Expr a : args) n += a.constantCount();
        return n;
    }

    /** Highest variable index used, or -1 if none. */
    public int maxVariable() {
        int m = variable;
        for (Expr a : args) m = Math.max(m, a.maxVariable());
        return m;
    }

    /** A copy with the constants replaced, in pre-order, by {@code values}. */
    public Expr withConstants(double[] values) {
        int[] pos = {0};
        Expr e = withConstants(values, pos);
        if (pos[0] != values.length) {
            throw new IllegalArgumentException("expression has " + pos[0] + " constants, got " + values.length + " values");
        }
        return e;
    }

    private Expr withConstants(double[] values, int[] pos) {
        if (isConstant()) {
            if (pos[0] >= values.length) {
                throw new IllegalArgumentException("expression has more constants than the " + values.length + " values given");
            }
            return constant(values[pos[0]++]);
        }
        if (args.length == 0) return this;
        Expr[] copy = new Expr[args.length];
        boolean changed = false;
        for (int k = 0; k < args.length; k++) {
            copy[k] = args[k].withConstants(values, pos);
            changed |= copy[k] != args[k];
        }
        return changed ? new Expr(op, copy, value, variable) : this;
    }

    /** Reference evaluation on one row (slow: for tests and single points). */
    public double evaluate(double[] row) {
        if (op == null) return variable >= 0 ? row[variable] : value;
        if (args.length == 1) return op.apply(args[0].evaluate(row));
        return op.apply(args[0].evaluate(row), args[1].evaluate(row));
    }

    @Override public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Expr e) || e.hash != hash || e.size != size) return false;
        if (op == null) {
            return e.op == null && e.variable == variable
                    && Double.doubleToLongBits(e.value) == Double.doubleToLongBits(value);
        }
        return op.equals(e.op) && Arrays.equals(args, e.args);
    }

    @Override public int hashCode() { return hash; }

    /** A debugging form with variables as {@code x0, x1, ...}; see the export package for real printers. */
    @Override public String toString() {
        return Printer.plain(this, null);
    }
}
