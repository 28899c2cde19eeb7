package org.distill.symbolic.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;

/**
 * A search template (PySR's template expressions): an expression over the data's variables that
 * fixes part of the structure and leaves the rest to the search, such as
 * {@code c1 + f(e)/(c2 + c3*M)} or {@code f(x, y) + g(z)}.
 * <ul>
 *   <li>A call of a name that is neither a variable nor a known function, {@code f(x, y)}, is a
 *       searched function of its arguments: the search grows one expression tree per function
 *       name, over the function's arguments only. A function called at several places
 *       ({@code f(r1) + f(r2)}, a kernel summed over neighbours) is the same tree at each.
 *       Arguments are expressions of the data's variables ({@code f(x/y)} is allowed).</li>
 *   <li>{@code c1, c2, ...} (when no variable has that name) are free constants, fitted by
 *       Levenberg–Marquardt at every evaluation; each may appear once.</li>
 *   <li>Everything else is fixed: operators, variables and number literals.</li>
 * </ul>
 * The expression the search scores, reports and simplifies is the composed one (the template with
 * the functions' trees spliced in), so its complexity counts the template too.
 *
 * <p>Immutable and thread-safe.
 */
public final class Template {
    /** Placeholder variables in the parsed skeleton start here (never a real column). */
    private static final int BASE = 1 << 24;
    private static final Pattern CONSTANT = Pattern.compile("c[0-9]+");

    private sealed interface Node permits Fixed, Leaf, Call, Free { }

    /** A fixed operator over skeleton nodes. */
    private record Fixed(Op op, Node[] args) implements Node { }

    /** A fixed sub-expression without searched parts (a variable, a literal, ...). */
    private record Leaf(Expr expr) implements Node { }

    /** A call of searched function {@code function} with its argument expressions. */
    private record Call(int function, Expr[] args) implements Node { }

    /** Free constant number {@code index}. */
    private record Free(int index) implements Node { }

    private final String text;
    private final Node skeleton;
    private final List<String> functions;
    private final int[] arity;
    private final List<String> constants;
    private final int minimumComplexity;
    private final boolean shared;

    private Template(String text, Node skeleton, List<String> functions, int[] arity, List<String> constants) {
        this.text = text;
        this.skeleton = skeleton;
        this.functions = List.copyOf(functions);
        this.arity = arity;
        this.constants = List.copyOf(constants);
        Expr[] leaves = new Expr[functions.size()];
        for (int f = 0; f < leaves.length; f++) leaves[f] = Expr.variable(0);
        this.minimumComplexity = compose(leaves).complexity();
        int[] calls = new int[functions.size()];
        countCalls(skeleton, calls);
        boolean s = false;
        for (int c : calls) s |= c > 1;
        this.shared = s;
    }

    /**
     * Parses a template over the data's variables.
     *
     * @param operators the search's operators (user operators may appear by name)
     * @throws IllegalArgumentException with one line naming the problem: a syntax error or unknown
     *     variable (with its column), a function called without arguments or with a varying number
     *     of them, a searched function or free constant inside an argument, a free constant used
     *     twice, or no searched function at all
     */
    public static Template parse(String text, List<String> variables, Collection<Op> operators) {
        return parse(text, variables, operators, false);
    }

    /**
     * Checks a template before the data's variables are known (any other name is taken for a
     * variable) and returns it parsed so, for its complexity.
     *
     * @throws IllegalArgumentException as {@link #parse} does, except for unknown variables
     */
    public static Template check(String text, Collection<Op> operators) {
        return parse(text, List.of(), operators, true);
    }

