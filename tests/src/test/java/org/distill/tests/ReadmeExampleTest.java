package org.distill.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.nio.file.Path;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.io.CsvTable;
import org.junit.jupiter.api.Test;

/** The README's Java API example, run as written on the shipped Kepler data. */
class ReadmeExampleTest {

    @Test
    void readmeJavaExampleFindsKeplersThirdLaw() throws Exception {
        Dataset data = CsvTable.read(Path.of("../examples/data/kepler.csv")).toDataset("period", null);
        SymbolicRegressor regressor = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SQRT)
                .maxComplexity(20)
                .generations(100)
                .seed(42)
                .build();
        ParetoFront front = regressor.fit(data);
        Equation best = front.best();
        assertThat(best.toString()).isEqualTo("365.069830126*a^1.5");
        assertThat(best.latex()).isEqualTo("365.07 \\cdot a^{1.5}");
        double[] days = best.predict(new double[][] {{1.0}, {5.2044}});
        assertThat(days[0]).isCloseTo(365.07, withPercentage(0.01));
        assertThat(front.provenance().stopReason()).isEqualTo("generations");
    }
}
