package org.distill.examples.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The benchmark's results file: one CSV row per finished run, appended (and flushed) as each run
 * ends, so that a long benchmark can be stopped and resumed. Never rewrites existing rows.
 */
public final class ResultsCsv {
    /** The header, in column order. */
    public static final List<String> HEADER = List.of("problem", "variables", "rows", "noise", "seed", "time_limit_s",
            "exact", "exact_in_front", "r2_test", "time_to_exact_s", "elapsed_s", "complexity", "evaluations",
            "equation", "truth");

    private ResultsCsv() {}

    /** Appends one result, writing the header first if the file is new or empty. */
    public static void append(Path file, BenchResult r) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) checkHeader(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            if (fresh) p.printRecord(HEADER);
            p.printRecord(r.problem(), r.variables(), r.rows(), num(r.noise()), r.seed(), num(r.timeLimit()),
                    r.exact(), r.exactInFront(), num(r.r2()), num(r.timeToExact()), num(r.elapsed()),
                    r.complexity(), r.evaluations(), r.equation(), r.truth());
        }
    }

    private static void checkHeader(Path file) throws IOException {
        String first;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            first = lines.findFirst().orElse("");
        }
        if (!first.strip().equals(String.join(",", HEADER))) {
            throw new IllegalArgumentException(file + " line 1: not a Distill benchmark results file (expected the header '"
                    + String.join(",", HEADER) + "')");
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(Double.parseDouble(String.format(Locale.ROOT, "%.10g", v)));
    }

    /** Reads every result; errors name the file, line and column. */
    public static List<BenchResult> read(Path file) throws IOException {
        List<BenchResult> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(HEADER)) {
                throw new IllegalArgumentException(file + " line 1: not a Distill benchmark results file: header " + header
                        + ", expected " + HEADER);
            }
            for (CSVRecord rec : parser) {
                Row row = new Row(file, rec);
                out.add(new BenchResult(row.text("problem"), row.integer("variables"), row.integer("rows"),
                        row.number("noise"), row.longValue("seed"), row.number("time_limit_s"), row.bool("exact"),
                        row.bool("exact_in_front"), row.number("r2_test"), row.number("time_to_exact_s"),
                        row.number("elapsed_s"), row.integer("complexity"), row.longValue("evaluations"),
                        row.text("equation"), row.text("truth")));
            }
        }
        return out;
    }

    private record Row(Path file, CSVRecord rec) {
        String text(String col) {
            if (!rec.isSet(col)) throw error(col, "missing value");
            return rec.get(col);
        }

        IllegalArgumentException error(String col, String what) {
            return new IllegalArgumentException(file + " line " + (rec.getRecordNumber() + 1) + ", column '" + col + "': " + what);
        }

        double number(String col) {
            String s = text(col).strip();
            if (s.isEmpty()) return Double.NaN;
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(col, "not a number: '" + s + "'");
            }
        }

        int integer(String col) {
            try {
                return Integer.parseInt(text(col).strip());
            } catch (NumberFormatException e) {
                throw error(col, "not an integer: '" + text(col) + "'");
            }
        }

        long longValue(String col) {
            try {
                return Long.parseLong(text(col).strip());
            } catch (NumberFormatException e) {
                throw error(col, "not an integer: '" + text(col) + "'");
            }
        }

        boolean bool(String col) {
            String s = text(col).strip();
            if (Arrays.asList("true", "false").contains(s)) return Boolean.parseBoolean(s);
            throw error(col, "expected true or false: '" + s + "'");
        }
    }
}