    private static Template parse(String text, List<String> variables, Collection<Op> operators, boolean anyName) {
        Objects.requireNonNull(text, "template");
        Objects.requireNonNull(variables, "variables");
        List<String> functions = new ArrayList<>();
        List<Integer> arities = new ArrayList<>();
        List<String> constants = new ArrayList<>();
        List<Node> placeholders = new ArrayList<>();
        Parser.Extension extension = new Parser.Extension() {
            @Override public Expr name(String name) {
                if (!CONSTANT.matcher(name).matches()) return anyName ? Expr.variable(0) : null;
                if (constants.contains(name)) {
                    throw new IllegalArgumentException("free constant '" + name + "' appears twice in template '" + text
                            + "': each of c1, c2, ... is one constant, used once");
                }
                constants.add(name);
                placeholders.add(new Free(constants.size() - 1));
                return Expr.variable(BASE + placeholders.size() - 1);
            }

            @Override public Expr call(String name, List<Expr> args) {
                if (CONSTANT.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + name + "' is a free constant, not a function");
                }
                if (args.isEmpty()) {
                    throw new IllegalArgumentException("searched function '" + name
                            + "' needs at least one argument (the variables it may use)");
                }
                for (Expr a : args) {
                    if (a.maxVariable() >= BASE) {
                        throw new IllegalArgumentException("the arguments of '" + name
                                + "' must be expressions of the data's variables, not searched functions or free constants");
                    }
                }
                int f = functions.indexOf(name);
                if (f < 0) {
                    functions.add(name);
                    arities.add(args.size());
                    f = functions.size() - 1;
                } else if (arities.get(f) != args.size()) {
                    throw new IllegalArgumentException("searched function '" + name + "' takes " + arities.get(f)
                            + " argument" + (arities.get(f) == 1 ? "" : "s") + " where first called, got " + args.size());
                }
                placeholders.add(new Call(f, args.toArray(Expr[]::new)));
                return Expr.variable(BASE + placeholders.size() - 1);
            }
        };
        Expr parsed;
        try {
            parsed = Parser.parse(text, variables, operators, extension);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException(m.startsWith("template") ? m : "template: " + m, e);
        }
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("template '" + text
                    + "' has no searched function: write one as a call of a new name, e.g. f(x) or g(x, y)");
        }
        int[] arity = arities.stream().mapToInt(Integer::intValue).toArray();
        return new Template(text, node(parsed, placeholders), functions, arity, constants);
    }

    private static void countCalls(Node n, int[] calls) {
        if (n instanceof Call c) calls[c.function()]++;
        if (n instanceof Fixed x) for (Node a : x.args()) countCalls(a, calls);
    }

    private static Node node(Expr e, List<Node> placeholders) {
        if (e.isVariable() && e.variable() >= BASE) return placeholders.get(e.variable() - BASE);
        if (e.maxVariable() < BASE) return new Leaf(e);
        Node[] args = new Node[e.arity()];
        for (int i = 0; i < args.length; i++) args[i] = node(e.arg(i), placeholders);
        return new Fixed(e.op(), args);
    }

    /** The template as written. */
    public String text() { return text; }

    /** The searched functions' names, in order of first appearance; part {@code k} is function {@code k}. */
    public List<String> functions() { return functions; }

    /** Number of arguments of searched function {@code k}. */
    public int arity(int k) { return arity[k]; }

    /** The free constants' names, in order of appearance. */
    public List<String> constants() { return constants; }

    /** Complexity of the composed expression when every function is a single leaf. */
    public int minimumComplexity() { return minimumComplexity; }

    /**
     * The composed expression: the template with the functions' trees (over variables
     * {@code 0..arity-1}, the function's arguments) spliced in and every free constant 1.
     *
     * @throws IllegalArgumentException when the number of parts is not the number of functions
     */
    public Expr compose(Expr... parts) {
        if (parts.length != functions.size()) {
            throw new IllegalArgumentException("template '" + text + "' has " + functions.size() + " functions, got "
                    + parts.length + " parts");
        }
        return compose(skeleton, parts);
    }

    private static Expr compose(Node n, Expr[] parts) {
        return switch (n) {
            case Leaf l -> l.expr();
            case Free f -> Expr.constant(1);
            case Call c -> substitute(parts[c.function()], c.args());
            case Fixed x -> {
                Expr[] args = new Expr[x.args().length];
                for (int i = 0; i < args.length; i++) args[i] = compose(x.args()[i], parts);
                yield Expr.of(x.op(), args);
            }
        };
    }

    private static Expr substitute(Expr part, Expr[] args) {
        if (part.isVariable()) return args[part.variable()];
        if (part.isLeaf()) return part;
        Expr[] a = new Expr[part.arity()];
        for (int i = 0; i < a.length; i++) a[i] = substitute(part.arg(i), args);
        return Expr.of(part.op(), a);
    }

    /**
     * One flag per constant of a composed expression (pre-order): true for the template's free
     * constants. Null when the expression does not have the template's form.
     */
    public boolean[] freeConstants(Expr composed) {
        List<Boolean> flags = new ArrayList<>();
        if (!flags(skeleton, composed, flags)) return null;
        boolean[] out = new boolean[flags.size()];
        for (int i = 0; i < out.length; i++) out[i] = flags.get(i);
        return out;
    }

    private static boolean flags(Node n, Expr e, List<Boolean> out) {
        switch (n) {
            case Free f -> {
                if (!e.isConstant()) return false;
                out.add(true);
            }
            case Leaf l -> {
                for (int i = e.constantCount(); i > 0; i--) out.add(false);
            }
            case Call c -> {
                for (int i = e.constantCount(); i > 0; i--) out.add(false);
            }
            case Fixed x -> {
                if (e.isLeaf() || !e.op().equals(x.op()) || e.arity() != x.args().length) return false;
                for (int i = 0; i < e.arity(); i++) if (!flags(x.args()[i], e.arg(i), out)) return false;
            }
        }
        return true;
    }

    /** Whether a searched function is called at more than one place (its constants are then tied). */
    public boolean shared() { return shared; }

    /**
     * The constant fitter's parameters of a composed expression ({@code ConstantFitter.fit} with
     * {@code parameterOf}): each free constant its own, each constant of a function's tree one
     * parameter wherever the function is called (the same at every call), constants of the fixed
     * part and of arguments fixed (-1). Null when the expression does not have the template's form
     * or a function's calls differ.
     */
    public int[] parameters(Expr composed) {
        List<Integer> out = new ArrayList<>();
        int[][] ids = new int[functions.size()][];
        Expr[] parts = new Expr[functions.size()];
        int[] next = {0};
        if (!parameters(skeleton, composed, parts, ids, next, out)) return null;
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean parameters(Node n, Expr e, Expr[] parts, int[][] ids, int[] next, List<Integer> out) {
        switch (n) {
            case Free f -> {
                if (!e.isConstant()) return false;
                out.add(next[0]++);
            }
            case Leaf l -> {
                for (int i = e.constantCount(); i > 0; i--) out.add(-1);
            }
            case Call c -> {
                Expr part = unsubstitute(e, c.args());
                if (part == null) return false;
                int f = c.function();
                if (parts[f] == null) {
                    parts[f] = part;
                    ids[f] = new int[part.constantCount()];
                    java.util.Arrays.fill(ids[f], -1);
                } else if (!sameShape(parts[f], part)) {
                    return false;
                }
                walkPart(part, e, ids[f], new int[1], next, out);
            }
            case Fixed x -> {
                if (e.isLeaf() || !e.op().equals(x.op()) || e.arity() != x.args().length) return false;
                for (int i = 0; i < e.arity(); i++) if (!parameters(x.args()[i], e.arg(i), parts, ids, next, out)) return false;
            }
        }
        return true;
    }

    /** Walks a function's tree and its substituted form together, numbering the tree's constants. */
    private static void walkPart(Expr part, Expr e, int[] ids, int[] k, int[] next, List<Integer> out) {
        if (part.isVariable()) {
            for (int i = e.constantCount(); i > 0; i--) out.add(-1); // constants of an argument
        } else if (part.isConstant()) {
            int j = k[0]++;
            if (ids[j] < 0) ids[j] = next[0]++;
            out.add(ids[j]);
        } else {
            for (int i = 0; i < part.arity(); i++) walkPart(part.arg(i), e.arg(i), ids, k, next, out);
        }
    }

    /** Equal up to the values of constants. */
    private static boolean sameShape(Expr a, Expr b) {
        if (a.isConstant() || b.isConstant()) return a.isConstant() && b.isConstant();
        if (a.isLeaf() || b.isLeaf()) return a.equals(b);
        if (!a.op().equals(b.op()) || a.arity() != b.arity()) return false;
        for (int i = 0; i < a.arity(); i++) if (!sameShape(a.arg(i), b.arg(i))) return false;
        return true;
    }

    /**
     * The functions' trees of a composed expression (for migrants and seeds, whose constants may
     * have been refitted), or null when it does not have the template's form. A function called at
     * several places is read from its first call.
     */
    public Expr[] decompose(Expr composed) {
        Expr[] parts = new Expr[functions.size()];
        if (!decompose(skeleton, composed, parts)) return null;
        for (Expr p : parts) if (p == null) return null;
        return parts;
    }

    private static boolean decompose(Node n, Expr e, Expr[] parts) {
        return switch (n) {
            case Free f -> e.isConstant();
            case Leaf l -> true;
            case Call c -> {
                if (parts[c.function()] != null) yield true;
                Expr p = unsubstitute(e, c.args());
                parts[c.function()] = p;
                yield p != null;
            }
            case Fixed x -> {
                if (e.isLeaf() || !e.op().equals(x.op()) || e.arity() != x.args().length) yield false;
                for (int i = 0; i < e.arity(); i++) if (!decompose(x.args()[i], e.arg(i), parts)) yield false;
                yield true;
            }
        };
    }

    /** The tree over the arguments' positions whose substitution gives {@code e}, or null. */
    private static Expr unsubstitute(Expr e, Expr[] args) {
        for (int i = 0; i < args.length; i++) if (e.equals(args[i])) return Expr.variable(i);
        if (e.isVariable()) return null;
        if (e.isLeaf()) return e;
        Expr[] a = new Expr[e.arity()];
        for (int i = 0; i < a.length; i++) {
            a[i] = unsubstitute(e.arg(i), args);
            if (a[i] == null) return null;
        }
        return Expr.of(e.op(), a);
    }

    /** Function names with their arities and the free constants, e.g. {@code f/2, g/1; c1, c2}. */
    @Override public String toString() {
        Map<String, Integer> f = new LinkedHashMap<>();
        for (int k = 0; k < functions.size(); k++) f.put(functions.get(k), arity[k]);
        StringBuilder sb = new StringBuilder(text).append(" (");
        f.forEach((name, a) -> sb.append(name).append('/').append(a).append(' '));
        sb.setLength(sb.length() - 1);
        if (!constants.isEmpty()) sb.append("; ").append(String.join(", ", constants));
        return sb.append(')').toString();
    }
}
