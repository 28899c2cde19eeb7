package org.distill.neural.hgn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.lnn.LagrangianDistillation.ScaleFit;
import org.distill.physics.nbody.GraphDataset;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.Op;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.SymbolicRegressor;

/**
 * Distils the pair term φ of a trained {@link HamiltonianGraphNetwork}: samples φ on the pairs of test graphs, fits
 * {@code φ ≈ a·U + b} to the law's true pair potential U, and runs symbolic regression on φ as a function of
 * {@code r, m1, m2} (linear scaling on, so the form is read up to scale and offset); the formula's values are fitted to
 * U the same way.
 *
 * <p>A Hamiltonian is fixed only up to terms constant in time — here any function of the masses, which the pair and
 * self terms can trade — so the values of φ may carry mass-dependent offsets that lower the value fit's R² without
 * changing the dynamics. The physical content is the radial derivative: {@code ∂φ/∂r ≈ a·U'(r)} (no offset) is fitted
 * too, for the network (its input gradient along the pair's direction) and for the formula (central differences).
 */
public final class PairDistillation {
    private PairDistillation() { }

    /**
     * @param truthFit  φ ≈ a·U + b over the sampled pairs
     * @param equation  the chosen formula (best of the front), or null
     * @param formFit   formula ≈ a·U + b; null without a formula
     * @param forceFit  ∂φ/∂r ≈ a·U'(r) + b over the sampled pairs (b should be ≈ 0)
     * @param formForceFit the formula's ∂/∂r ≈ a·U'(r) + b; null without a formula
     * @param r         the sampled pairs' distances (for plots)
     * @param phi       φ on them
     * @param potential U on them
     * @param front     the Pareto front
     */
    public record Result(ScaleFit truthFit, Equation equation, ScaleFit formFit, ScaleFit forceFit, ScaleFit formForceFit,
                         double[] r, double[] phi,
                         double[] potential, ParetoFront front) {
        public Result { Objects.requireNonNull(truthFit, "truthFit"); }

        public String formula() { return equation == null ? null : equation.toString(); }

        public String latex() { return equation == null ? null : equation.latex(); }
    }

    /** Distils {@code network}'s pair term on at most {@code maxPairs} pairs of {@code test}, which follows {@code law}. */
    public static Result run(HamiltonianGraphNetwork network, GraphDataset test, PairLaw law, int maxPairs, Duration time,
                             int threads, long seed, ProgressListener listener, AtomicBoolean cancel) {
        int n = test.bodies(), dim = test.dim(), perGraph = n * (n - 1) / 2;
        int total = test.graphs() * perGraph, rows = Math.min(maxPairs, total);
        var random = new SplittableRandom(seed);
        double[] inputs = new double[rows * (dim + 3)], r = new double[rows], m1 = new double[rows], m2 = new double[rows],
                u = new double[rows];
        for (int k = 0; k < rows; k++) {
            int pick = rows == total ? k : random.nextInt(total), g = pick / perGraph, e = pick % perGraph, i = 0;
            while (e >= n - 1 - i) { e -= n - 1 - i; i++; }
            int j = i + 1 + e;
            double rr = 0;
            for (int d = 0; d < dim; d++) {
                double dx = test.node(g, i, d) - test.node(g, j, d);
                inputs[k * (dim + 3) + d] = dx;
                rr += dx * dx;
            }
            r[k] = Math.sqrt(rr);
            m1[k] = test.node(g, i, 2 * dim + 1);
            m2[k] = test.node(g, j, 2 * dim + 1);
            inputs[k * (dim + 3) + dim] = r[k];
            inputs[k * (dim + 3) + dim + 1] = m1[k];
            inputs[k * (dim + 3) + dim + 2] = m2[k];
            u[k] = law.potential(r[k], test.node(g, i, 2 * dim), test.node(g, j, 2 * dim), m1[k], m2[k]);
        }
        double[] phi = network.pairValues(inputs, rows), dPhi = network.pairRadialDerivative(inputs, rows);
        double[] du = new double[rows];
        for (int k = 0; k < rows; k++) du[k] = law.derivative(r[k], 0, 0, m1[k], m2[k]);
        ScaleFit forceFit = ScaleFit.of(du, dPhi);
        ScaleFit truthFit = ScaleFit.of(u, phi);
        Dataset data = Dataset.ofColumns(new double[][] {r, m1, m2}, phi).withVariables(List.of("r", "m1", "m2")).withTarget("phi");
        ParetoFront front = SymbolicRegressor.builder().operators(Op.ADD, Op.SUB, Op.MUL, Op.DIV).maxComplexity(20)
                .timeLimit(time).threads(threads).seed(seed).listener(listener).build().fit(data, cancel);
        Equation best = front.isEmpty() ? null : front.best();
        ScaleFit formFit = best == null ? null : ScaleFit.of(u, best.predict(data));
        ScaleFit formForceFit = null;
        if (best != null) {
            double h = 1e-5;
            double[][] xp = new double[rows][], xm = new double[rows][];
            for (int k = 0; k < rows; k++) {
                xp[k] = new double[] {r[k] + h, m1[k], m2[k]};
                xm[k] = new double[] {r[k] - h, m1[k], m2[k]};
            }
            double[] fp = best.predict(xp), fm = best.predict(xm), d = new double[rows];
            for (int k = 0; k < rows; k++) d[k] = (fp[k] - fm[k]) / (2 * h);
            formForceFit = ScaleFit.of(du, d);
        }
        return new Result(truthFit, best, formFit, forceFit, formForceFit, r, phi, u, front);
    }
}
