package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.Provenance;
import org.distill.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontFileTest {
    static final List<String> VARS = List.of("a", "b");

    @TempDir Path dir;

    static ParetoFront front() {
        Expr a = Expr.variable(0), b = Expr.variable(1);
        List<Equation> eqs = List.of(
                new Equation(Expr.constant(2.5), VARS, 10, 0),
                new Equation(Expr.of(Op.MUL, Expr.constant(365.25), a), VARS, 4, 0),
                new Equation(Expr.of(Op.MUL, Expr.constant(365.25), Expr.of(Op.MUL, a, Expr.of(Op.SQRT, a))), VARS, 1e-3, 0),
                new Equation(Expr.of(Op.ADD, Expr.of(Op.MUL, Expr.constant(365.25), Expr.of(Op.MUL, a, Expr.of(Op.SQRT, a))),
                        Expr.of(Op.DIV, b, Expr.constant(-1e-7))), VARS, 1e-4, 0));
        Provenance p = new Provenance(8, VARS, "period", "test", 0, 1, 10, 100, Duration.ofSeconds(1), "test", "test", "mse");
        return ParetoFront.of(eqs, p);
    }

    @Test void writesAndReadsBackTheEquations() throws IOException {
        ParetoFront f = front();
        Path file = dir.resolve("front.csv");
        FrontFile.writeAtomically(file, FrontFile.format(f, "line one\nline two"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.subList(0, 3)).containsExactly("# line one", "# line two", "complexity,loss,score,equation");
        assertThat(lines).hasSize(3 + f.size());
        List<Expr> back = FrontFile.read(file, VARS);
        assertThat(back).hasSize(f.size());
        for (int i = 0; i < f.size(); i++) {
            double[] row = {2.0, 3.0};
            assertThat(back.get(i).evaluate(row)).isCloseTo(f.get(i).expression().evaluate(row),
                    org.assertj.core.data.Offset.offset(1e-9 * Math.abs(f.get(i).expression().evaluate(row))));
        }
        assertThat(Files.list(dir).toList()).containsExactly(file); // no temporary file left
    }

    @Test void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("front.csv");
        Files.writeString(file, "old");
        FrontFile.writeAtomically(file, "new");
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test void quotesEquationsWithCommas() throws IOException {
        ParetoFront f = front();
        String text = FrontFile.format(f, null);
        assertThat(text).startsWith("complexity,loss,score,equation\n");
        Path file = dir.resolve("f.csv");
        Files.writeString(file, text.replace("2.5\n", "\"pow(a, 2)\"\n"));
        assertThat(FrontFile.read(file, VARS).getFirst()).isEqualTo(Expr.of(Op.POW, Expr.variable(0), Expr.constant(2)));
    }

    @Test void badLinesNameTheLine() throws IOException {
        Path file = dir.resolve("f.csv");
        Files.writeString(file, "# x\n\ncomplexity,loss,score,equation\n1,1,0,a\n3,1,0,sqrt(\n");
        assertThatThrownBy(() -> FrontFile.read(file, VARS)).isInstanceOf(DistillCommand.Failure.class)
                .hasMessageStartingWith(file + " line 5: cannot read the equation 'sqrt(': ");
        Files.writeString(file, "complexity,loss,score,equation\n");
        assertThatThrownBy(() -> FrontFile.read(file, VARS)).hasMessage(file + " has no equations to resume from");
        Files.writeString(file, "");
        assertThatThrownBy(() -> FrontFile.read(file, VARS)).hasMessageStartingWith(file + " is not a front file");
    }
}
