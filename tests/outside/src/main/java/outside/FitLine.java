package outside;

import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Op;

/** Fits y = 2x on a few points with nothing but distill-symbolic, as a user's program would. */
public final class FitLine {
    public static void main(String[] args) {
        double[][] x = {{1}, {2}, {3}, {4}, {5}};
        double[] y = {2, 4, 6, 8, 10};
        SymbolicRegressor regressor = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV)
                .generations(20)
                .seed(1)
                .build();
        ParetoFront front = regressor.fit(Dataset.of(x, y).withVariables("x").withTarget("y"));
        Equation best = front.best();
        System.out.println("y = " + best);
    }
}
