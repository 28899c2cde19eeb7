package org.distill.symbolic.eval;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/**
 * A loss between predictions and targets, as a weighted mean of an element-wise loss. Any NaN or
 * infinite prediction makes the loss {@code +∞}: a bad candidate is data, never an exception.
 */
public interface Loss {
    /** Mean squared error (the default). */
    Loss MSE = of("mse", (p, y) -> (p - y) * (p - y));
    /** Mean absolute error. */
    Loss MAE = of("mae", (p, y) -> Math.abs(p - y));

    /** Huber loss: quadratic within {@code delta} of the target, linear beyond. */
    static Loss huber(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber delta must be a positive finite number: " + delta);
        }
        return of("huber(" + delta + ")", (p, y) -> {
            double r = Math.abs(p - y);
            return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
        });
    }

    /** A user loss from an element-wise function {@code (prediction, target) -> loss >= 0}. */
    static Loss of(String name, DoubleBinaryOperator elementwise) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(elementwise, "elementwise");
        return new Loss() {
            @Override public double elementwise(double prediction, double target) {
                return elementwise.applyAsDouble(prediction, target);
            }
            @Override public String name() { return name; }
            @Override public String toString() { return name; }
        };
    }

    /** Looks up {@code mse}, {@code mae} or {@code huber} (delta 1) by name. */
    static Loss named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "mse" -> MSE;
            case "mae" -> MAE;
            case "huber" -> huber(1.0);
            default -> throw new IllegalArgumentException("unknown loss '" + name + "': expected mse, mae or huber");
        };
    }

    double elementwise(double prediction, double target);

    String name();

    /** True if this is the mean squared error (the evaluator has a fused path for it). */
    default boolean isMse() { return this == MSE; }

    /** Weighted mean over the first {@code n} rows; {@code w} null means uniform. */
    default double value(double[] prediction, double[] target, double[] w, int n) {
        double sum = 0, wsum = 0;
        if (w == null) {
            for (int i = 0; i < n; i++) sum += elementwise(prediction[i], target[i]);
            wsum = n;
        } else {
            for (int i = 0; i < n; i++) {
                sum += w[i] * elementwise(prediction[i], target[i]);
                wsum += w[i];
            }
        }
        double v = sum / wsum;
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }
}
