package org.distill.symbolic.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints expressions as plain infix text, LaTeX, SymPy or Java source.
 *
 * <p>The plain form uses the variable names, {@code + - * / ^}, {@code sqrt exp log sin cos tan abs
 * asin acos atan sinh cosh tanh},
 * parentheses and plain decimal numbers (never exponent notation), so other tools can parse it;
 * {@link Parser} reads it back.
 */
public final class Printer {
    /** Output formats. */
    public enum Format { PLAIN, LATEX, SYMPY, JAVA }

    private static final int SUM = 1, PRODUCT = 2, UNARY = 3, POWER = 4, FRACTION = 5, ATOM = 6;
    private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon",
            "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma",
            "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
            "Pi", "Sigma", "Phi", "Psi", "Omega");

    private Printer() {}

    /** Plain infix; {@code names} may be null (variables print as {@code x0, x1, ...}). */
    public static String plain(Expr e, List<String> names) { return print(e, names, Format.PLAIN); }

    public static String latex(Expr e, List<String> names) { return print(e, names, Format.LATEX); }

    public static String sympy(Expr e, List<String> names) { return print(e, names, Format.SYMPY); }

    public static String java(Expr e, List<String> names) { return print(e, names, Format.JAVA); }

    public static String print(Expr e, List<String> names, Format format) {
        return render(e, names, format).text;
    }

    private record Out(String text, int prec) {}

    private static Out render(Expr e, List<String> names, Format f) {
        if (e.isVariable()) return new Out(variableName(e.variable(), names, f), ATOM);
        if (e.isConstant()) return number(e.value(), f);
        Op op = e.op();
        Out a = render(e.arg(0), names, f);
        Out b = e.arity() == 2 ? render(e.arg(1), names, f) : null;
        if (!op.isBuiltin()) {
            String t = switch (f) {
                case PLAIN -> op.name() + "(" + a.text + (b != null ? ", " + b.text : "") + ")";
                case LATEX -> fill(op.latexTemplate(), a.text, b);
                case SYMPY -> fill(op.sympyTemplate(), a.text, b);
                case JAVA -> fill(op.javaTemplate(), a.text, b);
            };
            return new Out(t, ATOM);
        }
        boolean tex = f == Format.LATEX;
        return switch (op.kind()) {
            case ADD -> e.arg(1).isConstant() && e.arg(1).value() < 0
                    ? new Out(wrap(a, SUM, f) + " - " + number(-e.arg(1).value(), f).text, SUM)
                    : sum(wrap(a, SUM, f), false, wrap(b, SUM, f));
            // 0 − x (a snapped constant, or the search's way to negate without neg) reads −x.
            case SUB -> e.arg(0).isConstant() && e.arg(0).value() == 0
                    ? negated(wrap(b, PRODUCT, f))
                    : sum(wrap(a, SUM, f), true, wrap(b, SUM + 1, f));
            // x·(−1) and (−1)·x (a factor snapped to −1) read −x.
            case MUL -> e.arg(1).isConstant() && e.arg(1).value() == -1 && !e.arg(0).isConstant()
                    ? negated(wrap(a, PRODUCT, f))
                    : e.arg(0).isConstant() && e.arg(0).value() == -1 && !e.arg(1).isConstant()
                    ? negated(wrap(b, PRODUCT, f))
                    : e.arg(1).isConstant() && !e.arg(0).isConstant()
                    // c·x reads better than x·c: print the constant factor first.
                    ? new Out(wrap(b, PRODUCT, f) + (tex ? " \\cdot " : f == Format.PLAIN ? "*" : " * ")
                            + wrap(a, PRODUCT, f), PRODUCT)
                    : new Out(wrap(a, PRODUCT, f) + (tex ? " \\cdot " : f == Format.PLAIN ? "*" : " * ")
                    + wrap(b, signed(b) ? ATOM + 1 : PRODUCT + 1, f), PRODUCT);
            case DIV -> tex
                    ? new Out("\\frac{" + a.text + "}{" + b.text + "}", FRACTION)
                    : new Out(wrap(a, PRODUCT, f) + (f == Format.PLAIN ? "/" : " / ")
                            + wrap(b, signed(b) ? ATOM + 1 : PRODUCT + 1, f), PRODUCT);
            case POW -> power(a, b.text, b.prec, f);
            case NEG -> new Out("-" + wrap(a, POWER, f), UNARY);
            case SQUARE -> power(a, "2", ATOM, f);
            case CUBE -> power(a, "3", ATOM, f);
            case INV -> tex
                    ? new Out("\\frac{1}{" + a.text + "}", FRACTION)
                    : new Out("1" + (f == Format.PLAIN ? "/" : " / ") + wrap(a, PRODUCT + 1, f), PRODUCT);
            case SQRT -> tex ? new Out("\\sqrt{" + a.text + "}", ATOM) : call("sqrt", a, f);
            case EXP -> tex ? new Out("e^{" + a.text + "}", POWER) : call("exp", a, f);
            case LOG -> call(tex ? "\\log" : "log", a, f);
            case SIN -> call(tex ? "\\sin" : "sin", a, f);
            case COS -> call(tex ? "\\cos" : "cos", a, f);
            case TAN -> call(tex ? "\\tan" : "tan", a, f);
            case ASIN -> call(tex ? "\\arcsin" : "asin", a, f);
            case ACOS -> call(tex ? "\\arccos" : "acos", a, f);
            case ATAN -> call(tex ? "\\arctan" : "atan", a, f);
            case SINH -> call(tex ? "\\sinh" : "sinh", a, f);
            case COSH -> call(tex ? "\\cosh" : "cosh", a, f);
            case TANH -> call(tex ? "\\tanh" : "tanh", a, f);
            case ABS -> tex ? new Out("\\left|" + a.text + "\\right|", ATOM)
                    : call(f == Format.SYMPY ? "Abs" : "abs", a, f);
            case USER -> throw new AssertionError();
        };
    }

    /**
     * {@code left ± right}, folding a leading minus of the right term into the operator
     * ({@code a - -0.5*x} reads {@code a + 0.5*x}): a right term that starts with a minus and is not
     * in brackets is a product, quotient or negation whose sign covers the whole term.
     */
    private static Out sum(String left, boolean minus, String right) {
        if (right.startsWith("-")) {
            minus = !minus;
            right = right.substring(1);
        }
        return new Out(left + (minus ? " - " : " + ") + right, SUM);
    }

    /** {@code −t}: a term that starts with a minus loses it ({@code 0 − −2·x} reads {@code 2*x}). */
    private static Out negated(String t) {
        return t.startsWith("-") ? new Out(t.substring(1), PRODUCT) : new Out("-" + t, UNARY);
    }

    private static Out power(Out base, String exponent, int exponentPrec, Format f) {
        String b = wrap(base, ATOM, f);
        return switch (f) {
            case LATEX -> new Out(b + "^{" + exponent + "}", POWER);
            case PLAIN -> new Out(b + "^" + (exponentPrec >= ATOM ? exponent : "(" + exponent + ")"), POWER);
            case SYMPY -> new Out(b + "**" + (exponentPrec >= ATOM ? exponent : "(" + exponent + ")"), POWER);
            case JAVA -> new Out("Math.pow(" + base.text + ", " + exponent + ")", ATOM);
        };
    }

    private static Out call(String fn, Out a, Format f) {
        String name = f == Format.JAVA ? "Math." + fn : fn;
        if (f == Format.LATEX) return new Out(fn + "\\left(" + a.text + "\\right)", ATOM);
        return new Out(name + "(" + a.text + ")", ATOM);
    }

    /** Whether {@code o} starts with a minus sign: bracketed as a right factor or divisor ({@code x/(-r^3)}, not {@code x/-r^3}). */
    private static boolean signed(Out o) { return o.text.startsWith("-"); }

    private static String wrap(Out o, int minPrec, Format f) {
        if (o.prec >= minPrec) return o.text;
        return f == Format.LATEX ? "\\left(" + o.text + "\\right)" : "(" + o.text + ")";
    }

    /** One pass, so that a "{1}" inside the first argument (LaTeX {@code x_{1}}) stays as it is. */
    private static String fill(String template, String a, Out b) {
        StringBuilder t = new StringBuilder(template.length() + a.length() + (b != null ? b.text.length() : 0));
        for (int i = 0; i < template.length(); i++) {
            if (template.startsWith("{0}", i)) {
                t.append(a);
                i += 2;
            } else if (b != null && template.startsWith("{1}", i)) {
                t.append(b.text);
                i += 2;
            } else {
                t.append(template.charAt(i));
            }
        }
        return t.toString();
    }

    private static Out number(double v, Format f) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            String s = switch (f) {
                case JAVA -> Double.isNaN(v) ? "Double.NaN" : v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
                case SYMPY -> Double.isNaN(v) ? "nan" : v > 0 ? "oo" : "-oo";
                case LATEX -> Double.isNaN(v) ? "\\mathrm{NaN}" : v > 0 ? "\\infty" : "-\\infty";
                case PLAIN -> Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
            };
            return new Out(s, v < 0 ? UNARY : ATOM);
        }
        String s = f == Format.LATEX ? formatShort(v) : formatPlain(v);
        if (f == Format.JAVA && !s.contains(".")) s = s + ".0";
        // "2 \times 10^{-7}" is a product: it needs braces under an exponent.
        if (s.contains("\\times")) return new Out(s, PRODUCT);
        return new Out(s, v < 0 ? UNARY : ATOM);
    }

    /** A plain decimal (no exponent) with up to 12 significant digits. */
    public static String formatPlain(double v) {
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
        return d.toPlainString();
    }

    /** Up to 5 significant digits, with a LaTeX power of ten when very large or small. */
    static String formatShort(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.4e", v);
        int e = s.indexOf('e');
        String mant = new BigDecimal(s.substring(0, e)).stripTrailingZeros().toPlainString();
        int exp = Integer.parseInt(s.substring(e + 1));
        return mant + " \\times 10^{" + exp + "}";
    }

    private static String variableName(int index, List<String> names, Format f) {
        String n = names != null && index < names.size() ? names.get(index) : "x" + index;
        return switch (f) {
            case LATEX -> latexName(n);
            case JAVA, SYMPY -> n.replaceAll("[^A-Za-z0-9_]", "_");
            case PLAIN -> n;
        };
    }

    /** {@code m1 -> m_{1}}, {@code theta -> \theta}, {@code v_max -> v_{max}}. */
    static String latexName(String n) {
        String base = n, sub = null;
        int u = n.indexOf('_');
        if (u > 0) {
            base = n.substring(0, u);
            sub = n.substring(u + 1);
        } else {
            int i = n.length();
            while (i > 1 && Character.isDigit(n.charAt(i - 1))) i--;
            if (i < n.length()) {
                base = n.substring(0, i);
                sub = n.substring(i);
            }
        }
        String b = GREEK.contains(base) ? "\\" + base
                : base.length() == 1 ? base : "\\mathrm{" + base.replace("_", "\\_") + "}";
        if (sub == null || sub.isEmpty()) return b;
        String s = GREEK.contains(sub) ? "\\" + sub : sub.length() == 1 || sub.matches("\\d+") ? sub
                : "\\mathrm{" + sub.replace("_", "\\_") + "}";
        return b + "_{" + s + "}";
    }
}
