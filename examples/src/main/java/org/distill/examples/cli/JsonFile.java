package org.distill.examples.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The commands' JSON output, written by Jackson from records: two-space indentation, {@code "key": value}, arrays
 * of numbers or strings on one line and arrays of objects one element a line. Numbers are written as
 * {@link Double#toString} writes them ({@code 1.0E-5}); NaN and infinities, which JSON lacks, as {@code null}.
 */
final class JsonFile {
    private static final ObjectWriter WRITER = new ObjectMapper()
            .registerModule(new SimpleModule("distill-json")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(Double.TYPE, new FiniteDouble())
                    .addSerializer(double[].class, new FiniteDoubles()))
            .writer(new Layout());

    private JsonFile() { }

    /** {@code value} as indented JSON, without a final newline. */
    static String format(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a bug in a JSON record, not bad input
        }
    }

    /** Writes {@code value} as JSON, and a newline, to {@code file}, atomically (see {@link FrontFile#writeAtomically}). */
    static void write(Path file, Object value) throws IOException {
        FrontFile.writeAtomically(file, format(value) + "\n");
    }

    /** A number, or null where it is not finite. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteDouble() { super(Double.class); }

        @Override public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (Double.isFinite(v)) g.writeNumber(v);
            else g.writeNull();
        }
    }

    /** An array of numbers, with null where one is not finite. */
    private static final class FiniteDoubles extends StdSerializer<double[]> {
        private static final long serialVersionUID = 1L;

        FiniteDoubles() { super(double[].class); }

        @Override public void serialize(double[] values, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray(values, values.length);
            for (double v : values) {
                if (Double.isFinite(v)) g.writeNumber(v);
                else g.writeNull();
            }
            g.writeEndArray();
        }
    }

    /**
     * The layout: objects one entry a line; an array one element a line when its first element is an object or an
     * array, else on one line ({@code [1.0, 2.0]}).
     */
    private static final class Layout implements PrettyPrinter, Instantiatable<Layout> {
        /** An open object (null) or array (whether it is laid out one element a line, once known). */
        private static final class Frame {
            final boolean array;
            boolean first = true, lines;

            Frame(boolean array) { this.array = array; }
        }

        private final Deque<Frame> open = new ArrayDeque<>();

        @Override public Layout createInstance() { return new Layout(); }

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            g.writeRaw("  ".repeat(open.size()));
        }

        /** An object or array starts: as the first element of an array, it puts that array's elements on lines. */
        private void container(JsonGenerator g) throws IOException {
            Frame f = open.peek();
            if (f != null && f.array && f.first) {
                f.lines = true;
                f.first = false;
                newline(g);
            }
        }

        @Override public void writeRootValueSeparator(JsonGenerator g) throws IOException { g.writeRaw('\n'); }

        @Override public void writeStartObject(JsonGenerator g) throws IOException {
            container(g);
            g.writeRaw('{');
            open.push(new Frame(false));
        }

        @Override public void beforeObjectEntries(JsonGenerator g) throws IOException { newline(g); }

        @Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(": "); }

        @Override public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            open.pop();
            if (entries > 0) newline(g);
            g.writeRaw('}');
        }

        @Override public void writeStartArray(JsonGenerator g) throws IOException {
            container(g);
            g.writeRaw('[');
            open.push(new Frame(true));
        }

        @Override public void beforeArrayValues(JsonGenerator g) { }

        @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            Frame f = open.peek();
            f.first = false;
            g.writeRaw(',');
            if (f.lines) newline(g);
            else g.writeRaw(' ');
        }

        @Override public void writeEndArray(JsonGenerator g, int values) throws IOException {
            Frame f = open.pop();
            if (f.lines) newline(g);
            g.writeRaw(']');
        }
    }
}
