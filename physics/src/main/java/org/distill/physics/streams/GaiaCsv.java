package org.distill.physics.streams;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes star tables as CSV with the Gaia archive's column names ({@link StarCatalog#COLUMNS}: ra, dec,
 * pmra, pmdec, parallax, phot_g_mean_mag, bp_rp), so a query result from the Gaia archive can be used as it is.
 * Column names are matched ignoring case and surrounding spaces; other columns are ignored; lines starting with
 * {@code #} and blank lines are skipped; a UTF-8 byte order mark is ignored. An optional member column (by default
 * {@code member}) holds 1/0, true/false or yes/no.
 *
 * <p>Errors name the file, the line and the column: {@code gaia.csv line 17, column 'parallax': not a number: 'abc'}.
 * Gaia leaves parallax, proper motions and BP−RP empty for two-parameter solutions; such rows are an error unless
 * {@link Builder#skipIncomplete} is set, which drops them (and counts them in {@link Table#skipped()}).
 *
 * <pre>{@code
 * StarCatalog stars = GaiaCsv.read(Path.of("gaia.csv"));
 * GaiaCsv.Table table = GaiaCsv.builder().skipIncomplete(true).build().readTable(Path.of("gd1.csv"));
 * }</pre>
 */
public final class GaiaCsv {
    /** Default name of the member column. */
    public static final String MEMBER = "member";
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setCommentMarker('#').setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true)
            .setAllowMissingColumnNames(true).get();

    private final String memberColumn;
    private final boolean skipIncomplete;

    private GaiaCsv(Builder b) {
        this.memberColumn = b.memberColumn;
        this.skipIncomplete = b.skipIncomplete;
    }

    /** A reader with the defaults: member column {@value #MEMBER}, incomplete rows are errors. */
    public static GaiaCsv of() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    /**
     * The stars of a Gaia-style CSV file (extra columns, including a member column, are ignored).
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming file, line and column for bad contents, or the missing columns
     */
    public static StarCatalog read(Path file) throws IOException { return of().readTable(file).stars(); }

    /** Stars, their member flags if the file has the member column, and how many incomplete rows were dropped. */
    public record Table(StarCatalog stars, Optional<boolean[]> member, int skipped) {
        public Table {
            Objects.requireNonNull(stars, "stars");
            Objects.requireNonNull(member, "member");
            member.ifPresent(m -> {
                if (m.length != stars.size())
                    throw new IllegalArgumentException("member has " + m.length + " rows, stars has " + stars.size());
            });
        }
    }

    /**
     * Reads a file.
     *
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming file, line and column for bad contents, or the missing columns
     */
    public Table readTable(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readTable(reader, file.toString());
        }
    }

    /** Reads CSV text from {@code reader} (not closed); {@code source} names it in error messages. */
    public Table readTable(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        in.mark(1);
        if (in.read() != '\uFEFF') in.reset();
        try (CSVParser parser = CSVParser.parse(in, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            int[] at = new int[7];
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < 7; c++) {
                at[c] = find(header, StarCatalog.COLUMNS.get(c));
                if (at[c] < 0) missing.add(StarCatalog.COLUMNS.get(c));
            }
            if (!missing.isEmpty())
                throw new IllegalArgumentException(source + ": missing column" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing) + "; the header has " + header);
            int memberAt = find(header, memberColumn);
            double[][] cols = new double[7][1024];
            boolean[] member = new boolean[1024];
            int n = 0, skipped = 0;
            var records = parser.iterator();
            while (hasNext(records, source)) {
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) continue;
                if (record.size() != header.size())
                    throw new IllegalArgumentException(source + " line " + line + " has " + record.size()
                            + " fields, the header has " + header.size());
                if (n == member.length) {
                    for (int c = 0; c < 7; c++) cols[c] = Arrays.copyOf(cols[c], 2 * n);
                    member = Arrays.copyOf(member, 2 * n);
                }
                boolean incomplete = false;
                for (int c = 0; c < 7; c++) {
                    String cell = record.get(at[c]);
                    if (isMissing(cell)) {
                        if (!skipIncomplete)
                            throw new IllegalArgumentException(source + " line " + line + ", column '"
                                    + header.get(at[c]) + "': missing value" + (cell.isEmpty() ? "" : " '" + cell + "'")
                                    + " (set skipIncomplete to drop such rows)");
                        incomplete = true;
                        continue;
                    }
                    cols[c][n] = number(cell, source, line, header.get(at[c]));
                }
                if (memberAt >= 0) member[n] = flag(record.get(memberAt), source, line, header.get(memberAt));
                if (incomplete) skipped++;
                else n++;
            }
            for (int c = 0; c < 7; c++) cols[c] = Arrays.copyOf(cols[c], n);
            var stars = new StarCatalog(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
            return new Table(stars, memberAt >= 0 ? Optional.of(Arrays.copyOf(member, n)) : Optional.empty(), skipped);
        } catch (CSVException e) {
            throw new IllegalArgumentException(source + ": not valid CSV: " + e.getMessage(), e);
        }
    }

    private static boolean hasNext(java.util.Iterator<CSVRecord> records, String source) throws IOException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException c)
                throw new IllegalArgumentException(source + ": not valid CSV: " + c.getMessage(), c);
            throw e.getCause();
        }
    }

    private static int find(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) if (header.get(i).trim().equalsIgnoreCase(name)) return i;
        return -1;
    }

    private static boolean isMissing(String cell) {
        String s = cell.toLowerCase(Locale.ROOT);
        return s.isEmpty() || s.equals("nan") || s.equals("null") || s.equals("--");
    }

    private static double number(String cell, String source, long line, String column) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + ", column '" + column + "': not a number: '"
                    + cell + "'");
        }
        if (!Double.isFinite(v) || cell.chars().anyMatch(Character::isLetter) && !cell.matches("[-+0-9.]+[eE][-+]?[0-9]+"))
            throw new IllegalArgumentException(source + " line " + line + ", column '" + column
                    + "': not a finite decimal number: '" + cell + "'");
        return v;
    }

    private static boolean flag(String cell, String source, long line, String column) {
        return switch (cell.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "t", "y" -> true;
            case "0", "false", "no", "f", "n" -> false;
            default -> throw new IllegalArgumentException(source + " line " + line + ", column '" + column
                    + "': not a member flag (1/0, true/false, yes/no): '" + cell + "'");
        };
    }

    /**
     * Writes stars (and member flags, when not null, as a {@value #MEMBER} column of 1/0) with Gaia's column names;
     * values as Java's shortest round-trip decimals, so {@link #readTable} returns them exactly.
     */
    public static void write(Path file, StarCatalog stars, boolean[] member) throws IOException {
        Objects.requireNonNull(stars, "stars");
        if (member != null && member.length != stars.size())
            throw new IllegalArgumentException("member has " + member.length + " rows, stars has " + stars.size());
        List<String> header = new ArrayList<>(StarCatalog.COLUMNS);
        if (member != null) header.add(MEMBER);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                     .setHeader(header.toArray(String[]::new)).get())) {
            Object[] row = new Object[header.size()];
            for (int i = 0; i < stars.size(); i++) {
                for (int c = 0; c < 7; c++) row[c] = Double.toString(stars.column(c)[i]);
                if (member != null) row[7] = member[i] ? "1" : "0";
                printer.printRecord(row);
            }
        }
    }

    /** Settings of a reader. */
    public static final class Builder {
        private String memberColumn = MEMBER;
        private boolean skipIncomplete = false;

        private Builder() { }

        /** Name of the optional member column (matched ignoring case). */
        public Builder memberColumn(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("memberColumn must be non-blank: '" + name + "'");
            this.memberColumn = name.trim();
            return this;
        }

        /** Drop rows with an empty, NaN or null value in one of the 7 columns instead of failing. */
        public Builder skipIncomplete(boolean skip) { this.skipIncomplete = skip; return this; }

        public GaiaCsv build() { return new GaiaCsv(this); }
    }
}
