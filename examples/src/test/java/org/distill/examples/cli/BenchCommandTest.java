package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill.examples.bench.BenchResult;
import org.distill.examples.bench.ResultsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code distill bench} in-process: one tiny end-to-end run with resume and summary, and bad input. */
class BenchCommandTest {
    @TempDir Path dir;

    /** The in-process runner of {@link DistillCommandTest}. */
    static DistillCommandTest.Result run(String... args) {
        return DistillCommandTest.run(args);
    }

    @Test
    @Timeout(60)
    void runResumeAndSummarise() throws IOException {
        Path csv = dir.resolve("tmp.csv");
        String[] args = {"bench", "feynman", "--problems", "I.12.1", "--time", "2", "--rows", "100", "--threads", "1",
            "--out", csv.toString()};

        DistillCommandTest.Result first = run(args);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out()).contains("Feynman benchmark: 1 equations, 2 s each, 100 rows, noise 0, seed 0, 1 threads")
                .containsPattern("\\[1/1\\] I\\.12\\.1 +exact ")
                .contains("exact: 100.0 %")
                .contains("results: " + csv);
        List<BenchResult> saved = ResultsCsv.read(csv);
        assertThat(saved).hasSize(1);
        BenchResult r = saved.get(0);
        assertThat(r.problem()).isEqualTo("I.12.1");
        assertThat(r.exact()).isTrue();
        assertThat(r.accurate()).isTrue();
        assertThat(r.rows()).isEqualTo(100);
        assertThat(r.timeLimit()).isEqualTo(2);
        assertThat(r.timeToExact()).isBetween(0.0, r.elapsed());
        assertThat(r.truth()).isEqualTo("mu*Nn");

        DistillCommandTest.Result again = run(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).isEqualTo("distill: 1 of 1 equations already in " + csv + "; running the other 0\n");
        assertThat(again.out()).contains("Feynman benchmark: 0 equations").doesNotContain("[1/");
        assertThat(ResultsCsv.read(csv)).hasSize(1);

