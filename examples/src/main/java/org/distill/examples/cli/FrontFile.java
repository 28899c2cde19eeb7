package org.distill.examples.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;

/**
 * The front as a CSV file ({@code complexity,loss,score,equation}, after {@code #} comment lines),
 * written atomically so that a reader never sees half a file, and read back to seed a search.
 */
final class FrontFile {
    static final List<String> HEADER = List.of("complexity", "loss", "score", "equation");

    private FrontFile() {}

    /** The CSV text of a front, with {@code comment} (may be multi-line) as leading # lines. */
    static String format(ParetoFront front, String comment) {
        StringWriter w = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setRecordSeparator('\n').get();
        try (CSVPrinter p = new CSVPrinter(w, format)) {
            if (comment != null && !comment.isEmpty()) p.printComment(comment);
            p.printRecord(HEADER);
            for (Equation e : front.equations()) {
                p.printRecord(e.complexity(), e.loss(), e.score(), e.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /**
     * Writes {@code text} to {@code file} through a temporary file in the same directory that is then
     * moved over it, atomically where the file system allows.
     */
    static void writeAtomically(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        org.distill.physics.io.AtomicFile.write(file, 1 << 16, out -> out.write(bytes));
    }

    /**
     * The equations of a front file (its {@code equation} column), parsed with the given variable
     * names.
     *
     * @throws DistillCommand.Failure (data error) naming the file and line of an equation that
     *                                cannot be read, or when there is none
     */
    static List<Expr> read(Path file, List<String> variables) throws IOException {
        String name = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();
        List<Expr> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(r, format)) {
            int col = parser.getHeaderNames().indexOf("equation");
            if (col < 0) {
                throw DistillCommand.Failure.data(name + " is not a front file: it has no 'equation' column"
                        + " (expected the header " + String.join(",", HEADER) + ")");
            }
            Iterator<CSVRecord> records = parser.iterator();
            while (hasNext(records)) {
                CSVRecord record = records.next();
                long line = parser.getCurrentLineNumber();
                if (col >= record.size()) {
                    throw DistillCommand.Failure.data(name + " line " + line + ": no equation (the line has "
                            + record.size() + " fields)");
                }
                String text = record.get(col);
                try {
                    out.add(Parser.parse(text, variables));
                } catch (IllegalArgumentException e) {
                    throw DistillCommand.Failure.data(name + " line " + line + ": cannot read the equation '"
                            + text + "': " + e.getMessage());
                }
            }
        } catch (CSVException e) {
            throw DistillCommand.Failure.data(name + ": not valid CSV: " + e.getMessage());
        }
        if (out.isEmpty()) throw DistillCommand.Failure.data(name + " has no equations to resume from");
        return out;
    }

    private static boolean hasNext(Iterator<CSVRecord> records) throws IOException {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
