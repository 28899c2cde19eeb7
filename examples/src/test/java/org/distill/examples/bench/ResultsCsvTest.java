package org.distill.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The results file: appended row by row, read back exactly, resumed from. */
class ResultsCsvTest {
    static final String HEADER = String.join(",", ResultsCsv.HEADER);

    @TempDir Path dir;

    static BenchResult result(String problem, long seed, double time, boolean exact, double timeToExact) {
        return new BenchResult(problem, 2, 100, 0, seed, time, exact, exact, exact ? 1 : 0.5, timeToExact, 1.25, 3,
                12345, "mu*Nn", "mu*Nn");
    }

    @Test
    void appendWritesTheHeaderOnceThenOneRowPerResult() throws IOException {
        Path f = dir.resolve("results.csv");
        ResultsCsv.append(f, result("I.12.1", 0, 2, true, 0.5));
        ResultsCsv.append(f, result("I.14.3", 0, 2, false, Double.NaN));
        ResultsCsv.append(f, result("I.12.2", 0, 2, true, 1));
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(HEADER);
        assertThat(lines.subList(1, 4)).extracting(l -> l.substring(0, l.indexOf(','))).containsExactly("I.12.1", "I.14.3", "I.12.2");
        assertThat(lines.get(2)).contains(",false,false,0.5,,1.25,");
    }

    @Test
    void anEmptyFileGetsTheHeader() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.csv"));
        ResultsCsv.append(f, result("I.12.1", 0, 2, true, 0.5));
        assertThat(Files.readAllLines(f)).first().isEqualTo(HEADER);
        assertThat(ResultsCsv.read(f)).containsExactly(result("I.12.1", 0, 2, true, 0.5));
    }

    @Test
    void aResultSurvivesTheRoundTrip() throws IOException {
        Path f = dir.resolve("r.csv");
        BenchResult tricky = new BenchResult("II.6.15a", 6, 1000, 0.01, -3, 0.5, false, true, 0.999876543, Double.NaN,
                12.345678, 27, 9_876_543_210L, "f(x, \"y\"), 1 | 2", "q1*q2*r/(4*pi*epsilon*r**3)");
        BenchResult infinite = new BenchResult("I.6.2a", 1, 10, 0, 0, 60, false, false, Double.NEGATIVE_INFINITY,
                Double.NaN, 60.5, 1, 0, "x\ny", "exp(-theta**2/2)/sqrt(2*pi)");
        BenchResult plain = result("I.12.1", 0, 2, true, 0.123456789);
        ResultsCsv.append(f, tricky);
        ResultsCsv.append(f, infinite);
        ResultsCsv.append(f, plain);
        assertThat(ResultsCsv.read(f)).containsExactly(tricky, infinite, plain);
        assertThat(Files.readString(f)).contains("\"f(x, \"\"y\"\"), 1 | 2\"");
    }

    @Test
    void appendRefusesAFileThatIsNotAResultsFile() throws IOException {
        Path f = dir.resolve("other.csv");
        Files.writeString(f, "a,b\n1,2\n");
        assertThatThrownBy(() -> ResultsCsv.append(f, result("I.12.1", 0, 2, true, 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 1: not a Distill benchmark results file");
        assertThat(Files.readString(f)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void readRefusesAWrongHeader() throws IOException {
        Path f = dir.resolve("other.csv");
        Files.writeString(f, HEADER.replace("r2_test", "r2") + "\n");
        assertThatThrownBy(() -> ResultsCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 1: not a Distill benchmark results file").hasMessageContaining("r2_test");
    }

    static final String GOOD_ROW = "I.12.1,2,100,0,0,2,true,true,1,0.5,1.25,3,12345,mu*Nn,mu*Nn";

    /** The bad row is the file's line 3. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I.12.1,2,100,zero,0,2,true,true,1,0.5,1.25,3,12345,mu*Nn,mu*Nn | noise       | not a number: 'zero'",
        "I.12.1,2,1e2,0,0,2,true,true,1,0.5,1.25,3,12345,mu*Nn,mu*Nn    | rows        | not an integer: '1e2'",
        "I.12.1,2,100,0,0,2,yes,true,1,0.5,1.25,3,12345,mu*Nn,mu*Nn     | exact       | expected true or false: 'yes'",
        "I.12.1,2,100,0,0,2,true,true,1,0.5,1.25,3,1.5,mu*Nn,mu*Nn      | evaluations | not an integer: '1.5'",
        "I.12.1,2,100,0,0,2,true,true,1,0.5                            | elapsed_s   | missing value",
    })
    void aBadCellIsRejectedNamingFileLineAndColumn(String row, String column, String what) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, HEADER + "\n" + GOOD_ROW + "\n" + row.strip() + "\n");
        assertThatThrownBy(() -> ResultsCsv.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + " line 3, column '" + column + "': " + what);
    }

    @Test
    void remainingSkipsFinishedProblemsWithTheSameSettingsOnly() throws IOException {
        List<FeynmanProblem> all = FeynmanTable.select(FeynmanTable.builtIn(), List.of("I.12.1", "I.14.3", "I.12.2", "I.6.2a"));
        FeynmanBenchmark.Settings s = FeynmanBenchmark.Settings.defaults().withTime(Duration.ofSeconds(2)).withRows(100);
        Path f = dir.resolve("results.csv");
        ResultsCsv.append(f, result("I.12.1", 0, 2, true, 0.5));     // done
        ResultsCsv.append(f, result("I.14.3", 1, 2, true, 0.5));     // other seed
        ResultsCsv.append(f, result("I.12.2", 0, 3, true, 0.5));     // other time
        ResultsCsv.append(f, result("I.6.2a", 0, 2, false, Double.NaN)); // done, not exact: still done
        List<BenchResult> done = ResultsCsv.read(f);
        assertThat(FeynmanBenchmark.remaining(all, done, s)).extracting(FeynmanProblem::name).containsExactly("I.14.3", "I.12.2");
        assertThat(FeynmanBenchmark.remaining(all, done, s.withSeed(1))).extracting(FeynmanProblem::name)
                .containsExactly("I.12.1", "I.12.2", "I.6.2a");
        assertThat(FeynmanBenchmark.remaining(all, done, s.withNoise(0.01))).hasSize(4);
        assertThat(FeynmanBenchmark.remaining(all, done, s.withRows(1000))).hasSize(4);
        assertThat(FeynmanBenchmark.remaining(all, List.of(), s)).hasSize(4);
    }

    @Test
    void resumeMatchesSettingsAfterTheRoundTripThroughTheFile() throws IOException {
        // settings whose numbers are not integers must still match once written and read back
        FeynmanBenchmark.Settings s = FeynmanBenchmark.Settings.defaults().withTime(Duration.ofMillis(2500)).withRows(100)
                .withNoise(0.001).withSeed(7);
        FeynmanProblem p = FeynmanTable.select(FeynmanTable.builtIn(), List.of("I.12.1")).get(0);
        BenchResult r = new BenchResult("I.12.1", 2, 100, 0.001, 7, 2.5, true, true, 1, 0.1, 0.2, 3, 10, "mu*Nn", "mu*Nn");
        Path f = dir.resolve("results.csv");
        ResultsCsv.append(f, r);
        assertThat(FeynmanBenchmark.remaining(List.of(p), ResultsCsv.read(f), s)).isEmpty();
    }
}
