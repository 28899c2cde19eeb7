package org.distill.tests.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.distill.examples.bench.BenchResult;
import org.distill.examples.bench.FeynmanProblem;
import org.distill.examples.bench.FeynmanTable;
import org.distill.examples.bench.ResultsCsv;
import org.distill.examples.bench.SolutionCheck;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Parser;

/**
 * Re-scores the chosen equations of a results file with the current {@link SolutionCheck} (no new
 * search): shows what a change to the scoring alone does. Prints the rows whose verdict changed.
 *
 * <pre>java -cp "tests/target/classes:$(cat tests/target/classpath.txt)" org.distill.tests.bench.FeynmanRescore results.csv</pre>
 */
public final class FeynmanRescore {
    public static void main(String[] args) throws Exception {
        List<BenchResult> results = ResultsCsv.read(Path.of(args[0]));
        Map<String, FeynmanProblem> byName = FeynmanTable.builtIn().stream()
                .collect(Collectors.toMap(FeynmanProblem::name, Function.identity()));
        int before = 0, after = 0;
        for (BenchResult r : results) {
            FeynmanProblem p = byName.get(r.problem());
            FeynmanProblem.Samples s = p.sample(r.rows(), r.seed(), r.noise());
            double[][] rows = s.testRows();
            SolutionCheck check = new SolutionCheck(p.truth(), p.variables().size(), p.nonNegative(),
                    java.util.Arrays.copyOf(rows, Math.min(200, rows.length)), Duration.ofSeconds(10));
            Expr model = Parser.parse(r.equation(), p.variableNames(), FeynmanProblem.EXTRA_OPS);
            boolean exact = check.check(model).exact();
            if (r.exact()) before++;
            if (exact) after++;
            if (exact != r.exact()) System.out.println(r.problem() + ": " + r.exact() + " -> " + exact + "   " + r.equation());
        }
        System.out.printf("exact before: %d, after: %d of %d%n", before, after, results.size());
    }
}
