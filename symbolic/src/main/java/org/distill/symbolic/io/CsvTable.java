package org.distill.symbolic.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.distill.symbolic.Dataset;

/**
 * A table read from a comma-separated file with a header row, to be turned into a {@link Dataset}.
 *
 * <pre>{@code
 * Dataset data = CsvTable.read(Path.of("kepler.csv")).toDataset("period", null); // features: all other columns
 * }</pre>
 *
 * <p>Lines starting with {@code #} and blank lines are skipped; fields may be quoted; a UTF-8 byte
 * order mark is ignored. Cells are parsed as plain decimal numbers ({@code 1}, {@code -0.5},
 * {@code 6.67e-11}); a column that is not numeric is only an error when it is used, so a file may
 * carry a name column next to its numeric ones.
 *
 * <p>Problems with the file's contents throw a {@link FormatException} whose message names the file,
 * the line and the column, e.g. {@code kepler.csv line 5, column 'period': not a number: 'abc'}.
 * Asking for a column the file does not have throws a plain {@link IllegalArgumentException} that
 * lists the columns there are. Immutable.
 */
public final class CsvTable {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setCommentMarker('#')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL) // reported below, with a better message
            .setAllowMissingColumnNames(true)
            .get();

    private final String source;
    private final List<String> columns;
    private final long headerLine;
    private final double[][] values;   // [column][row]; NaN where a cell is not a finite number
    private final BadCell[] firstBad;  // per column: the first cell that is not a finite number, or null
    private final int rows;

    /** The first cell of a column that is not a finite number. */
    private record BadCell(long line, String problem) {}

    private CsvTable(String source, List<String> columns, long headerLine, double[][] values,
                     BadCell[] firstBad, int rows) {
        this.source = source;
        this.columns = columns;
        this.headerLine = headerLine;
        this.values = values;
        this.firstBad = firstBad;
        this.rows = rows;
    }

    /**
     * Reads a CSV file (UTF-8) with a header row and at least two data rows.
     *
     * @throws FormatException if the file does not exist, is empty, has fewer than two data rows,
     *                         ragged rows, duplicate column names or is not valid CSV
     * @throws IOException     if the file cannot be read
     */
    public static CsvTable read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        if (Files.isDirectory(file)) throw FormatException.at(source, 0, null, "is a directory, not a CSV file");
        if (!Files.exists(file)) throw FormatException.at(source, 0, null, "no such file");
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            return read(reader, source);
        }
    }

    /** Parses CSV text; {@code source} names it in error messages (e.g. a file name). */
    public static CsvTable parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a StringReader
        }
    }

    /** Reads CSV from {@code reader} (not closed); {@code source} names it in error messages. */
    public static CsvTable read(Reader reader, String source) throws IOException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        in.mark(1);
        if (in.read() != '\uFEFF') in.reset(); // skip a byte order mark
        try (CSVParser parser = CSVParser.parse(in, FORMAT)) {
            List<String> names = parser.getHeaderNames();
            long headerLine = parser.getCurrentLineNumber();
            if (names.isEmpty() || names.size() == 1 && names.getFirst().isEmpty()) {
                throw FormatException.at(source, 0, null,
                        "the file is empty: expected a header row naming the columns, e.g. 'x,y', then data rows");
            }
            checkDuplicates(source, headerLine, names);
            int p = names.size();
            double[][] values = new double[p][16];
            BadCell[] firstBad = new BadCell[p];
            int rows = 0;
            var records = parser.iterator();
            while (next(records, source)) {
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) continue; // a line of spaces
                if (record.size() != p) {
                    throw new FormatException(source + " line " + line + " has " + record.size() + " field"
                            + (record.size() == 1 ? "" : "s") + ", the header (line " + headerLine + ") has " + p
                            + hint(names), source, line, null);
                }
                if (rows == values[0].length) {
                    for (int j = 0; j < p; j++) values[j] = Arrays.copyOf(values[j], 2 * rows);
                }
                for (int j = 0; j < p; j++) {
                    String cell = record.get(j);
                    double v = parseNumber(cell);
                    values[j][rows] = v;
                    if (Double.isNaN(v) && firstBad[j] == null) firstBad[j] = new BadCell(line, problem(cell));
                }
                rows++;
            }
            if (rows < 2) {
                throw new FormatException(source + (rows == 0 ? " has a header but no data rows"
                        : " has only 1 data row") + "; need at least 2", source, 0, null);
            }
            for (int j = 0; j < p; j++) values[j] = Arrays.copyOf(values[j], rows);
            return new CsvTable(source, List.copyOf(names), headerLine, values, firstBad, rows);
        } catch (CSVException e) {
            throw FormatException.at(source, 0, null, "not valid CSV: " + e.getMessage());
        }
    }

    private static boolean next(java.util.Iterator<CSVRecord> records, String source) throws IOException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException c) {
                throw FormatException.at(source, 0, null, "not valid CSV: " + c.getMessage());
            }
            throw e.getCause();
        }
    }

    private static void checkDuplicates(String source, long headerLine, List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            if (n.isEmpty()) continue;
            Integer before = seen.putIfAbsent(n, j);
            if (before != null) {
                throw FormatException.at(source, headerLine, null, "duplicate column name '" + n + "' (columns "
                        + (before + 1) + " and " + (j + 1) + "); rename one of them");
            }
        }
    }

    private static String hint(List<String> names) {
        if (names.size() == 1 && (names.getFirst().contains(";") || names.getFirst().contains("\t"))) {
            return " (the file seems to use ';' or tabs between fields; only commas are read)";
        }
        return "";
    }

    /** The value of a cell, or NaN if it is not a plain finite decimal number. */
    private static double parseNumber(String s) {
        if (!isDecimal(s)) return Double.NaN;
        double v = Double.parseDouble(s);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} */
    private static boolean isDecimal(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == n;
    }

    private static String problem(String cell) {
        if (cell.isEmpty()) return "empty cell; fill it in or remove the row";
        String lower = cell.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
            return "not a finite number: '" + cell + "'; remove the row or fill in a value";
        }
        if (isDecimal(cell)) return "number out of range: '" + cell + "'";
        if (cell.matches("[+-]?\\d+,\\d+")) return "not a number: '" + cell + "' (use '.' as the decimal separator)";
        return "not a number: '" + cell + "'";
    }

    /** The file name (or other source) used in messages. */
    public String source() { return source; }

    /** The column names from the header row, in file order. */
    public List<String> columns() { return columns; }

    /** The number of data rows. */
    public int rows() { return rows; }

    /**
     * A copy of the named column's values.
     *
     * @throws IllegalArgumentException if there is no such column
     * @throws FormatException          if a cell of the column is not a finite number
     */
    public double[] column(String name) {
        int j = index(name, "column");
        checkNumeric(j);
        return values[j].clone();
    }

    /**
     * A data set with {@code target} as the target and {@code features} as the variables, in the
     * order given; {@code features} null means every other column, in file order.
     *
     * @throws IllegalArgumentException if a column does not exist, the target is also a feature, a
     *                                  feature is listed twice, or there is no feature
     * @throws FormatException          if a used column has a cell that is not a finite number or a
     *                                  name that is not an identifier
     */
    public Dataset toDataset(String target, List<String> features) {
        Objects.requireNonNull(target, "target");
        int t = index(target, "target column");
        List<String> names;
        if (features == null) {
            names = new ArrayList<>(columns);
            names.remove(target);
            if (names.isEmpty()) {
                throw new IllegalArgumentException(source + " has no column besides the target '" + target
                        + "' to use as a feature");
            }
        } else {
            if (features.isEmpty()) throw new IllegalArgumentException("need at least one feature column");
            List<String> unknown = features.stream().filter(f -> f.isEmpty() || !columns.contains(f)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown feature column" + (unknown.size() == 1 ? " " : "s ")
                        + quoted(unknown) + ": " + source + " has columns " + String.join(", ", columns));
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String f : features) {
                if (f.equals(target)) {
                    throw new IllegalArgumentException("the target '" + target + "' is also listed as a feature");
                }
                if (!seen.add(f)) throw new IllegalArgumentException("feature '" + f + "' is listed twice");
            }
            names = List.copyOf(features);
        }
        int[] used = new int[names.size() + 1];
        for (int k = 0; k < names.size(); k++) used[k] = columns.indexOf(names.get(k));
        used[names.size()] = t;
        for (int j : used) checkName(j);
        checkNumeric(used);
        double[][] cols = new double[names.size()][];
        for (int k = 0; k < names.size(); k++) cols[k] = values[used[k]];
        return Dataset.ofColumns(cols, values[t]).withVariables(names).withTarget(target);
    }

    private int index(String name, String what) {
        int j = name.isEmpty() ? -1 : columns.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "': " + source + " has columns "
                    + String.join(", ", columns));
        }
        return j;
    }

    private void checkName(int j) {
        String n = columns.get(j);
        if (IDENTIFIER.matcher(n).matches()) return;
        String why = n.isEmpty() ? "has no name" : "is named '" + n + "', which is not an identifier "
                + "(letters, digits and _, not starting with a digit)";
        throw FormatException.at(source, headerLine, null, "column " + (j + 1) + " " + why
                + "; rename it in the header, e.g. to '" + suggestName(n, j) + "'");
    }

    /** An identifier close to {@code name}: other characters become {@code _}. */
    static String suggestName(String name, int index) {
        String s = name.trim().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty()) return "x" + (index + 1);
        return Character.isDigit(s.charAt(0)) ? "x" + s : s;
    }

    /** Throws for the earliest bad cell among the given columns. */
    private void checkNumeric(int... used) {
        int worst = -1;
        for (int j : used) {
            if (firstBad[j] != null && (worst < 0 || firstBad[j].line() < firstBad[worst].line())) worst = j;
        }
        if (worst >= 0) {
            BadCell bad = firstBad[worst];
            throw FormatException.at(source, bad.line(), columns.get(worst), bad.problem());
        }
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    @Override public String toString() {
        return "CsvTable[" + source + ", " + rows + " rows, columns " + columns + "]";
    }

    /**
     * A problem with the contents of a CSV file: the message names the file and, where they apply,
     * the line and the column, e.g. {@code kepler.csv line 5, column 'period': not a number: 'abc'}.
     */
    public static final class FormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String source;
        private final long line;
        private final String column;

        FormatException(String message, String source, long line, String column) {
            super(message);
            this.source = source;
            this.line = line;
            this.column = column;
        }

        /** "{source} line {line}, column '{column}': {problem}", leaving out what is absent. */
        static FormatException at(String source, long line, String column, String problem) {
            return new FormatException(source + (line > 0 ? " line " + line : "")
                    + (column != null ? ", column '" + column + "'" : "") + ": " + problem, source, line, column);
        }

        /** The file name (or other source) of the table. */
        public String source() { return source; }

        /** The line (1-based), or 0 if the problem is not on one line. */
        public long line() { return line; }

        /** The column name, or null if the problem is not in one column. */
        public String column() { return column; }
    }
}
