package org.distill.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.distill.symbolic.units.Dimension;

/**
 * AI Feynman's units table ({@code units.csv}, shipped as {@code FeynmanUnits.csv}: {@code Variable,
 * Units, m, s, kg, T, V}): the exponents of metre, second, kilogram, kelvin ({@code T}) and volt
 * ({@code V}) of every variable of the Feynman equations. The volt is expanded into SI base
 * dimensions ({@code kg·m²·s⁻³·A⁻¹}), so a charge ({@code m² s⁻² kg V⁻¹} in the table) is {@code A·s}.
 */
public final class FeynmanUnits {
    private static final String RESOURCE = "FeynmanUnits.csv";
    private static final Dimension VOLT = Dimension.parse("V");

    private FeynmanUnits() {}

    /** Every variable of the built-in table with its dimension. */
    public static Map<String, Dimension> builtIn() {
        try (InputStream in = FeynmanUnits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Dimension> read(Reader reader, String source) throws IOException {
        Map<String, Dimension> out = new LinkedHashMap<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            for (String col : List.of("Variable", "m", "s", "kg", "T", "V")) {
                if (!parser.getHeaderMap().containsKey(col)) {
                    throw new IllegalArgumentException(source + " line 1: missing column '" + col + "'");
                }
            }
            for (CSVRecord rec : parser) {
                String name = rec.get("Variable");
                if (name.isBlank()) continue;
                long line = rec.getRecordNumber() + 1;
                int[] e = new int[5];
                String[] cols = {"m", "s", "kg", "T", "V"};
                for (int k = 0; k < 5; k++) {
                    String v = rec.get(cols[k]).strip();
                    try {
                        e[k] = (int) Math.round(Double.parseDouble(v));
                        if (e[k] != Double.parseDouble(v)) throw new NumberFormatException();
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException(source + " line " + line + ", column '" + cols[k]
                                + "': not an integer exponent: '" + v + "'");
                    }
                }
                Dimension d = Dimension.of(e[0], e[1], e[2], e[3]).times(VOLT.pow(e[4], 1));
                out.put(name, d);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The units of a problem's variables and target, as {@code Dataset.withUnits} takes them.
     *
     * @throws IllegalArgumentException naming a variable the table does not have
     */
    public static Map<String, String> of(FeynmanProblem p, Map<String, Dimension> table) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : p.variableNames()) out.put(n, unit(table, n, p));
        out.put(p.output(), unit(table, p.output(), p));
        return out;
    }

    private static String unit(Map<String, Dimension> table, String name, FeynmanProblem p) {
        Dimension d = table.get(name);
        if (d == null) throw new IllegalArgumentException(p.name() + ": the units table has no variable '" + name + "'");
        return d.toString();
    }
}
