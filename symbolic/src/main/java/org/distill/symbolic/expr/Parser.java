package org.distill.symbolic.expr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the plain infix form written by {@link Printer#plain} back into an {@link Expr}.
 *
 * <p>Grammar, loosest binding first:
 * <pre>
 *   sum     = product (('+' | '-') product)*          left associative
 *   product = unary (('*' | '/') unary)*               left associative
 *   unary   = '-' unary | power                        -x^2 is -(x^2)
 *   power   = atom ('^' unary)?                        right associative: 2^3^2 is 2^(3^2)
 *   atom    = number | name | name '(' args ')' | '(' sum ')'
 * </pre>
 * Numbers are decimals with an optional exponent ({@code 2.5}, {@code .5}, {@code 1e-5},
 * {@code 2.5E3}); {@code nan} and {@code inf} are read as constants. Names are the given variables
 * (the index is the position in the list), {@code pi} (only when no variable has that name), the
 * functions {@code sqrt exp log sin cos tan abs square cube neg inv asin acos atan sinh cosh tanh}
 * (any case), {@code pow(a, b)},
 * and the user operators by their exact name. A unary minus directly in front of a number literal
 * (not followed by {@code ^}, and not zero) gives a negative constant; in front of anything else it gives
 * {@link Op#NEG}. Powers are kept as written: {@code x^2} is {@code POW(x, 2)}.
 *
 * <p>Errors are {@link IllegalArgumentException}s that name the 1-based column and what was
 * expected, e.g. {@code unknown variable 'q' at column 5 of 'x + q': expected one of [x, y]}.
 */
public final class Parser {
    private static final Map<String, Op> FUNCTIONS = Map.ofEntries(
            Map.entry("sqrt", Op.SQRT), Map.entry("exp", Op.EXP), Map.entry("log", Op.LOG),
            Map.entry("sin", Op.SIN), Map.entry("cos", Op.COS), Map.entry("tan", Op.TAN),
            Map.entry("abs", Op.ABS), Map.entry("square", Op.SQUARE), Map.entry("cube", Op.CUBE),
            Map.entry("neg", Op.NEG), Map.entry("inv", Op.INV), Map.entry("pow", Op.POW),
            Map.entry("asin", Op.ASIN), Map.entry("acos", Op.ACOS), Map.entry("atan", Op.ATAN),
            Map.entry("sinh", Op.SINH), Map.entry("cosh", Op.COSH), Map.entry("tanh", Op.TANH));
    private static final List<String> FUNCTION_NAMES = List.of(
            "sqrt", "exp", "log", "sin", "cos", "tan", "abs", "square", "cube", "neg", "inv", "pow",
            "asin", "acos", "atan", "sinh", "cosh", "tanh");

    private final String text;
    private final List<String> variables;
    private final Map<String, Integer> variableIndex = new HashMap<>();
    private final Map<String, Op> userOps = new HashMap<>();
    private final Extension extension;
    private int pos;

    /**
     * What a parse makes of names it does not know, e.g. the searched functions and free constants
     * of a search template ({@code c1 + f(x, y)}). Known names (variables, built-in and user
     * functions, {@code pi}) come first.
     */
    public interface Extension {
        /** The expression for an unknown name, or null to report it as an unknown variable. */
        Expr name(String name);

        /**
         * The expression for a call of an unknown function with its parsed arguments, or null to
         * report the function as unknown. An {@link IllegalArgumentException} it throws is
         * reported with the call's column.
         */
        Expr call(String name, List<Expr> args);
    }

    private Parser(String text, List<String> variables, Collection<Op> ops, Extension extension) {
        this.text = text;
        this.variables = variables;
        this.extension = extension;
        for (int i = 0; i < variables.size(); i++) {
            String name = Objects.requireNonNull(variables.get(i), "variable name");
            variableIndex.putIfAbsent(name, i);
        }
        for (Op op : ops) {
            Objects.requireNonNull(op, "user operator");
            if (op.isBuiltin()) continue; // built-ins are known by their function names anyway
            userOps.put(op.name(), op);
        }
    }

    /** Parses {@code text} with the given variable names and no user operators. */
    public static Expr parse(String text, List<String> variables) {
        return parse(text, variables, List.of());
    }

    /**
     * Parses {@code text}; variable {@code variables.get(i)} becomes {@link Expr#variable(int)
     * variable(i)}, user operators are called by name ({@code name(a)} or {@code name(a, b)}).
     *
     * @throws IllegalArgumentException naming the column and what was expected when the text is not
     *     a valid expression
     */
    public static Expr parse(String text, List<String> variables, Collection<Op> userOps) {
        return parse(text, variables, userOps, null);
    }

    /**
     * Like {@link #parse(String, List, Collection)}, with an extension that gives meaning to
     * unknown names and function calls (null: none).
     */
    public static Expr parse(String text, List<String> variables, Collection<Op> userOps, Extension extension) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(userOps, "userOps");
        Parser p = new Parser(text, variables, userOps, extension);
        p.skipSpace();
        if (p.atEnd()) throw p.error(p.pos, "empty expression", "an expression");
        Expr e = p.sum();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error(p.pos, "unexpected '" + p.text.charAt(p.pos) + "'", "an operator or the end of the input");
        }
        return e;
    }

    // ---- grammar ----

    private Expr sum() {
        Expr left = product();
        while (true) {
            skipSpace();
            if (peek('+')) {
                pos++;
                left = Expr.of(Op.ADD, left, product());
            } else if (peek('-')) {
                pos++;
                left = Expr.of(Op.SUB, left, product());
            } else {
                return left;
            }
        }
    }

    private Expr product() {
        Expr left = unary();
        while (true) {
            skipSpace();
            if (peek('*')) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
                    throw error(pos, "unexpected '**'", "'^' for a power");
                }
                pos++;
                left = Expr.of(Op.MUL, left, unary());
            } else if (peek('/')) {
                pos++;
                left = Expr.of(Op.DIV, left, unary());
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        skipSpace();
        if (peek('+')) { // a unary plus changes nothing
            pos++;
            return unary();
        }
        if (!peek('-')) return power();
        pos++;
        skipSpace();
        if (startsNumber()) {
            int start = pos;
            double v = number();
            skipSpace();
            if (!peek('^') && v != 0) return Expr.constant(-v);
            pos = start; // -2^x is -(2^x); -0 stays NEG(0) so that it prints back as -0
        }
        return Expr.of(Op.NEG, unary());
    }

    private Expr power() {
        Expr base = atom();
        skipSpace();
        if (!peek('^')) return base;
        pos++;
        return Expr.of(Op.POW, base, unary());
    }

    private Expr atom() {
        skipSpace();
        if (atEnd()) throw error(pos, "unexpected end", "a number, a variable, a function or '('");
        char c = text.charAt(pos);
        if (startsNumber()) return Expr.constant(number());
        if (c == '(') {
            int open = pos++;
            Expr e = sum();
            expectClose(open);
            return e;
        }
        if (isNameStart(c)) return named();
        throw error(pos, "unexpected '" + c + "'", "a number, a variable, a function or '('");
    }

    private Expr named() {
        int start = pos;
        while (pos < text.length() && isNamePart(text.charAt(pos))) pos++;
        String name = text.substring(start, pos);
        int afterName = pos;
        skipSpace();
        boolean call = peek('(');
        if (call) {
            Op op = userOps.get(name);
            if (op == null) op = FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
            if (op != null) return call(op, name, start);
            if (extension != null && !variableIndex.containsKey(name)) {
                int open = pos;
                List<Expr> args = arguments();
                Expr e;
                try {
                    e = extension.call(name, args);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(ex.getMessage() + " at column " + (start + 1) + " of '" + text + "'");
                }
                if (e != null) return e;
                pos = open;
            }
            if (!variableIndex.containsKey(name)) {
                List<String> known = new ArrayList<>(FUNCTION_NAMES);
                known.addAll(userOps.keySet().stream().sorted().toList());
                throw error(start, "unknown function '" + name + "'", "one of " + known);
            }
        }
        pos = afterName;
        Integer index = variableIndex.get(name);
        if (index != null) return Expr.variable(index);
        if (name.equals("pi")) return Expr.constant(Math.PI);
        if (name.equals("nan")) return Expr.constant(Double.NaN);
        if (name.equals("inf")) return Expr.constant(Double.POSITIVE_INFINITY);
        if (extension != null) {
            Expr e = extension.name(name);
            if (e != null) return e;
        }
        throw error(start, "unknown variable '" + name + "'", "one of " + variables);
    }

    private Expr call(Op op, String name, int start) {
        int open = pos++; // at '('
        List<Expr> args = new ArrayList<>(2);
        skipSpace();
        if (peek(')')) {
            throw error(pos, name + " needs " + op.arity() + " argument" + (op.arity() == 1 ? "" : "s"), "an argument");
        }
        args.add(sum());
        skipSpace();
        while (peek(',')) {
            pos++;
            args.add(sum());
            skipSpace();
        }
        expectClose(open);
        if (args.size() != op.arity()) {
            throw error(start, name + " takes " + op.arity() + " argument" + (op.arity() == 1 ? "" : "s")
                    + ", got " + args.size(), op.arity() + " argument" + (op.arity() == 1 ? "" : "s"));
        }
        return Expr.of(op, args.toArray(Expr[]::new));
    }

    /** The comma-separated arguments of a call, from its '(' to after its ')' (none for '()'). */
    private List<Expr> arguments() {
        int open = pos++; // at '('
        List<Expr> args = new ArrayList<>(2);
        skipSpace();
        if (peek(')')) {
            pos++;
            return args;
        }
        args.add(sum());
        skipSpace();
        while (peek(',')) {
            pos++;
            args.add(sum());
            skipSpace();
        }
        expectClose(open);
        return args;
    }

    private void expectClose(int open) {
        skipSpace();
        if (peek(')')) {
            pos++;
            return;
        }
        String found = atEnd() ? "end of input" : "'" + text.charAt(pos) + "'";
        throw error(pos, "unbalanced parenthesis: '(' at column " + (open + 1) + " is not closed, found " + found,
                "')'");
    }

    // ---- lexing ----

    private boolean startsNumber() {
        if (atEnd()) return false;
        char c = text.charAt(pos);
        if (c >= '0' && c <= '9') return true;
        return c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1));
    }

    private double number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int p = pos + 1;
            if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) p++;
            if (p < text.length() && Character.isDigit(text.charAt(p))) {
                while (p < text.length() && Character.isDigit(text.charAt(p))) p++;
                pos = p;
            }
        }
        if (pos < text.length() && isNamePart(text.charAt(pos))) {
            throw error(pos, "unexpected '" + text.charAt(pos) + "' after the number '"
                    + text.substring(start, pos) + "'", "an operator ('2*x', not '2x')");
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private IllegalArgumentException error(int at, String what, String expected) {
        return new IllegalArgumentException(what + " at column " + (at + 1) + " of '" + text + "': expected " + expected);
    }
}
