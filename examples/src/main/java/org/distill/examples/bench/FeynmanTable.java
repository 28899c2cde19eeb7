package org.distill.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The table of Feynman equations (AI Feynman's {@code FeynmanEquations.csv}: {@code Filename,
 * Number, Output, Formula, # variables, v1_name, v1_low, v1_high, ...}). A copy ships inside the
 * jar ({@link #builtIn()}); {@link #read} reads another file of the same shape.
 */
public final class FeynmanTable {
    private static final String RESOURCE = "FeynmanEquations.csv";

    private FeynmanTable() {}

    /** The 100 equations of the built-in table, in table order. */
    public static List<FeynmanProblem> builtIn() {
        try (InputStream in = FeynmanTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table file; errors name the file, line and column. */
    public static List<FeynmanProblem> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    static List<FeynmanProblem> read(Reader reader, String source) throws IOException {
        List<FeynmanProblem> out = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            for (String col : List.of("Filename", "Number", "Output", "Formula", "# variables")) {
                if (!parser.getHeaderMap().containsKey(col)) {
                    throw new IllegalArgumentException(source + " line 1: missing column '" + col + "'");
                }
            }
            for (CSVRecord rec : parser) {
                String name = rec.get("Filename");
                if (name.isBlank()) continue; // trailing empty lines
                long line = rec.getRecordNumber() + 1;
                int count = integer(rec, "# variables", source, line);
                List<FeynmanProblem.Variable> vars = new ArrayList<>();
                for (int k = 1; k <= count; k++) {
                    String vn = "v" + k + "_name";
                    if (!rec.isSet(vn) || rec.get(vn).isBlank()) {
                        throw new IllegalArgumentException(source + " line " + line + ", column '" + vn + "': missing (the row says "
                                + count + " variables)");
                    }
                    try {
                        vars.add(new FeynmanProblem.Variable(rec.get(vn), number(rec, "v" + k + "_low", source, line),
                                number(rec, "v" + k + "_high", source, line)));
                    } catch (IllegalArgumentException e) {
                        if (e.getMessage().startsWith(source)) throw e;
                        throw new IllegalArgumentException(source + " line " + line + ": " + e.getMessage(), e);
                    }
                }
                try {
                    out.add(new FeynmanProblem(name, integer(rec, "Number", source, line), rec.get("Output"),
                            rec.get("Formula"), vars));
                } catch (IllegalArgumentException e) {
                    if (e.getMessage().startsWith(source)) throw e;
                    throw new IllegalArgumentException(source + " line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /**
     * The problems named in {@code names} (in that order), from {@code all}; an unknown name is an
     * error that lists a few close names.
     */
    public static List<FeynmanProblem> select(List<FeynmanProblem> all, List<String> names) {
        Map<String, FeynmanProblem> byName = new LinkedHashMap<>();
        for (FeynmanProblem p : all) byName.put(p.name(), p);
        List<FeynmanProblem> out = new ArrayList<>();
        for (String n : names) {
            FeynmanProblem p = byName.get(n.strip());
            if (p == null) {
                String prefix = n.strip().contains(".") ? n.strip().substring(0, n.strip().lastIndexOf('.')) : n.strip();
                List<String> near = byName.keySet().stream().filter(k -> k.startsWith(prefix)).limit(8).toList();
                throw new IllegalArgumentException("unknown Feynman problem '" + n.strip() + "'"
                        + (near.isEmpty() ? "" : "; similar: " + String.join(", ", near)));
            }
            out.add(p);
        }
        return out;
    }

    private static int integer(CSVRecord rec, String col, String source, long line) {
        String s = rec.get(col);
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ", column '" + col + "': not an integer: '" + s + "'");
        }
    }

    private static double number(CSVRecord rec, String col, String source, long line) {
        String s = rec.isSet(col) ? rec.get(col) : "";
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ", column '" + col + "': not a number: '" + s + "'");
        }
    }
}
