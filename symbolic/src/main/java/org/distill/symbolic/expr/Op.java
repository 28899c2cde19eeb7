package org.distill.symbolic.expr;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * An operator that may appear in a discovered equation: its name, arity, complexity, numeric
 * function and the templates that export it to LaTeX, Symja, SymPy and Java.
 *
 * <p>The built-in operators ({@link #ADD} ... {@link #INV}) are evaluated by specialised loops in
 * the fast evaluator; user operators made with {@link #unary} or {@link #binary} are evaluated
 * through their function. Templates use {@code {0}} and {@code {1}} for the arguments, e.g.
 * {@code Op.unary("sinh", Math::sinh).latex("\\sinh\\left({0}\\right)").symja("Sinh({0})")
 * .sympy("sinh({0})").java("Math.sinh({0})").build()}.
 *
 * <p>Operators are immutable and compared by name.
 */
public final class Op {
    /** The built-in operator kinds; {@code USER} for operators defined in Java. */
    public enum Kind {
        ADD, SUB, MUL, DIV, POW, NEG, SQUARE, CUBE, SQRT, EXP, LOG, SIN, COS, TAN, ABS, INV,
        ASIN, ACOS, ATAN, SINH, COSH, TANH, USER
    }

    public static final Op ADD = builtin(Kind.ADD, "+", 2, "{0} + {1}", "({0})+({1})", "({0}) + ({1})", "({0}) + ({1})");
    public static final Op SUB = builtin(Kind.SUB, "-", 2, "{0} - {1}", "({0})-({1})", "({0}) - ({1})", "({0}) - ({1})");
    public static final Op MUL = builtin(Kind.MUL, "*", 2, "{0} {1}", "({0})*({1})", "({0})*({1})", "({0}) * ({1})");
    public static final Op DIV = builtin(Kind.DIV, "/", 2, "\\frac{{0}}{{1}}", "({0})/({1})", "({0})/({1})", "({0}) / ({1})");
    public static final Op POW = builtin(Kind.POW, "^", 2, "{0}^{{1}}", "({0})^({1})", "({0})**({1})", "Math.pow({0}, {1})");
    public static final Op NEG = builtin(Kind.NEG, "neg", 1, "-{0}", "-({0})", "-({0})", "-({0})");
    public static final Op SQUARE = builtin(Kind.SQUARE, "square", 1, "{0}^{2}", "({0})^2", "({0})**2", "(({0}) * ({0}))");
    public static final Op CUBE = builtin(Kind.CUBE, "cube", 1, "{0}^{3}", "({0})^3", "({0})**3", "(({0}) * ({0}) * ({0}))");
    public static final Op SQRT = builtin(Kind.SQRT, "sqrt", 1, "\\sqrt{{0}}", "Sqrt({0})", "sqrt({0})", "Math.sqrt({0})");
    public static final Op EXP = builtin(Kind.EXP, "exp", 1, "e^{{0}}", "Exp({0})", "exp({0})", "Math.exp({0})");
    public static final Op LOG = builtin(Kind.LOG, "log", 1, "\\log\\left({0}\\right)", "Log({0})", "log({0})", "Math.log({0})");
    public static final Op SIN = builtin(Kind.SIN, "sin", 1, "\\sin\\left({0}\\right)", "Sin({0})", "sin({0})", "Math.sin({0})");
    public static final Op COS = builtin(Kind.COS, "cos", 1, "\\cos\\left({0}\\right)", "Cos({0})", "cos({0})", "Math.cos({0})");
    public static final Op TAN = builtin(Kind.TAN, "tan", 1, "\\tan\\left({0}\\right)", "Tan({0})", "tan({0})", "Math.tan({0})");
    public static final Op ABS = builtin(Kind.ABS, "abs", 1, "\\left|{0}\\right|", "Abs({0})", "Abs({0})", "Math.abs({0})");
    public static final Op INV = builtin(Kind.INV, "inv", 1, "\\frac{1}{{0}}", "1/({0})", "1/({0})", "(1.0 / ({0}))");
    /** Arc sine: NaN (infinite loss) outside [-1, 1]. */
    public static final Op ASIN = builtin(Kind.ASIN, "asin", 1, "\\arcsin\\left({0}\\right)", "ArcSin({0})", "asin({0})", "Math.asin({0})");
    /** Arc cosine: NaN (infinite loss) outside [-1, 1]. */
    public static final Op ACOS = builtin(Kind.ACOS, "acos", 1, "\\arccos\\left({0}\\right)", "ArcCos({0})", "acos({0})", "Math.acos({0})");
    public static final Op ATAN = builtin(Kind.ATAN, "atan", 1, "\\arctan\\left({0}\\right)", "ArcTan({0})", "atan({0})", "Math.atan({0})");
    public static final Op SINH = builtin(Kind.SINH, "sinh", 1, "\\sinh\\left({0}\\right)", "Sinh({0})", "sinh({0})", "Math.sinh({0})");
    public static final Op COSH = builtin(Kind.COSH, "cosh", 1, "\\cosh\\left({0}\\right)", "Cosh({0})", "cosh({0})", "Math.cosh({0})");
    public static final Op TANH = builtin(Kind.TANH, "tanh", 1, "\\tanh\\left({0}\\right)", "Tanh({0})", "tanh({0})", "Math.tanh({0})");

    /** Every built-in operator, in a fixed order. */
    public static final List<Op> BUILTINS = List.of(
            ADD, SUB, MUL, DIV, POW, NEG, SQUARE, CUBE, SQRT, EXP, LOG, SIN, COS, TAN, ABS, INV,
            ASIN, ACOS, ATAN, SINH, COSH, TANH);

    /**
     * The default operator set: arithmetic plus a few elementary functions, {@code asin} among them (Snell's law
     * {@code asin(n·sin θ)}, and {@code cos(asin(v/c)) = √(1 − v²/c²)}); the default nesting rules keep it from the
     * triangle waves {@code asin(cos x)} that fitted noise on Kepler's data (docs/BENCHMARKS.md).
     */
    public static final List<Op> DEFAULTS = List.of(ADD, SUB, MUL, DIV, SQRT, EXP, LOG, SIN, COS, ASIN);

    private final Kind kind;
    private final String name;
    private final int arity;
    private final int complexity;
    private final DoubleUnaryOperator unary;
    private final DoubleBinaryOperator binary;
    private final String latex;
    private final String symja;
    private final String sympy;
    private final String java;

    private Op(Kind kind, String name, int arity, int complexity, DoubleUnaryOperator unary,
               DoubleBinaryOperator binary, String latex, String symja, String sympy, String java) {
        this.kind = kind;
        this.name = name;
        this.arity = arity;
        this.complexity = complexity;
        this.unary = unary;
        this.binary = binary;
        this.latex = latex;
        this.symja = symja;
        this.sympy = sympy;
        this.java = java;
    }

    private static Op builtin(Kind kind, String name, int arity, String latex, String symja,
                              String sympy, String java) {
        DoubleUnaryOperator u = switch (kind) {
            case NEG -> a -> -a;
            case SQUARE -> a -> a * a;
            case CUBE -> a -> a * a * a;
            case SQRT -> Math::sqrt;
            case EXP -> Math::exp;
            case LOG -> Math::log;
            case SIN -> Math::sin;
            case COS -> Math::cos;
            case TAN -> Math::tan;
            case ABS -> Math::abs;
            case INV -> a -> 1.0 / a;
            case ASIN -> Math::asin;
            case ACOS -> Math::acos;
            case ATAN -> Math::atan;
            case SINH -> Math::sinh;
            case COSH -> Math::cosh;
            case TANH -> Math::tanh;
            default -> null;
        };
        DoubleBinaryOperator b = switch (kind) {
            case ADD -> Double::sum;
            case SUB -> (x, y) -> x - y;
            case MUL -> (x, y) -> x * y;
            case DIV -> (x, y) -> x / y;
            case POW -> Math::pow;
            default -> null;
        };
        return new Op(kind, name, arity, 1, u, b, latex, symja, sympy, java);
    }

    /** Starts a user-defined unary operator. */
    public static Builder unary(String name, DoubleUnaryOperator function) {
        return new Builder(name, 1, Objects.requireNonNull(function, "function"), null);
    }

    /** Starts a user-defined binary operator. */
    public static Builder binary(String name, DoubleBinaryOperator function) {
        return new Builder(name, 2, null, Objects.requireNonNull(function, "function"));
    }

    /**
     * Looks up a built-in operator by its name or symbol: {@code + - * / ^ pow neg square cube sqrt
     * exp log sin cos tan abs inv asin acos atan sinh cosh tanh} (case-insensitive; {@code arcsin},
     * {@code arccos}, {@code arctan} too).
     *
     * @throws IllegalArgumentException naming the unknown operator and the known ones
     */
    public static Op builtin(String nameOrSymbol) {
        String key = nameOrSymbol.trim().toLowerCase(Locale.ROOT);
        if (key.equals("pow") || key.equals("**")) key = "^";
        if (key.equals("add") || key.equals("plus")) key = "+";
        if (key.equals("sub") || key.equals("minus")) key = "-";
        if (key.equals("mul") || key.equals("times")) key = "*";
        if (key.equals("div")) key = "/";
        if (key.startsWith("arc") && key.length() == 6) key = "a" + key.substring(3);
        for (Op op : BUILTINS) {
            if (op.name.equals(key)) return op;
        }
        throw new IllegalArgumentException("unknown operator '" + nameOrSymbol
                + "': expected one of + - * / ^ neg square cube sqrt exp log sin cos tan abs inv asin acos atan sinh cosh tanh");
    }

    /** A copy of this operator with another complexity (the cost it adds to an equation). */
    public Op withComplexity(int complexity) {
        if (complexity < 1 || complexity > 100) {
            throw new IllegalArgumentException("complexity of '" + name + "' must be in [1, 100]: " + complexity);
        }
        return new Op(kind, name, arity, complexity, unary, binary, latex, symja, sympy, java);
    }

    public Kind kind() { return kind; }
    public String name() { return name; }
    public int arity() { return arity; }
    public int complexity() { return complexity; }
    public boolean isBuiltin() { return kind != Kind.USER; }
    /** LaTeX template with {@code {0}}, {@code {1}} for the arguments. */
    public String latexTemplate() { return latex; }
    /** Symja (Mathematica syntax) template. */
    public String symjaTemplate() { return symja; }
    /** SymPy template. */
    public String sympyTemplate() { return sympy; }
    /** Java expression template. */
    public String javaTemplate() { return java; }

    /** Applies a unary operator to one value. */
    public double apply(double a) {
        if (arity != 1) throw new IllegalStateException(name + " is binary");
        return unary.applyAsDouble(a);
    }

    /** Applies a binary operator to two values. */
    public double apply(double a, double b) {
        if (arity != 2) throw new IllegalStateException(name + " is unary");
        return binary.applyAsDouble(a, b);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Op other && other.name.equals(name) && other.arity == arity
                && other.complexity == complexity;
    }

    @Override public int hashCode() { return name.hashCode() * 31 + arity; }

    @Override public String toString() { return name; }

    /** Builds a user-defined operator; validates in {@link #build()}. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private final DoubleUnaryOperator unary;
        private final DoubleBinaryOperator binary;
        private int complexity = 1;
        private String latex;
        private String symja;
        private String sympy;
        private String java;

        private Builder(String name, int arity, DoubleUnaryOperator unary, DoubleBinaryOperator binary) {
            this.name = Objects.requireNonNull(name, "name");
            this.arity = arity;
            this.unary = unary;
            this.binary = binary;
        }

        public Builder complexity(int complexity) { this.complexity = complexity; return this; }
        public Builder latex(String template) { this.latex = template; return this; }
        public Builder symja(String template) { this.symja = template; return this; }
        public Builder sympy(String template) { this.sympy = template; return this; }
        public Builder java(String template) { this.java = template; return this; }

        public Op build() {
            if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("operator name must be letters and digits, starting with a letter: '" + name + "'");
            }
            for (Op b : BUILTINS) {
                if (b.name.equalsIgnoreCase(name)) {
                    throw new IllegalArgumentException("operator name '" + name + "' is taken by a built-in operator");
                }
            }
            if (complexity < 1 || complexity > 100) {
                throw new IllegalArgumentException("complexity of '" + name + "' must be in [1, 100]: " + complexity);
            }
            String args = arity == 1 ? "{0}" : "{0}, {1}";
            String lx = latex != null ? latex : "\\operatorname{" + name + "}\\left(" + args + "\\right)";
            String sj = symja != null ? symja : null; // null: not known to Symja, kept opaque
            String sp = sympy != null ? sympy : name + "(" + args + ")";
            String jv = java != null ? java : name + "(" + args + ")";
            return new Op(Kind.USER, name, arity, complexity, unary, binary, lx, sj, sp, jv);
        }
    }
}
