package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs {@code distill} in-process. The bad-input tests need no search; the end-to-end tests at the
 * bottom run small searches on the Kepler data.
 */
class DistillCommandTest {
    /** The eight planets: semi-major axis (AU) and orbital period (days); period = 365.25 a^1.5. */
    static final String KEPLER = """
            # source: NASA planetary fact sheet
            a,period
            0.387098,87.9691
            0.723332,224.701
            1.000001,365.256363
            1.523679,686.980
            5.2044,4332.59
            9.5826,10759.22
            19.19126,30688.5
            30.07,60195
            """;

    @TempDir Path dir;
    Path kepler;

    record Result(int code, String out, String err) {
        /** The one error line, asserting there is exactly one and no stack trace. */
        String error() {
            assertThat(err).as("stderr").endsWith("\n").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(err.lines().count()).as("lines on stderr: " + err).isEqualTo(1);
            assertThat(err).startsWith("distill: error: ");
            return err.strip().substring("distill: error: ".length());
        }
    }

    static Result run(String... args) {
        CommandLine cl = DistillCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** A JSON file that holds an object, read back with Jackson: integers as {@link Long}, other numbers as {@link Double}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Map.class);
    }

    @BeforeEach void writeKepler() throws IOException {
        kepler = write("kepler.csv", KEPLER);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private String k() { return kepler.toString(); }

    // ---- usage and help ----

    @Test void version() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("distill ").contains("Java ");
    }

    @Test void helpListsTheDiscoverCommand() {
        Result r = run("help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("discover").contains("Usage: distill");
        Result d = run("help", "discover");
        assertThat(d.code()).isZero();
        assertThat(d.out()).contains("--target=COL", "--features", "--ops", "--max-complexity", "--time",
                "--generations", "--seed", "--threads", "--json", "--output", "--resume", "--force", "--quiet");
    }

    @Test void noCommandPrintsUsageAndFails() {
        Result r = run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: distill");
    }

    @Test void defaultOperatorsInTheHelpAreTheLibraryDefaults() {
        assertThat(String.join(",", Op.DEFAULTS.stream().map(Op::name).toList())).isEqualTo(DiscoverCommand.DEFAULT_OPS);
    }

    // ---- bad input: one line on stderr, status 1 (data) or 2 (usage), nothing written ----

    @Test void missingFile() {
        Path p = dir.resolve("nope.csv");
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(p + ": no such file");
    }

    @Test void emptyFile() throws IOException {
        Path p = write("empty.csv", "");
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).startsWith(p + ": the file is empty");
    }

    @Test void unknownTarget() {
        Result r = run("discover", k(), "--target", "T");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("unknown target column 'T': " + kepler + " has columns a, period");
    }

    @Test void unknownFeature() {
        Result r = run("discover", k(), "--target", "period", "--features", "a,mass");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("unknown feature column 'mass': " + kepler + " has columns a, period");
    }

    @Test void targetAmongFeatures() {
        Result r = run("discover", k(), "--target", "period", "--features", "a,period");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("the target 'period' is also listed in --features");
    }

    @Test void nonNumericCell() throws IOException {
        Path p = write("kepler.csv", KEPLER.replace("365.256363", "abc"));
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(p + " line 5, column 'period': not a number: 'abc'");
    }

    @Test void nonNumericFeatureColumnSuggestsFeatures() throws IOException {
        Path p = write("planets.csv", "name,a,period\nMercury,0.39,88\nVenus,0.72,225\n");
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(p + " line 2, column 'name': not a number: 'Mercury' (pick the numeric columns with --features)");
    }

    @Test void nanCell() throws IOException {
        Path p = write("kepler.csv", KEPLER.replace("0.723332", "NaN"));
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).startsWith(p + " line 4, column 'a': not a finite number: 'NaN'");
    }

    @Test void infinityCell() throws IOException {
        Path p = write("kepler.csv", KEPLER.replace("4332.59", "inf"));
        Result r = run("discover", p.toString(), "--target", "period", "--features", "a");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).startsWith(p + " line 7, column 'period': not a finite number: 'inf'");
    }

    @Test void raggedRow() throws IOException {
        Path p = write("kepler.csv", KEPLER.replace("1.523679,686.980", "1.523679,686.980,3"));
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(p + " line 6 has 3 fields, the header (line 2) has 2");
    }

    @Test void oneDataRow() throws IOException {
        Path p = write("one.csv", "a,period\n1,365\n");
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(p + " has only 1 data row; need at least 2");
    }

    @Test void headerOnly() throws IOException {
        Path p = write("h.csv", "a,period\n");
        Result r = run("discover", p.toString(), "--target", "period");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo(p + " has a header but no data rows; need at least 2");
    }

    @Test void unknownOperator() {
        Result r = run("discover", k(), "--target", "period", "--ops", "+,-,foo");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).startsWith("unknown operator 'foo': expected one of + - * /");
    }

    @Test void noBinaryOperator() {
        Result r = run("discover", k(), "--target", "period", "--ops", "sqrt");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).startsWith("need at least one binary operator");
    }

    @Test void existingJsonWithoutForce() throws IOException {
        Path json = write("out.json", "{}");
        Result r = run("discover", k(), "--target", "period", "--json", json.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--json " + json + " exists; use --force to overwrite it");
        assertThat(Files.readString(json)).isEqualTo("{}");
    }

    @Test void existingOutputWithoutForce() throws IOException {
        Path out = write("front.csv", "x");
        Result r = run("discover", k(), "--target", "period", "--output", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--output " + out + " exists; use --force to overwrite it");
        assertThat(Files.readString(out)).isEqualTo("x");
    }

    @Test void outputsMustNotOverwriteTheInputOrEachOther() {
        Result r = run("discover", k(), "--target", "period", "--output", k(), "--force");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("--output " + kepler + " would overwrite the input file");
        Path same = dir.resolve("x");
        Result s = run("discover", k(), "--target", "period", "--output", same.toString(), "--json", same.toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.error()).startsWith("--json and --output name the same file");
    }

    @Test void outputDirectoryMustExist() {
        Path json = dir.resolve("no/such/dir/out.json");
        Result r = run("discover", k(), "--target", "period", "--json", json.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).startsWith("--json " + json + ": the directory ").endsWith("does not exist");
    }

    static Stream<Arguments> badNumbers() {
        return Stream.of(
                Arguments.of(List.of("--max-complexity", "abc"), "Invalid value for option '--max-complexity': 'abc' is not an int"),
                Arguments.of(List.of("--max-complexity", "1"), "--max-complexity must be in [3, 200]: 1"),
                Arguments.of(List.of("--generations", "0"), "--generations must be at least 1: 0"),
                Arguments.of(List.of("--generations", "-5"), "--generations must be at least 1: -5"),
                Arguments.of(List.of("--time", "-1"), "--time must be a number of seconds in (0, 10000000]: -1.0"),
                Arguments.of(List.of("--time", "NaN"), "--time must be a number of seconds in (0, 10000000]: NaN"),
                Arguments.of(List.of("--time", "soon"), "Invalid value for option '--time': 'soon' is not a double"),
                Arguments.of(List.of("--threads", "0"), "--threads must be in [1, 1024]: 0"),
                Arguments.of(List.of("--population", "3"), "--population must be in [10, 100000]: 3"),
                Arguments.of(List.of("--islands", "0"), "--islands must be in [1, 1000]: 0"),
                Arguments.of(List.of("--seed", "x"), "Invalid value for option '--seed': 'x' is not a long"),
                Arguments.of(List.of("--loss", "l3"), "unknown loss 'l3': expected mse, mae or huber"),
                Arguments.of(List.of("--select", "worst"), "Invalid value for option '--select'"));
    }

    @ParameterizedTest
    @MethodSource("badNumbers")
    void badOptionValues(List<String> option, String message) {
        List<String> args = new ArrayList<>(List.of("discover", k(), "--target", "period"));
        args.addAll(option);
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).startsWith(message);
    }

    @Test void misspelledCommandGetsASuggestion() {
        Result r = run("discovr", k());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).contains("'discovr'").contains("did you mean discover"); // picocli may add near names ("discover or cosmo")
    }

    @Test void missingTargetOption() {
        Result r = run("discover", k());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("Missing required option: '--target=COL' (see 'distill discover --help')");
    }

    @Test void unknownOption() {
        Result r = run("discover", k(), "--target", "period", "--bogus");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).startsWith("Unknown option: '--bogus'");
    }

    @Test void resumeFromAMissingFile() {
        Path front = dir.resolve("front.csv");
        Result r = run("discover", k(), "--target", "period", "--resume", front.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).isEqualTo("--resume " + front + ": no such file");
    }

    @Test void resumeFromABadEquation() throws IOException {
        Path front = write("front.csv", "# c\ncomplexity,loss,score,equation\n1,2,0,a\n3,1,0.5,a + b\n");
        Result r = run("discover", k(), "--target", "period", "--resume", front.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).startsWith(front + " line 4: cannot read the equation 'a + b': unknown variable 'b'");
    }

    @Test void resumeFromAFileThatIsNotAFront() throws IOException {
        Path front = write("front.csv", "x,y\n1,2\n");
        Result r = run("discover", k(), "--target", "period", "--resume", front.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.error()).startsWith(front + " is not a front file");
    }

    @Test void optionNamesReplaceBuilderNames() {
        assertThat(DiscoverCommand.optionNames("maxComplexity must be in [3, 200]: 1")).isEqualTo("--max-complexity must be in [3, 200]: 1");
        assertThat(DiscoverCommand.optionNames("need at least one operator")).isEqualTo("need at least one operator");
    }

    // ---- end to end: these run the search ----

    /** A small search; simplification is tested once, in {@link #keplerWithSimplification}. */
    private static final String[] SMALL = {"--generations", "30", "--seed", "1", "--threads", "2", "--quiet", "--no-simplify"};

    private Result discover(String... extra) {
        List<String> args = new ArrayList<>(List.of("discover", k(), "--target", "period"));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test void keplerPrintsTheFrontAndTheChosenEquation() {
        Result r = discover();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("complexity", "loss", "score", "equation", "Chosen equation", "period = ", "LaTeX: ");
    }

    /** The default path, with the final front simplified by Symja (which has a time limit per equation). */
    @Test @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void keplerWithSimplification() {
        Result r = run("discover", k(), "--target", "period", "--generations", "30", "--seed", "1", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Chosen equation", "period = ");
    }

    @Test @SuppressWarnings("unchecked")
    void keplerJsonParsesBackAndTheBestEquationFitsTheData() throws IOException {
        Path json = dir.resolve("kepler.json");
        Result r = discover("--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> m = DistillCommandTest.readJson(json);
        assertThat(m).containsKeys("variables", "target", "seed", "evaluations", "front", "best", "provenance");
        assertThat(m.get("variables")).isEqualTo(List.of("a"));
        assertThat(m.get("target")).isEqualTo("period");
        assertThat(m.get("seed")).isEqualTo(1L);
        assertThat((Long) m.get("evaluations")).isPositive();
        List<Map<String, Object>> front = (List<Map<String, Object>>) m.get("front");
        assertThat(front).isNotEmpty();
        for (Map<String, Object> e : front) {
            assertThat(e).containsOnlyKeys("complexity", "loss", "validationLoss", "score", "equation", "latex", "sympy");
            // null: refused by the validation (infinite; JSON has no infinity), e.g. a cosine of a on 8 planets
            Double validation = (Double) e.get("validationLoss");
            if (validation != null) assertThat(validation).isGreaterThan(0);
        }
        Map<String, Object> best = (Map<String, Object>) m.get("best");
        assertThat(front).contains(best);
        assertThat((Double) best.get("validationLoss")).isNotNull().isGreaterThan(0);
        // the most accurate equation, read back, has the loss the JSON reports, far below the variance
        Map<String, Object> accurate = front.getLast();
        Expr e = Parser.parse((String) accurate.get("equation"), List.of("a"));
        double[][] rows = KEPLER.lines().filter(l -> !l.startsWith("#") && !l.startsWith("a"))
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        double mean = Arrays.stream(rows).mapToDouble(row -> row[1]).average().orElseThrow();
        double mse = 0, variance = 0;
        for (double[] row : rows) {
            double d = e.evaluate(new double[] {row[0]}) - row[1];
            mse += d * d / rows.length;
            variance += (row[1] - mean) * (row[1] - mean) / rows.length;
        }
        assertThat(mse).isCloseTo((Double) accurate.get("loss"), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(mse / variance).isLessThan(1e-4);
        Map<String, Object> prov = (Map<String, Object>) m.get("provenance");
        assertThat(prov.get("rows")).isEqualTo(8L);
        assertThat(prov.get("file")).isEqualTo(k());
    }

    /** --scale all: the periods (up to 6e4 days) are rescaled inside the search; losses come back in days². */
    @Test @SuppressWarnings("unchecked")
    void scaledSearchReportsLossesInTheOriginalUnits() throws IOException {
        Path json = dir.resolve("scaled.json");
        Result r = discover("--scale", "all", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> m = DistillCommandTest.readJson(json);
        double[][] rows = KEPLER.lines().filter(l -> !l.startsWith("#") && !l.startsWith("a"))
                .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
        for (Map<String, Object> eq : (List<Map<String, Object>>) m.get("front")) {
            Expr e = Parser.parse((String) eq.get("equation"), List.of("a"));
            double mse = 0;
            for (double[] row : rows) mse += Math.pow(e.evaluate(new double[] {row[0]}) - row[1], 2) / rows.length;
            assertThat(mse).as((String) eq.get("equation")).isCloseTo((Double) eq.get("loss"),
                    org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        Map<String, Object> settings = (Map<String, Object>) ((Map<String, Object>) m.get("provenance")).get("settings");
        assertThat(settings.get("scale")).isEqualTo("all");
        assertThat(settings.get("features")).isEqualTo(true); // candidate features are on by default
        assertThat(settings.get("linear")).isEqualTo(true); // and the linear step, from 100 rows (Kepler has 8)
        assertThat(settings.get("linearMinRows")).isEqualTo(100L);
        assertThat(settings.get("logTarget")).isEqualTo(true); // and the log-target stage
        assertThat((List<String>) settings.get("operators")).contains("asin").doesNotContain("tanh"); // asin is a default, tanh not
        Path off = dir.resolve("features.json");
        assertThat(discover("--no-candidate-features", "--no-linear", "--no-log-target", "--json", off.toString()).code())
                .isZero();
        Map<String, Object> offSettings = (Map<String, Object>) ((Map<String, Object>) DistillCommandTest.readJson(off)
                .get("provenance")).get("settings");
        assertThat(offSettings.get("features")).isEqualTo(false);
        assertThat(offSettings.get("linear")).isEqualTo(false);
        assertThat(offSettings.get("logTarget")).isEqualTo(false);
        Path on = dir.resolve("linear.json"); // --linear: on whatever the rows
        assertThat(discover("--linear", "--json", on.toString()).code()).isZero();
        Map<String, Object> onSettings = (Map<String, Object>) ((Map<String, Object>) DistillCommandTest.readJson(on)
                .get("provenance")).get("settings");
        assertThat(onSettings.get("linear")).isEqualTo(true);
        assertThat(onSettings.get("linearMinRows")).isEqualTo(0L);
        assertThat(discover("--scale", "sideways").error())
                .isEqualTo("--scale: unknown scale mode 'sideways': expected auto, all or off");
    }

    @Test void outputFrontCanBeResumedIntoTheSameFile() throws IOException {
        Path front = dir.resolve("front.csv");
        Result first = discover("--output", front.toString(), "--resume", front.toString());
        assertThat(first.code()).as(first.err()).isZero();
        List<String> lines = Files.readAllLines(front);
        assertThat(lines).anyMatch(l -> l.equals("complexity,loss,score,equation"));
        assertThat(lines.getFirst()).startsWith("# distill front for 'period'");
        Result second = discover("--output", front.toString(), "--resume", front.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(Files.exists(dir.resolve("front.csv.tmp"))).isFalse();
    }

    @Test void forceOverwritesTheJson() throws IOException {
        Path json = write("out.json", "{}");
        Result r = discover("--json", json.toString(), "--force");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(readJson(json)).isNotEmpty();
        assertThat(Files.readString(json)).contains("\"front\"");
    }

    @Test void sameSeedSameFrontWhateverTheThreads() throws IOException {
        Path one = dir.resolve("one.csv"), four = dir.resolve("four.csv");
        Result a = run("discover", k(), "--target", "period", "--generations", "20", "--seed", "7",
                "--threads", "1", "-q", "--no-simplify", "--output", one.toString());
        Result b = run("discover", k(), "--target", "period", "--generations", "20", "--seed", "7",
                "--threads", "4", "-q", "--no-simplify", "--output", four.toString());
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(b.code()).as(b.err()).isZero();
        // the comment lines name the file; the equations must be the same
        assertThat(Files.readAllLines(four).stream().filter(l -> !l.startsWith("#")).toList())
                .isEqualTo(Files.readAllLines(one).stream().filter(l -> !l.startsWith("#")).toList());
    }

    @Test void timeBudget() {
        Result r = run("discover", k(), "--target", "period", "--time", "1", "-q", "--no-simplify", "--ops", "+,*,/");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Chosen equation");
    }
}
