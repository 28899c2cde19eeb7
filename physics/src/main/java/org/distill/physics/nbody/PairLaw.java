package org.distill.physics.nbody;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pair potentials of Cranmer et al., "Discovering Symbolic Models from Deep Learning with Inductive Biases"
 * (NeurIPS 2020), with {@code G = 1} and the distance softened to {@code r' = r + }{@value #SOFTENING}.
 *
 * <table>
 *   <caption>Potential of one pair, time step and conservation</caption>
 *   <tr><th>law</th><th>U(r')</th><th>dt</th><th>energy conserved</th></tr>
 *   <tr><td>{@link #R2}</td><td>{@code −m1·m2 / r'}</td><td>1e-3</td><td>yes</td></tr>
 *   <tr><td>{@link #R1}</td><td>{@code m1·m2·log r'}</td><td>5e-3</td><td>yes</td></tr>
 *   <tr><td>{@link #SPRING}</td><td>{@code (r' − 1)²}</td><td>1e-2</td><td>yes</td></tr>
 *   <tr><td>{@link #DAMPED}</td><td>{@code (r' − 1)²} plus a drag force {@code −}{@value #DAMPING}{@code ·v} on every
 *       body</td><td>2e-2</td><td>no, decays</td></tr>
 *   <tr><td>{@link #CHARGE}</td><td>{@code q1·q2 / r'}</td><td>1e-3</td><td>yes</td></tr>
 *   <tr><td>{@link #DISC}</td><td>{@code 0} for {@code r' < 2}, else {@code (r' − 1)²}</td><td>1e-2</td>
 *       <td>no: U jumps by 1 where a pair crosses {@code r' = 2}, and the force there is finite</td></tr>
 * </table>
 *
 * <p>The force on body {@code i} from body {@code j} is {@code F = −U'(r')·(x_i − x_j)/r}, the analytic gradient of
 * the pair potential, so {@code F_ij = −F_ji} and total momentum is conserved by every law but {@link #DAMPED}.
 * At {@code r = 0} the direction is undefined and the force is taken as zero.
 *
 * <p>The damped law of the reference code adds {@code x·v/n} terms to the potential, which makes the drag of a body
 * depend on its index; here the drag is the plain force {@code −}{@value #DAMPING}{@code ·v_i} (acceleration
 * {@code −}{@value #DAMPING}{@code ·v_i/m_i}), so {@code dE/dt = −}{@value #DAMPING}{@code ·Σ|v_i|² ≤ 0}.
 */
public enum PairLaw {
    /** Gravity-like {@code −m1 m2 / r'}. */
    R2("r2", 1e-3, true),
    /** Two-dimensional gravity {@code m1 m2 log r'}. */
    R1("r1", 5e-3, true),
    /** Spring of rest length 1, {@code (r' − 1)²}. */
    SPRING("spring", 1e-2, true),
    /** {@link #SPRING} plus the drag force {@code −}{@value #DAMPING}{@code ·v} on each body. */
    DAMPED("damped", 2e-2, false),
    /** Electrostatics {@code q1 q2 / r'}; like charges repel. */
    CHARGE("charge", 1e-3, true),
    /** Discontinuous: no interaction for {@code r' < 2}, a spring {@code (r' − 1)²} beyond. */
    DISC("disc", 1e-2, false);

    /** Added to every distance: {@code r' = r + SOFTENING}. */
    public static final double SOFTENING = 0.01;
    /** Drag coefficient of {@link #DAMPED}: the drag force on a body is {@code −DAMPING·v}. */
    public static final double DAMPING = 0.5;
    /** Where {@link #DISC} switches on, in softened distance. */
    public static final double DISC_RADIUS = 2;

    private final String label;
    private final double timeStep;
    private final boolean conservative;

    PairLaw(String label, double timeStep, boolean conservative) {
        this.label = label;
        this.timeStep = timeStep;
        this.conservative = conservative;
    }

    /**
     * The law named {@code name}, one of {@code r1 r2 spring damped charge disc} (case and surrounding blanks
     * ignored; {@code discontinuous} is accepted for {@code disc}).
     *
     * @throws IllegalArgumentException naming the valid laws
     */
    public static PairLaw parse(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.equals("discontinuous")) return DISC;
        for (PairLaw law : values()) if (law.label.equals(key)) return law;
        throw new IllegalArgumentException("unknown pair law '" + name + "'; expected one of "
                + Arrays.stream(values()).map(PairLaw::label).collect(Collectors.joining(", ")));
    }

    /** The name {@link #parse(String)} accepts, e.g. {@code "r2"}. */
    public String label() { return label; }

    /** The time step between samples in the paper's data sets. */
    public double timeStep() { return timeStep; }

    /** Whether total energy (kinetic plus {@link #potential}) is constant along exact trajectories. */
    public boolean conservative() { return conservative; }

    /** The drag coefficient: {@link #DAMPING} for {@link #DAMPED}, 0 otherwise. */
    public double drag() { return this == DAMPED ? DAMPING : 0; }

    /**
     * The potential energy of one pair at (unsoftened) distance {@code r ≥ 0}.
     *
     * @param r  distance between the bodies
     * @param qi charge of one body, {@code qj} of the other
     * @param mi mass of one body, {@code mj} of the other
     */
    public double potential(double r, double qi, double qj, double mi, double mj) {
        double s = r + SOFTENING;
        return switch (this) {
            case R2 -> -mi * mj / s;
            case R1 -> mi * mj * Math.log(s);
            case SPRING, DAMPED -> (s - 1) * (s - 1);
            case CHARGE -> qi * qj / s;
            case DISC -> s < DISC_RADIUS ? 0 : (s - 1) * (s - 1);
        };
    }

    /** {@code dU/dr} of {@link #potential} at distance {@code r} (one-sided, from above, at the disc jump). */
    public double derivative(double r, double qi, double qj, double mi, double mj) {
        double s = r + SOFTENING;
        return switch (this) {
            case R2 -> mi * mj / (s * s);
            case R1 -> mi * mj / s;
            case SPRING, DAMPED -> 2 * (s - 1);
            case CHARGE -> -qi * qj / (s * s);
            case DISC -> s < DISC_RADIUS ? 0 : 2 * (s - 1);
        };
    }

    /**
     * Writes the force on body {@code i} (at {@code xi}) from body {@code j} (at {@code xj}) into {@code out}, without
     * allocating: {@code out[d] = −U'(r')·(xi[d] − xj[d])/r} for {@code d < xi.length}. The drag of {@link #DAMPED}
     * is not a pair force and is not included.
     *
     * @throws IllegalArgumentException if {@code xj} or {@code out} is shorter than {@code xi}
     */
    public void force(double[] xi, double[] xj, double qi, double qj, double mi, double mj, double[] out) {
        int dim = xi.length;
        if (xj.length < dim || out.length < dim)
            throw new IllegalArgumentException("xi has " + dim + " components, xj " + xj.length + ", out " + out.length
                    + "; xj and out need at least " + dim);
        double r2 = 0;
        for (int d = 0; d < dim; d++) {
            double delta = xi[d] - xj[d];
            r2 += delta * delta;
        }
        double r = Math.sqrt(r2);
        double scale = r > 0 ? -derivative(r, qi, qj, mi, mj) / r : 0;
        for (int d = 0; d < dim; d++) out[d] = scale * (xi[d] - xj[d]);
    }
}