        Path png = dir.resolve("tmp.png");
        DistillCommandTest.Result summary = run("bench", "summary", csv.toString(), "--plot", png.toString());
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("**1 / 1 = 100.0 %**").contains("| I.12.1 | 2 | yes |").contains("plot: " + png);
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    @Test
    @Timeout(120)
    void candidateFeaturesFindTheRelativisticFactor() {
        // I.10.7, m = m0/sqrt(1 - v²/c²): sqrt(c² - v²) is a candidate feature, so m0·c/sqrt(c² - v²)
        // is a short equation; without features the search settles on cos(v/c) approximations.
        DistillCommandTest.Result r = run("bench", "feynman", "--problems", "I.10.7", "--candidate-features",
                "--time", "60", "--generations", "300", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 threads, linear terms, candidate features")
                .containsPattern("\\[1/1\\] I\\.10\\.7 +exact ")
                .contains("sqrt(c*c - v*v)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--problems I.12.1,I.99.9         | unknown Feynman problem 'I.99.9'",
        "--time 0                         | --time must be a number of seconds in (0, 10000000]: 0",
        "--time -1                        | --time must be",
        "--time NaN                       | --time must be",
        "--rows 5                         | --rows must be at least 10: 5",
        "--noise -0.1                     | --noise must be in [0, 10]: -0.1",
        "--threads 0                      | --threads must be positive: 0",
        "--no-candidate-features --spark local[1] | --no-candidate-features cannot be combined with --spark yet",
        "--no-linear --spark local[1]             | --no-linear cannot be combined with --spark yet",
        "--linear --spark local[1]                | --linear cannot be combined with --spark yet",
        "--no-log-target --spark local[1]         | --no-log-target cannot be combined with --spark yet",
        "--ops add,frobnicate             | frobnicate",
        "--time abc                       | abc",
    })
    void badOptionsAreUsageErrors(String options, String message) {
        String[] extra = options.strip().split(" +");
        String[] args = new String[2 + extra.length];
        args[0] = "bench";
        args[1] = "feynman";
        System.arraycopy(extra, 0, args, 2, extra.length);
        DistillCommandTest.Result r = run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.error()).contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void outMustNotBeADirectory() {
        DistillCommandTest.Result r = run("bench", "feynman", "--problems", "I.12.1", "--time", "1", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--out " + dir + " is a directory");
    }

    @Test
    void outMustBeAResultsFile() throws IOException {
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        DistillCommandTest.Result r = run("bench", "feynman", "--problems", "I.12.1", "--time", "1", "--out", other.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).startsWith(other + " line 1: not a Distill benchmark results file");
        assertThat(Files.readString(other)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void theLinearStepIsOnFromAHundredRowsOrWhenAskedFor() {
        // I.12.1, F = mu*Nn: found either way; the header says whether the search had the step.
        DistillCommandTest.Result few = run("bench", "feynman", "--problems", "I.12.1", "--rows", "50", "--generations", "5",
                "--threads", "1");
        assertThat(few.code()).as(few.err()).isZero();
        assertThat(few.out()).contains("1 threads, no linear terms (fewer than 100 rows), candidate features");
        DistillCommandTest.Result asked = run("bench", "feynman", "--problems", "I.12.1", "--rows", "50", "--generations",
                "5", "--threads", "1", "--linear");
        assertThat(asked.out()).contains("1 threads, linear terms, candidate features");
        DistillCommandTest.Result off = run("bench", "feynman", "--problems", "I.12.1", "--generations", "5",
                "--threads", "1", "--no-linear");
        assertThat(off.out()).contains("1 threads, no linear terms, candidate features, log-target stage");
        DistillCommandTest.Result noLog = run("bench", "feynman", "--problems", "I.12.1", "--generations", "5",
                "--threads", "1", "--no-log-target");
        assertThat(noLog.code()).as(noLog.err()).isZero();
        assertThat(noLog.out()).contains("1 threads, linear terms, candidate features, no log-target stage");
    }

    @Test
    void anOutFileInAMissingDirectoryIsAOneLineError() {
        Path out = dir.resolve("no-such-dir").resolve("tmp.csv");
        DistillCommandTest.Result r = run("bench", "feynman", "--problems", "I.12.1", "--time", "1", "--rows", "20", "--threads", "1",
                "--out", out.toString());
        assertThat(r.code()).isIn(1, 2);
        assertThat(r.error()).contains(out.toString()).doesNotContain("internal error");
    }

    @Test
    void aPlotInAMissingDirectoryIsAOneLineError() throws IOException {
        Path csv = dir.resolve("r.csv");
        ResultsCsv.append(csv, new BenchResult("I.12.1", 2, 100, 0, 0, 2, true, true, 1, 0.1, 0.2, 3, 10, "mu*Nn", "mu*Nn"));
        Path png = dir.resolve("no-such-dir").resolve("x.png");
        DistillCommandTest.Result r = run("bench", "summary", csv.toString(), "--plot", png.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).contains(png.getParent().toString()).doesNotContain("internal error");
    }

    @Test
    void aMissingTableIsADataError() {
        Path missing = dir.resolve("no-such-table.csv");
        DistillCommandTest.Result r = run("bench", "feynman", "--table", missing.toString(), "--time", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(missing + ": no such file");
    }

    @Test
    void summaryOfAMissingFileIsADataError() {
        Path missing = dir.resolve("missing.csv");
        DistillCommandTest.Result r = run("bench", "summary", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(missing + ": no such file");
    }

    @Test
    void summaryOfAFileWithOnlyTheHeaderSaysSo() throws IOException {
        Path f = Files.writeString(dir.resolve("empty.csv"), String.join(",", ResultsCsv.HEADER) + "\n");
        DistillCommandTest.Result r = run("bench", "summary", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(f + ": no results yet");
    }

    @Test
    void summaryOfABadFileNamesLineAndColumn() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.csv"), String.join(",", ResultsCsv.HEADER) + "\n"
                + "I.12.1,2,100,0,0,2,maybe,true,1,0.5,1.25,3,12345,mu*Nn,mu*Nn\n");
        DistillCommandTest.Result r = run("bench", "summary", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(f + " line 2, column 'exact': expected true or false: 'maybe'");
    }

    @Test
    void benchWithoutASubcommandPrintsUsage() {
        DistillCommandTest.Result r = run("bench");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("feynman").contains("summary");
    }
}
