package org.distill.neural.hgn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.distill.neural.Torch;
import org.distill.neural.lnn.Activation;
import org.distill.neural.lnn.InputDerivatives;
import org.distill.neural.lnn.Initialization;
import org.distill.neural.lnn.Mlp;

/**
 * A flat Hamiltonian graph network for {@code bodies} bodies in {@code dim} dimensions:
 * <pre>
 *   H(q, p) = Σ_{i<j} φ(q_i − q_j, |q_i − q_j|, m_i, m_j) + Σ_i ψ(p_i, m_i),
 *   ṗ = −∂H/∂q,   q̇ = ∂H/∂p,
 * </pre>
 * with φ and ψ softplus {@link Mlp}s. The derivatives come from the forward-mode input gradient of each term,
 * chained through the distance and summed over the pairs with a signed incidence matrix, so they stay
 * differentiable in the parameters.
 */
public final class HamiltonianGraphNetwork implements PairTerm, AutoCloseable {
    private final int dim, bodies, pairs;
    private final Mlp pair, self;
    private final NDManager manager;
    private final NDArray signed, first, second;          // (P, N): +1 at i and −1 at j; one-hot i; one-hot j

    private HamiltonianGraphNetwork(int dim, int bodies, int hidden, int layers, long seed) {
        this.dim = dim;
        this.bodies = bodies;
        this.pairs = bodies * (bodies - 1) / 2;
        int[] pw = widths(dim + 3, hidden, layers), sw = widths(dim + 1, hidden, layers);
        this.pair = Mlp.of(pw, Activation.SOFTPLUS, Initialization.XAVIER, seed);
        this.self = Mlp.of(sw, Activation.SOFTPLUS, Initialization.XAVIER, seed + 1);
        this.manager = Torch.engine().newBaseManager(Torch.device());
        double[] s = new double[pairs * bodies], a = new double[pairs * bodies], b = new double[pairs * bodies];
        int e = 0;
        for (int i = 0; i < bodies; i++)
            for (int j = i + 1; j < bodies; j++, e++) {
                s[e * bodies + i] = 1;
                s[e * bodies + j] = -1;
                a[e * bodies + i] = 1;
                b[e * bodies + j] = 1;
            }
        signed = manager.create(s, new Shape(pairs, bodies));
        first = manager.create(a, new Shape(pairs, bodies));
        second = manager.create(b, new Shape(pairs, bodies));
    }

    private static int[] widths(int in, int hidden, int layers) {
        int[] w = new int[layers + 2];
        w[0] = in;
        for (int l = 1; l <= layers; l++) w[l] = hidden;
        w[layers + 1] = 1;
        return w;
    }

    /** A network for systems of {@code bodies} bodies in {@code dim} dimensions, with Xavier-initialised terms. */
    public static HamiltonianGraphNetwork of(int dim, int bodies, int hidden, int layers, long seed) {
        if (dim < 1 || dim > 3) throw new IllegalArgumentException("dim must be in [1, 3]: " + dim);
        if (bodies < 2 || bodies > 100) throw new IllegalArgumentException("bodies must be in [2, 100]: " + bodies);
        if (hidden < 1 || hidden > 4096) throw new IllegalArgumentException("hidden must be in [1, 4096]: " + hidden);
        if (layers < 1 || layers > 16) throw new IllegalArgumentException("layers must be in [1, 16]: " + layers);
        return new HamiltonianGraphNetwork(dim, bodies, hidden, layers, seed);
    }

    /** A network for systems of {@code bodies} bodies in {@code dim} dimensions, terms as in {@code config}. */
    public static HamiltonianGraphNetwork of(int dim, int bodies, HgnConfig config) {
        return of(dim, bodies, config.hiddenSize(), config.hiddenLayers(), config.seed());
    }

    @Override public int dim() { return dim; }
    public int bodies() { return bodies; }

    /** The pair term φ. */
    public Mlp pairTerm() { return pair; }

    /** The self term ψ. */
    public Mlp selfTerm() { return self; }

    /** Both terms' parameters. */
    public List<NDArray> parameters() {
        List<NDArray> all = new ArrayList<>(pair.parameters());
        all.addAll(self.parameters());
        return all;
    }

    /** The pair term's inputs for positions (G, N, dim) and masses (G, N): (G·P, dim + 3) = [q_i − q_j, r, m_i, m_j]. */
    NDArray pairInputs(NDArray q, NDArray m) {
        long graphs = q.getShape().get(0);
        NDArray d = signed.matMul(q);                                                       // (G, P, dim)
        NDArray r = d.square().sum(new int[] {2}, true).add(1e-12).sqrt();                  // (G, P, 1)
        NDArray m3 = m.reshape(graphs, bodies, 1);
        NDArray mi = first.matMul(m3), mj = second.matMul(m3);                              // (G, P, 1)
        return NDArrays.concat(new NDList(d, r, mi, mj), 2).reshape(graphs * pairs, dim + 3);
    }

    /**
     * {@code {ṗ, q̇}} for positions and momenta (G, N, dim) and masses (G, N), float64, each (G, N, dim).
     */
    public NDArray[] derivatives(NDArray q, NDArray p, NDArray m) {
        long graphs = q.getShape().get(0);
        NDArray x = pairInputs(q, m);
        InputDerivatives g = pair.gradient(x);
        NDArray grad = g.gradient();                                                       // (G·P, dim + 3)
        NDArray d = x.get(":, :" + dim), r = x.get(":, " + dim + ":" + (dim + 1));
        NDArray dPhi = grad.get(":, :" + dim).add(grad.get(":, " + dim + ":" + (dim + 1)).mul(d.div(r)));
        NDArray dHdq = signed.transpose().matMul(dPhi.reshape(graphs, pairs, dim));       // (G, N, dim)
        NDArray selfIn = NDArrays.concat(new NDList(p, m.reshape(graphs, bodies, 1)), 2).reshape(graphs * bodies, dim + 1);
        NDArray qdot = self.gradient(selfIn).gradient().get(":, :" + dim).reshape(graphs, bodies, dim);
        return new NDArray[] {dHdq.neg(), qdot};
    }

    /** φ on the flat pair inputs {@code [d (dim), r, m_i, m_j]} rows: one value per row. */
    @SuppressWarnings("try")
    @Override public double[] pairValues(double[] inputs, int rows) {
        try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
            return pair.forward(m.create(inputs, new Shape(rows, dim + 3))).toDoubleArray();
        }
    }

    /** dφ/dr along each pair's direction, on the flat pair inputs {@code [d (dim), r, m_i, m_j]} rows. */
    @SuppressWarnings("try")
    @Override public double[] pairRadialDerivative(double[] inputs, int rows) {
        try (NDManager m = Torch.engine().newBaseManager(Torch.device()); var scope = new NDScope()) {
            NDArray x = m.create(inputs, new Shape(rows, dim + 3));
            NDArray grad = pair.gradient(x).gradient();
            NDArray d = x.get(":, :" + dim), r = x.get(":, " + dim + ":" + (dim + 1));
            return grad.get(":, :" + dim).mul(d.div(r)).sum(new int[] {1}).add(grad.get(":, " + dim)).toDoubleArray();
        }
    }

    @Override public void close() {
        pair.close();
        self.close();
        manager.close();
    }
}
