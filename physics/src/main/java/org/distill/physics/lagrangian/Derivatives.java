package org.distill.physics.lagrangian;

import java.util.Objects;

/**
 * A Lagrangian {@code L(q, q̇)} and the derivatives the Euler–Lagrange equations need, at one state of a system
 * with {@code n} degrees of freedom.
 *
 * @param value    {@code L}
 * @param gradQ    {@code ∂L/∂q_i}, length n
 * @param hessianVV {@code ∂²L/∂q̇_i∂q̇_j}, n × n
 * @param mixed    {@code ∂²L/∂q̇_i∂q_j} (row i: velocity, column j: position), n × n
 */
public record Derivatives(double value, double[] gradQ, double[][] hessianVV, double[][] mixed) {
    public Derivatives {
        Objects.requireNonNull(gradQ, "gradQ");
        int n = gradQ.length;
        if (n == 0) throw new IllegalArgumentException("gradQ must have at least one component");
        hessianVV = square("hessianVV", hessianVV, n);
        mixed = square("mixed", mixed, n);
        gradQ = gradQ.clone();
    }

    private static double[][] square(String name, double[][] m, int n) {
        Objects.requireNonNull(m, name);
        if (m.length != n) throw new IllegalArgumentException(name + " has " + m.length + " rows, expected " + n);
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (m[i].length != n)
                throw new IllegalArgumentException(name + " row " + i + " has " + m[i].length + " columns, expected " + n);
            copy[i] = m[i].clone();
        }
        return copy;
    }

    /** Degrees of freedom. */
    public int dof() { return gradQ.length; }

    @Override public double[] gradQ() { return gradQ.clone(); }

    @Override public double[][] hessianVV() { return square("hessianVV", hessianVV, gradQ.length); }

    @Override public double[][] mixed() { return square("mixed", mixed, gradQ.length); }
}
