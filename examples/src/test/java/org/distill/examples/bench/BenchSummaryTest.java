package org.distill.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rates, medians and the Markdown table of hand-made results. */
class BenchSummaryTest {
    @TempDir Path dir;

    static BenchResult run(String problem, double time, boolean exact, boolean inFront, double r2, double timeToExact,
                           double elapsed, int complexity, String equation) {
        return new BenchResult(problem, 2, 100, 0, 0, time, exact, inFront, r2, timeToExact, elapsed, complexity, 1000,
                equation, "truth");
    }

    /** Four runs at 10 s: two exact (after 1 s and 3 s), one exact only in the front, one that failed. */
    static final List<BenchResult> FOUR = List.of(
            run("I.12.1", 10, true, true, 1, 1, 1.5, 3, "mu*Nn"),
            run("I.14.3", 10, true, true, 1 - 1e-9, 3, 4, 5, "m*g*z"),
            run("I.12.2", 10, false, true, 0.9995, Double.NaN, 10, 9, "q1*q2/(r|r)"),
            run("I.6.2a", 10, false, false, 0.5, Double.NaN, 10, 11, "exp(theta)"));

    @Test
    void ratesAndMediansOfOneGroup() {
        BenchSummary s = BenchSummary.of(FOUR);
        assertThat(s.settings()).containsExactly(FOUR.get(0).settings());
        String g = s.settings().get(0);
        assertThat(s.results(g)).containsExactlyElementsOf(FOUR);
        assertThat(s.exactRate(g)).isEqualTo(0.5);
        assertThat(s.accuracyRate(g)).isEqualTo(0.75); // 1, 1 − 1e-9 and 0.9995 are > 0.999
        assertThat(s.medianTimeToExact(g)).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0", "1, 0.25", "2.9, 0.25", "3, 0.5", "100, 0.5"})
    void exactRateWithinABudgetCountsExactRunsFoundByThen(double budget, double rate) {
        BenchSummary s = BenchSummary.of(FOUR);
        assertThat(s.exactRateWithin(s.settings().get(0), budget)).isEqualTo(rate);
    }

    @Test
    void medianOfNoneIsNaNAndOfAnEvenCountIsTheMiddleMean() {
        assertThat(BenchSummary.median(new double[0])).isNaN();
        assertThat(BenchSummary.median(new double[] {5})).isEqualTo(5);
        assertThat(BenchSummary.median(new double[] {9, 1, 5})).isEqualTo(5);
        assertThat(BenchSummary.median(new double[] {9, 1, 5, 2})).isEqualTo(3.5);
        BenchSummary none = BenchSummary.of(List.of(FOUR.get(3)));
        assertThat(none.medianTimeToExact(none.settings().get(0))).isNaN();
        assertThat(none.exactRate(none.settings().get(0))).isZero();
    }

    @Test
    void groupsBySettingsInFirstSeenOrder() {
        BenchResult other = new BenchResult("I.12.1", 2, 100, 0.01, 0, 10, false, false, 0.9, Double.NaN, 10, 7, 1, "mu", "t");
        BenchSummary s = BenchSummary.of(List.of(FOUR.get(0), other, FOUR.get(1)));
        assertThat(s.settings()).containsExactly(FOUR.get(0).settings(), other.settings());
        assertThat(s.exactRate(s.settings().get(0))).isEqualTo(1);
        assertThat(s.exactRate(s.settings().get(1))).isEqualTo(0);
        assertThatThrownBy(() -> s.results("rows=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no results with settings 'rows=1'");
    }

    @Test
    void aProblemRunTwiceWithTheSameSettingsCountsOnceTheLastRun() {
        BenchResult retry = run("I.6.2a", 10, true, true, 1, 7, 8, 7, "exp(-theta^2/2)*0.4");
        BenchSummary s = BenchSummary.of(List.of(FOUR.get(0), FOUR.get(1), FOUR.get(2), FOUR.get(3), retry));
        String g = s.settings().get(0);
        assertThat(s.results(g)).hasSize(4).contains(retry).doesNotContain(FOUR.get(3));
        assertThat(s.exactRate(g)).isEqualTo(0.75);
        assertThat(s.medianTimeToExact(g)).isEqualTo(3);
        assertThat(s.markdown()).contains("4 problems").doesNotContain("`exp(theta)`").contains("`exp(-theta^2/2)*0.4`");
    }

    @Test
    void markdownHasTheHeadlineNumbersAndOneRowPerProblem() {
        String md = BenchSummary.of(FOUR).markdown();
        assertThat(md).contains("### 4 problems, rows=100 noise=0.0 seed=0 time=10.0s")
                .contains("**2 / 4 = 50.0 %**")
                .contains("an exact equation anywhere in the final front: 3")
                .contains("3 / 4 = 75.0 %")
                .contains("median time to an exact solution: 2.00 s")
                .contains("median run time 7.00 s")
                .contains("median complexity of the chosen equations: 7.00");
        List<String> rows = md.lines().filter(l -> l.startsWith("| I.")).toList();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).startsWith("| I.12.1 | 2 | yes | 1 | 1.00 | 1.50 | 3 | `mu*Nn` |");
        assertThat(rows.get(1)).startsWith("| I.14.3 | 2 | yes | 1 − 1.0e-09 |");
        assertThat(rows.get(2)).startsWith("| I.12.2 | 2 | in front | 1 − 5.0e-04 | – |")
                .endsWith("`q1*q2/(r\\|r)` |"); // a | in an equation does not break the table
        assertThat(rows.get(3)).startsWith("| I.6.2a | 2 | no | 0.5000 | – |");
    }

    @Test
    void plotWritesAPng() throws IOException {
        BenchResult other = new BenchResult("I.12.1", 2, 100, 0.01, 0, 30, true, true, 0.9, 12, 13, 7, 1, "mu", "t");
        Path png = dir.resolve("recovery.png");
        BenchSummary.of(List.of(FOUR.get(0), FOUR.get(1), other)).plot(png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(javax.imageio.ImageIO.read(png.toFile())).isNotNull()
                .satisfies(img -> assertThat(img.getWidth()).isEqualTo(900));
    }

    @ParameterizedTest
    @CsvSource({"chart.PNG", "chart", "chart.img"})
    void plotWritesExactlyTheFileAskedFor(String name) throws IOException {
        Path png = dir.resolve(name);
        BenchSummary.of(FOUR).plot(png);
        assertThat(png).exists();
    }

    @Test
    void thePublishedRatesAreTheSrbenchFeynmanNumbers() {
        assertThat(BenchSummary.PUBLISHED).containsEntry("AI Feynman", 52.6).hasSize(6);
        assertThat(BenchSummary.PUBLISHED.values()).allMatch(v -> v > 0 && v < 100);
        // nothing found within 0.1 s, the plot's left edge
        assertThat(BenchSummary.of(FOUR).exactRateWithin(FOUR.get(0).settings(), 0.1)).isZero();
        assertThat(BenchSummary.of(FOUR).exactRate(FOUR.get(0).settings())).isCloseTo(0.5, within(0.0));
    }
}
