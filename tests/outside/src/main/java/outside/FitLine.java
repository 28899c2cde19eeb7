package outside;

import org.distill.symbolic.*;
import org.distill.symbolic.expr.Op;

/** The README's example program: fits y = 2x with nothing but distill-symbolic, as a user's program would. */
public class FitLine {
    public static void main(String[] args) {
        double[][] x = {{1}, {2}, {3}, {4}, {5}};
        double[] y = {2, 4, 6, 8, 10};
        SymbolicRegressor regressor = SymbolicRegressor.builder()
                .operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV).generations(20).seed(1).build();
        ParetoFront front = regressor.fit(x, y, "x");
        System.out.println("y = " + front.best());   // y = 2*x
    }
}
