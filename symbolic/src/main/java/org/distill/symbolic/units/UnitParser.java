package org.distill.symbolic.units;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads unit expressions into {@link Dimension}s.
 *
 * <pre>
 *   unit     = factor (('*' | '/') factor)*           left associative: kg*m/s^2
 *   factor   = atom (('^' | '**') exponent)?
 *   atom     = symbol | '1' | '(' unit ')'
 *   exponent = ['-' | '+'] digits ['.' digits] | '(' ['-' | '+'] digits ['/' digits] ')'
 * </pre>
 * Symbols: the base units {@code m s kg K A}, the derived units {@code N J W Pa C V Hz Ohm} (also
 * {@code Ω}) {@code F H T} (farad, henry, tesla), and {@code rad}, {@code sr} and {@code 1} for
 * dimensionless. No prefixes ({@code km}, {@code g}): units are dimensions here, not scales. A
 * fractional exponent needs parentheses ({@code m^(1/2)}; {@code m^0.5} also works), since
 * {@code m^1/2} would divide by 2.
 *
 * <p>Errors are one-line {@link IllegalArgumentException}s naming the text, the 1-based column and
 * what was expected: {@code malformed unit 'm/s^^2' at column 5: expected an exponent}.
 */
public final class UnitParser {
    /** Every known symbol with its dimension. */
    public static final Map<String, Dimension> SYMBOLS;

    static {
        Map<String, Dimension> s = new LinkedHashMap<>();
        s.put("m", Dimension.of(1));
        s.put("s", Dimension.of(0, 1));
        s.put("kg", Dimension.of(0, 0, 1));
        s.put("K", Dimension.of(0, 0, 0, 1));
        s.put("A", Dimension.of(0, 0, 0, 0, 1));
        s.put("N", Dimension.of(1, -2, 1));
        s.put("J", Dimension.of(2, -2, 1));
        s.put("W", Dimension.of(2, -3, 1));
        s.put("Pa", Dimension.of(-1, -2, 1));
        s.put("Hz", Dimension.of(0, -1));
        s.put("C", Dimension.of(0, 1, 0, 0, 1));
        s.put("V", Dimension.of(2, -3, 1, 0, -1));
        s.put("Ohm", Dimension.of(2, -3, 1, 0, -2));
        s.put("Ω", Dimension.of(2, -3, 1, 0, -2));
        s.put("F", Dimension.of(-2, 4, -1, 0, 2));
        s.put("H", Dimension.of(2, -2, 1, 0, -2));
        s.put("T", Dimension.of(0, -2, 1, 0, -1));
        s.put("rad", Dimension.NONE);
        s.put("sr", Dimension.NONE);
        SYMBOLS = java.util.Collections.unmodifiableMap(s);
    }

    private final String text;
    private int pos;

    private UnitParser(String text) {
        this.text = text;
    }

    /**
     * Parses a unit expression.
     *
     * @throws IllegalArgumentException naming the text, the column and what was expected
     */
    public static Dimension parse(String text) {
        Objects.requireNonNull(text, "unit");
        UnitParser p = new UnitParser(text);
        p.skip();
        if (p.pos >= text.length()) throw p.error("empty unit", "a unit such as m/s^2, or 1");
        Dimension d = p.unit();
        p.skip();
        if (p.pos < text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "'", "*, / or ^");
        return d;
    }

    private Dimension unit() {
        Dimension d = factor();
        while (true) {
            skip();
            if (pos >= text.length()) return d;
            char c = text.charAt(pos);
            if (c == '*' && !text.startsWith("**", pos) || c == '·') {
                pos++;
                d = d.times(factor());
            } else if (c == '/') {
                pos++;
                d = d.divide(factor());
            } else {
                return d;
            }
        }
    }

    private Dimension factor() {
        Dimension d = atom();
        skip();
        if (text.startsWith("**", pos)) {
            pos += 2;
        } else if (pos < text.length() && text.charAt(pos) == '^') {
            pos++;
        } else {
            return d;
        }
        long[] pq = exponent();
        return d.pow(pq[0], pq[1]);
    }

    private Dimension atom() {
        skip();
        if (pos >= text.length()) throw error("unexpected end", "a unit symbol, 1 or (");
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Dimension d = unit();
            skip();
            if (pos >= text.length() || text.charAt(pos) != ')') throw error(pos >= text.length() ? "unexpected end" : "unexpected '" + text.charAt(pos) + "'", ")");
            pos++;
            return d;
        }
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) pos++;
            String number = text.substring(start, pos);
            if (number.equals("1")) return Dimension.NONE;
            pos = start;
            throw error("number '" + number + "'", "a unit symbol (a unit has no numeric factor; 1 means dimensionless)");
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) pos++;
            String symbol = text.substring(start, pos);
            Dimension d = SYMBOLS.get(symbol);
            if (d == null) {
                pos = start;
                throw error("unknown unit '" + symbol + "'", "one of " + String.join(" ", SYMBOLS.keySet()));
            }
            return d;
        }
        throw error("unexpected '" + c + "'", "a unit symbol, 1 or (");
    }

    /** {p, q} of a rational exponent. */
    private long[] exponent() {
        skip();
        if (pos >= text.length()) throw error("unexpected end", "an exponent (an integer, or (p/q))");
        if (text.charAt(pos) == '(') {
            pos++;
            long p = signedInteger();
            long q = 1;
            skip();
            if (pos < text.length() && text.charAt(pos) == '/') {
                pos++;
                skip();
                q = digits();
                if (q == 0) {
                    pos--;
                    throw error("zero denominator", "a positive integer");
                }
            }
            skip();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw error(pos >= text.length() ? "unexpected end" : "unexpected '" + text.charAt(pos) + "'", ") closing the exponent");
            }
            pos++;
            return new long[] {p, q};
        }
        long sign = 1;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            if (text.charAt(pos) == '-') sign = -1;
            pos++;
        }
        int start = pos;
        long p = digits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            int fracStart = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
            String frac = text.substring(fracStart, pos);
            if (frac.isEmpty() || frac.length() > 6) {
                pos = start;
                throw error("exponent '" + text.substring(start, pos == start ? fracStart : pos) + "'", "an integer, a short decimal or (p/q)");
            }
            long q = (long) Math.pow(10, frac.length());
            return new long[] {sign * (p * q + Long.parseLong(frac)), q};
        }
        return new long[] {sign * p, 1};
    }

    private long signedInteger() {
        skip();
        long sign = 1;
        if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
            if (text.charAt(pos) == '-') sign = -1;
            pos++;
        }
        return sign * digits();
    }

    private long digits() {
        skip();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        if (start == pos) {
            throw error(pos >= text.length() ? "unexpected end" : "unexpected '" + text.charAt(pos) + "'",
                    "an exponent (an integer, or (p/q))");
        }
        if (pos - start > 6) {
            pos = start;
            throw error("exponent too large", "at most 6 digits");
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private IllegalArgumentException error(String what, String expected) {
        return new IllegalArgumentException("malformed unit '" + text + "' at column " + (pos + 1) + ": " + what
                + "; expected " + expected);
    }
}
