package org.distill.examples.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer and reader, enough for the {@code distill} command's output.
 *
 * <p>{@link #write} turns maps (keys as strings, in iteration order), lists and other iterables,
 * arrays, strings, numbers, booleans, enums and null into indented JSON. Non-finite numbers become
 * {@code null}, since JSON has no NaN or infinity. {@link #parse} reads JSON text back into
 * {@link LinkedHashMap}s, {@link ArrayList}s, strings, {@link Long}s (integers that fit),
 * {@link Double}s, booleans and null.
 */
public final class Json {
    private Json() {}

    /** Indented JSON (two spaces), ending without a newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb, int indent) {
        switch (v) {
            case null -> sb.append("null");
            case CharSequence s -> quote(s, sb);
            case Character c -> quote(String.valueOf(c), sb);
            case Enum<?> e -> quote(e.name(), sb);
            case Boolean b -> sb.append(b);
            case Double d -> number(d, sb);
            case Float f -> number(f.doubleValue(), sb);
            case Byte n -> sb.append(n);
            case Short n -> sb.append(n);
            case Integer n -> sb.append(n);
            case Long n -> sb.append(n);
            case BigInteger n -> sb.append(n);
            case BigDecimal n -> sb.append(n.toString());
            case Number n -> number(n.doubleValue(), sb);
            case Map<?, ?> m -> object(m, sb, indent);
            case Iterable<?> it -> array(it.iterator(), sb, indent);
            case Object[] a -> array(List.of(a).iterator(), sb, indent);
            case double[] a -> array(java.util.Arrays.stream(a).boxed().iterator(), sb, indent);
            case int[] a -> array(java.util.Arrays.stream(a).boxed().iterator(), sb, indent);
            case long[] a -> array(java.util.Arrays.stream(a).boxed().iterator(), sb, indent);
            default -> throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
        }
    }

    private static void number(double d, StringBuilder sb) {
        if (!Double.isFinite(d)) {
            sb.append("null");
        } else {
            sb.append(d); // Double.toString: shortest round-trip form, valid JSON (e.g. 1.0E-5)
        }
    }

    private static void object(Map<?, ?> m, StringBuilder sb, int indent) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() == null) throw new IllegalArgumentException("JSON object keys must not be null");
            pad(sb, indent + 1);
            quote(e.getKey().toString(), sb);
            sb.append(": ");
            write(e.getValue(), sb, indent + 1);
            sb.append(++i < m.size() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append('}');
    }

    private static void array(Iterator<?> it, StringBuilder sb, int indent) {
        List<Object> items = new ArrayList<>();
        it.forEachRemaining(items::add);
        if (items.isEmpty()) {
            sb.append("[]");
            return;
        }
        boolean flat = items.stream().noneMatch(x -> x instanceof Map || x instanceof Iterable || x instanceof Object[]);
        if (flat) { // scalars on one line: ["a", "b"]
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(", ");
                write(items.get(i), sb, indent);
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < items.size(); i++) {
            pad(sb, indent + 1);
            write(items.get(i), sb, indent + 1);
            sb.append(i + 1 < items.size() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append(']');
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent));
    }

    /** Appends {@code s} as a JSON string literal, escaping quotes, backslashes and control characters. */
    static void quote(CharSequence s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A JSON string literal for {@code s}. */
    public static String quote(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    /**
     * Reads one JSON value.
     *
     * @throws IllegalArgumentException naming the position when the text is not valid JSON
     */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        r.space();
        Object v = r.value();
        r.space();
        if (r.pos < text.length()) throw r.error("unexpected '" + text.charAt(r.pos) + "' after the value");
        return v;
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) { this.s = s; }

        Object value() {
            if (pos >= s.length()) throw error("unexpected end of input");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') yield number();
                    throw error("unexpected '" + c + "'");
                }
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            space();
            if (peek('}')) { pos++; return m; }
            while (true) {
                space();
                if (!peek('"')) throw error("expected a string key");
                String key = string();
                space();
                expect(':');
                space();
                if (m.containsKey(key)) throw error("duplicate key \"" + key + "\"");
                m.put(key, value());
                space();
                if (peek(',')) { pos++; continue; }
                expect('}');
                return m;
            }
        }

        private List<Object> array() {
            List<Object> a = new ArrayList<>();
            pos++;
            space();
            if (peek(']')) { pos++; return a; }
            while (true) {
                space();
                a.add(value());
                space();
                if (peek(',')) { pos++; continue; }
                expect(']');
                return a;
            }
        }

        private String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return sb.toString();
                if (c < 0x20) throw error("control character in string");
                if (c != '\\') { sb.append(c); continue; }
                if (pos >= s.length()) throw error("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) throw error("bad \\u escape");
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + e + "'");
                }
            }
        }

        private Object number() {
            int start = pos;
            if (peek('-')) pos++;
            if (peek('0')) {
                pos++;
            } else if (!digits()) {
                throw error("bad number");
            }
            boolean integral = true;
            if (peek('.')) {
                pos++;
                integral = false;
                if (!digits()) throw error("bad number");
            }
            if (peek('e') || peek('E')) {
                pos++;
                integral = false;
                if (peek('+') || peek('-')) pos++;
                if (!digits()) throw error("bad number");
            }
            String t = s.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException tooBig) {
                    return Double.parseDouble(t);
                }
            }
            return Double.parseDouble(t);
        }

        private boolean digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
            return pos > start;
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) throw error("unexpected '" + s.charAt(pos) + "'");
            pos += word.length();
            return value;
        }

        private boolean peek(char c) { return pos < s.length() && s.charAt(pos) == c; }

        private void expect(char c) {
            if (!peek(c)) {
                throw error(pos < s.length() ? "expected '" + c + "' but found '" + s.charAt(pos) + "'"
                        : "expected '" + c + "' but the input ended");
            }
            pos++;
        }

        void space() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) pos++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
        }
    }
}
