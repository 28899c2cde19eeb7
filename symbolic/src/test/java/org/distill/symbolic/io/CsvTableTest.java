package org.distill.symbolic.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.io.CsvTable.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableTest {
    private static final String KEPLER = """
            # source: NASA planetary fact sheet
            a,period

            0.387098,87.9691
            # inner planets above
            0.723332,224.701
            1.000001,365.256363
            """;

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test void readsAFileWithCommentsAndBlankLines() throws IOException {
        CsvTable t = CsvTable.read(write("kepler.csv", KEPLER));
        assertThat(t.columns()).containsExactly("a", "period");
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.column("a")).containsExactly(0.387098, 0.723332, 1.000001);
        assertThat(t.column("period")).containsExactly(87.9691, 224.701, 365.256363);
        assertThat(t.source()).endsWith("kepler.csv");
    }

    @Test void makesADatasetWithAllOtherColumnsAsFeatures() {
        Dataset d = CsvTable.parse("x,y,z\n1,2,3\n4,5,6\n", "t.csv").toDataset("y", null);
        assertThat(d.variables()).containsExactly("x", "z");
        assertThat(d.target()).isEqualTo("y");
        assertThat(d.y()).containsExactly(2, 5);
        assertThat(d.column(0)).containsExactly(1, 4);
        assertThat(d.column(1)).containsExactly(3, 6);
    }

    @Test void makesADatasetWithFeaturesInTheOrderGiven() {
        Dataset d = CsvTable.parse("x,y,z\n1,2,3\n4,5,6\n", "t.csv").toDataset("x", List.of("z", "y"));
        assertThat(d.variables()).containsExactly("z", "y");
        assertThat(d.column(0)).containsExactly(3, 6);
        assertThat(d.y()).containsExactly(1, 4);
    }

    @Test void ignoresUnusedColumnsThatAreNotNumbersOrNotIdentifiers() {
        CsvTable t = CsvTable.parse("planet,orbital period,a,period\nMercury,x,0.39,88\nVenus,y,0.72,225\n", "p.csv");
        Dataset d = t.toDataset("period", List.of("a"));
        assertThat(d.variables()).containsExactly("a");
        assertThat(d.y()).containsExactly(88, 225);
    }

    @Test void acceptsQuotesSpacesCrlfAndAByteOrderMark() throws IOException {
        Path p = dir.resolve("win.csv");
        Files.write(p, "\uFEFF\"x\" , y\r\n 1 ,\"2.5\"\r\n3,4\r\n".getBytes(StandardCharsets.UTF_8));
        CsvTable t = CsvTable.read(p);
        assertThat(t.columns()).containsExactly("x", "y");
        assertThat(t.column("y")).containsExactly(2.5, 4);
    }

    @Test void missingFile() {
        Path p = dir.resolve("nope.csv");
        assertThatThrownBy(() -> CsvTable.read(p)).isInstanceOf(FormatException.class)
                .hasMessage(p + ": no such file");
    }

    @Test void directory() {
        assertThatThrownBy(() -> CsvTable.read(dir)).isInstanceOf(FormatException.class)
                .hasMessageContaining("is a directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n\n"})
    void emptyFile(String text) throws IOException {
        Path p = write("empty.csv", text);
        assertThatThrownBy(() -> CsvTable.read(p)).isInstanceOf(FormatException.class)
                .hasMessageStartingWith(p + ": the file is empty");
    }

    @Test void headerOnly() {
        assertThatThrownBy(() -> CsvTable.parse("# c\na,b\n", "h.csv")).isInstanceOf(FormatException.class)
                .hasMessage("h.csv has a header but no data rows; need at least 2");
    }

    @Test void oneDataRow() {
        assertThatThrownBy(() -> CsvTable.parse("a,b\n1,2\n", "one.csv")).isInstanceOf(FormatException.class)
                .hasMessage("one.csv has only 1 data row; need at least 2");
    }

    @Test void unknownTargetListsTheColumns() {
        CsvTable t = CsvTable.parse(KEPLER, "kepler.csv");
        assertThatThrownBy(() -> t.toDataset("T", null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown target column 'T': kepler.csv has columns a, period");
    }

    @Test void unknownFeaturesListTheColumns() {
        CsvTable t = CsvTable.parse(KEPLER, "kepler.csv");
        assertThatThrownBy(() -> t.toDataset("period", List.of("a", "b")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown feature column 'b': kepler.csv has columns a, period");
        assertThatThrownBy(() -> t.toDataset("period", List.of("b", "c")))
                .hasMessageStartingWith("unknown feature columns 'b', 'c'");
    }

    @Test void targetAmongFeatures() {
        CsvTable t = CsvTable.parse(KEPLER, "kepler.csv");
        assertThatThrownBy(() -> t.toDataset("period", List.of("a", "period")))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the target 'period' is also listed as a feature");
    }

    @Test void featureListedTwiceOrNone() {
        CsvTable t = CsvTable.parse(KEPLER, "kepler.csv");
        assertThatThrownBy(() -> t.toDataset("period", List.of("a", "a"))).hasMessage("feature 'a' is listed twice");
        assertThatThrownBy(() -> t.toDataset("period", List.of())).hasMessage("need at least one feature column");
        CsvTable single = CsvTable.parse("y,z\n1,x\n2,y\n", "s.csv");
        assertThatThrownBy(() -> single.toDataset("y", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void nonNumericCellNamesFileLineAndColumn() {
        String text = KEPLER.replace("224.701", "abc");
        CsvTable t = CsvTable.parse(text, "kepler.csv");
        assertThatThrownBy(() -> t.toDataset("period", null)).isInstanceOf(FormatException.class)
                .hasMessage("kepler.csv line 6, column 'period': not a number: 'abc'")
                .satisfies(e -> {
                    FormatException f = (FormatException) e;
                    assertThat(f.line()).isEqualTo(6);
                    assertThat(f.column()).isEqualTo("period");
                    assertThat(f.source()).isEqualTo("kepler.csv");
                });
        assertThatThrownBy(() -> t.column("period")).isInstanceOf(FormatException.class);
        assertThat(t.column("a")).hasSize(3);
    }

    @Test void reportsTheEarliestBadCellAmongTheUsedColumns() {
        CsvTable t = CsvTable.parse("a,b,c\n1,2,3\n4,5,x\n7,y,9\n", "t.csv");
        assertThatThrownBy(() -> t.toDataset("a", null)).hasMessage("t.csv line 3, column 'c': not a number: 'x'");
        assertThatThrownBy(() -> t.toDataset("a", List.of("b"))).hasMessage("t.csv line 4, column 'b': not a number: 'y'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "Inf", "-inf", "Infinity", "+Infinity"})
    void nanAndInfinityAreRejected(String cell) {
        CsvTable t = CsvTable.parse("x,y\n1,2\n3," + cell + "\n", "d.csv");
        assertThatThrownBy(() -> t.toDataset("y", null)).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("d.csv line 3, column 'y': not a finite number: '" + cell + "'");
    }

    @Test void overflowAndEmptyCells() {
        CsvTable t = CsvTable.parse("x,y\n1,1e999\n3,\n", "d.csv");
        assertThatThrownBy(() -> t.toDataset("x", List.of("y")))
                .hasMessage("d.csv line 2, column 'y': number out of range: '1e999'");
        CsvTable u = CsvTable.parse("x,y\n1,2\n3,\n", "d.csv");
        assertThatThrownBy(() -> u.toDataset("x", null))
                .hasMessageStartingWith("d.csv line 3, column 'y': empty cell");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1|1", "-2.5|-2.5", "+3|3", ".5|0.5", "5.|5", "6.67e-11|6.67e-11", "1E3|1000", "007|7"})
    void acceptsPlainDecimals(String cell, double expected) {
        CsvTable t = CsvTable.parse("x,y\n1,\"" + cell + "\"\n2,0\n", "d.csv");
        assertThat(t.column("y")[0]).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "2f", "0x10", "1e", ".", "-", "e5", "1 2", "1..2", "١"})
    void rejectsOtherSpellings(String cell) {
        CsvTable t = CsvTable.parse("x,y\n1,\"" + cell + "\"\n2,0\n", "d.csv");
        assertThatThrownBy(() -> t.column("y")).isInstanceOf(FormatException.class)
                .hasMessage("d.csv line 2, column 'y': not a number: '" + cell + "'");
    }

    @Test void decimalCommaGetsAHint() {
        CsvTable t = CsvTable.parse("x,y\n1,\"2,5\"\n2,0\n", "d.csv");
        assertThatThrownBy(() -> t.column("y")).hasMessageContaining("use '.' as the decimal separator");
    }

    @Test void raggedRow() {
        assertThatThrownBy(() -> CsvTable.parse("# c\na,b\n1,2\n3,4,5\n", "r.csv")).isInstanceOf(FormatException.class)
                .hasMessage("r.csv line 4 has 3 fields, the header (line 2) has 2")
                .satisfies(e -> assertThat(((FormatException) e).line()).isEqualTo(4));
        assertThatThrownBy(() -> CsvTable.parse("a,b\n1,2\n3\n", "r.csv"))
                .hasMessage("r.csv line 3 has 1 field, the header (line 1) has 2");
    }

    @Test void lineNumbersCountCrlfCommentsAndBlankLines() {
        assertThatThrownBy(() -> CsvTable.parse("# c\r\n\r\na,b\r\n1,2\r\n\r\n# d\r\n3,4,5\r\n", "r.csv"))
                .hasMessageStartingWith("r.csv line 7 has 3 fields");
    }

    @Test void semicolonSeparatedFileGetsAHint() {
        assertThatThrownBy(() -> CsvTable.parse("a;b\n1;2\n3;4;5,6\n", "s.csv"))
                .hasMessageContaining("seems to use ';'");
    }

    @Test void duplicateHeaderNames() {
        assertThatThrownBy(() -> CsvTable.parse("# c\na,b,a\n1,2,3\n4,5,6\n", "dup.csv")).isInstanceOf(FormatException.class)
                .hasMessage("dup.csv line 2: duplicate column name 'a' (columns 1 and 3); rename one of them");
    }

    @Test void columnNamesThatAreNotIdentifiersAreRejectedWhenUsed() {
        CsvTable t = CsvTable.parse("mass (kg),2x,,y\n1,2,3,4\n5,6,7,8\n", "n.csv");
        assertThatThrownBy(() -> t.toDataset("y", List.of("mass (kg)"))).isInstanceOf(FormatException.class)
                .hasMessage("n.csv line 1: column 1 is named 'mass (kg)', which is not an identifier "
                        + "(letters, digits and _, not starting with a digit); rename it in the header, e.g. to 'mass_kg'");
        assertThatThrownBy(() -> t.toDataset("y", List.of("2x"))).hasMessageEndingWith("e.g. to 'x2x'");
        assertThatThrownBy(() -> t.toDataset("y", null)).hasMessageContaining("column 1 is named 'mass (kg)'");
        assertThatThrownBy(() -> t.toDataset("y", List.of("")))
                .hasMessage("unknown feature column '': n.csv has columns mass (kg), 2x, , y");
    }

    @Test void unnamedColumnUsedAsFeature() {
        CsvTable t = CsvTable.parse("x,,y\n1,2,3\n5,6,7\n", "n.csv");
        assertThatThrownBy(() -> t.toDataset("y", null))
                .hasMessage("n.csv line 1: column 2 has no name; rename it in the header, e.g. to 'x2'");
    }

    @Test void malformedQuotes() {
        assertThatThrownBy(() -> CsvTable.parse("a,b\n1,2\n3,\"4\"x\n", "q.csv")).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("q.csv: not valid CSV");
    }

    @Test void largeFileGrowsItsColumns() {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 10_000; i++) sb.append(i).append(',').append(2 * i).append('\n');
        Dataset d = CsvTable.parse(sb.toString(), "big.csv").toDataset("y", null);
        assertThat(d.rows()).isEqualTo(10_000);
        assertThat(d.y()[9_999]).isEqualTo(19_998);
    }
}
