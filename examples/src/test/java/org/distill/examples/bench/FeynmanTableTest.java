package org.distill.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.distill.symbolic.expr.Expr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in table (AI Feynman's 100 equations), {@link FeynmanTable#select} and reading other tables. */
class FeynmanTableTest {
    static List<FeynmanProblem> all;

    @TempDir Path dir;

    @BeforeAll static void load() {
        all = FeynmanTable.builtIn();
    }

    @Test
    void builtInTableHasTheHundredEquationsNumberedOneToHundred() {
        assertThat(all).hasSize(100);
        assertThat(all.stream().map(FeynmanProblem::name).distinct()).hasSize(100);
        assertThat(all.stream().mapToInt(FeynmanProblem::number).sorted().toArray())
                .containsExactly(IntStream.rangeClosed(1, 100).toArray());
    }

    @ParameterizedTest
    @CsvSource({
        "I.6.2a,  f,  'exp(-theta**2/2)/sqrt(2*pi)',      theta",
        "I.12.1,  F,  mu*Nn,                              mu Nn",
        "I.12.2,  F,  'q1*q2*r/(4*pi*epsilon*r**3)',      q1 q2 epsilon r",
        "I.14.3,  U,  m*g*z,                              m g z",
        "I.44.4,  E_n, 'n*kb*T*ln(V2/V1)',                n kb T V1 V2",
    })
    void knownRowsAreReadAsInTheTable(String name, String output, String formula, String vars) {
        FeynmanProblem p = FeynmanTable.select(all, List.of(name)).get(0);
        assertThat(p.output()).isEqualTo(output);
        assertThat(p.formula()).isEqualTo(formula);
        assertThat(p.variableNames()).containsExactly(vars.split(" "));
    }

    @Test
    void everyFormulaUsesExactlyItsDeclaredVariables() {
        List<String> bad = new ArrayList<>();
        for (FeynmanProblem p : all) {
            Set<Integer> used = new HashSet<>();
            collectVariables(p.truth(), used);
            Set<Integer> declared = new HashSet<>();
            for (int j = 0; j < p.variables().size(); j++) declared.add(j);
            if (!used.equals(declared)) bad.add(p.name() + " uses " + used + " of " + p.variableNames());
        }
        assertThat(bad).as("problems whose formula does not use exactly its variables").isEmpty();
    }

    private static void collectVariables(Expr e, Set<Integer> out) {
        if (e.isVariable()) out.add(e.variable());
        for (int i = 0; i < e.arity(); i++) collectVariables(e.arg(i), out);
    }

    @Test
    void everyFormulaIsFiniteAtTheMidpointOfItsRangesForNearlyAll() {
        List<String> notFinite = new ArrayList<>();
        for (FeynmanProblem p : all) {
            double[] mid = p.variables().stream().mapToDouble(v -> (v.low() + v.high()) / 2).toArray();
            double y = p.truth().evaluate(mid);
            if (!Double.isFinite(y)) notFinite.add(p.name() + " = " + y);
        }
        assertThat(100 - notFinite.size()).as("finite at the midpoint; not finite: " + notFinite).isGreaterThanOrEqualTo(95);
    }

    @Test
    void everyProblemCanBeSampled() {
        for (FeynmanProblem p : all) {
            FeynmanProblem.Samples s = p.sample(10, 1, 0);
            assertThat(s.train().rows()).as(p.name()).isEqualTo(10);
            assertThat(FeynmanProblemTest.boxed(s.testY())).as(p.name()).allMatch(Double::isFinite);
        }
    }

    @Test
    void selectKeepsTheGivenOrderAndStripsSpaces() {
        List<FeynmanProblem> s = FeynmanTable.select(all, List.of("I.14.3", " I.6.2a ", "I.12.1"));
        assertThat(s).extracting(FeynmanProblem::name).containsExactly("I.14.3", "I.6.2a", "I.12.1");
    }

    @Test
    void selectNamesAnUnknownProblemAndSimilarOnes() {
        assertThatThrownBy(() -> FeynmanTable.select(all, List.of("I.12.1", "I.12.99")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown Feynman problem 'I.12.99'; similar: ")
                .hasMessageContaining("I.12.1").hasMessageContaining("I.12.2");
        assertThatThrownBy(() -> FeynmanTable.select(all, List.of("nonsense")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown Feynman problem 'nonsense'");
    }

    private static final String HEADER = "Filename,Number,Output,Formula,# variables,v1_name,v1_low,v1_high,v2_name,v2_low,v2_high\n";
    private static final String GOOD = "I.12.1,8,F,mu*Nn,2,mu,1,5,Nn,1,5\n";

    @Test
    void readsATableFile() throws IOException {
        Path f = write(HEADER + GOOD + "X.1,2,y,a**2+1,1,a,-1,2,,,\n\n");
        List<FeynmanProblem> t = FeynmanTable.read(f);
        assertThat(t).extracting(FeynmanProblem::name).containsExactly("I.12.1", "X.1");
        assertThat(t.get(1).variables()).containsExactly(new FeynmanProblem.Variable("a", -1, 2));
        assertThat(t.get(1).nonNegative()).isFalse();
        assertThat(t.get(0).nonNegative()).isTrue();
        assertThat(t.get(1).truth().evaluate(new double[] {3})).isEqualTo(10);
    }

    /** The bad row is the file's line 3 (header on line 1). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "I.12.2,10,F,q1*q2,2,q1,1,abc,q2,1,5   | column 'v1_high' | not a number: 'abc'",
        "I.12.2,10,F,q1*q2,2,q1,1,5,,1,5       | column 'v2_name' | missing",
        "I.12.2,ten,F,q1*q2,2,q1,1,5,q2,1,5    | column 'Number'  | not an integer: 'ten'",
        "I.12.2,10,F,q1*q2,x,q1,1,5,q2,1,5     | column '# variables' | not an integer: 'x'",
        "I.12.2,10,F,q1*q2,2,q1,5,1,q2,1,5     | q1               | low <= high",
    })
    void malformedRowsAreRejectedNamingFileLineAndColumn(String row, String where, String what) throws IOException {
        Path f = write(HEADER + GOOD + row.strip() + "\n");
        assertThatThrownBy(() -> FeynmanTable.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 3")
                .hasMessageContaining(where).hasMessageContaining(what);
    }

    @Test
    void aBadFormulaIsRejectedNamingFileLineProblemAndPosition() throws IOException {
        Path f = write(HEADER + GOOD + "I.12.2,10,F,q1*(q2+,2,q1,1,5,q2,1,5\n");
        assertThatThrownBy(() -> FeynmanTable.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + " line 3: I.12.2: cannot read formula 'q1*(q2+'")
                .hasMessageContaining("column");
        Path g = write(HEADER + GOOD + "I.12.2,10,F,q1*q3,2,q1,1,5,q2,1,5\n");
        assertThatThrownBy(() -> FeynmanTable.read(g)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(g + " line 3: I.12.2: cannot read formula").hasMessageContaining("q3");
    }

    @Test
    void aMissingColumnIsRejected() throws IOException {
        Path f = write("Filename,Number,Output,# variables,v1_name,v1_low,v1_high\nA,1,y,1,x,0,1\n");
        assertThatThrownBy(() -> FeynmanTable.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + " line 1: missing column 'Formula'");
    }

    private Path write(String text) throws IOException {
        Path f = Files.createTempFile(dir, "table", ".csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }
}
