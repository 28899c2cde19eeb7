/**
 * Dimensional analysis for the search: {@link org.distill.symbolic.units.Dimension} (products of
 * powers of m, s, kg, K, A with fractional exponents), {@link org.distill.symbolic.units.UnitParser}
 * ({@code kg*m^2/s^2}), {@link org.distill.symbolic.units.DimensionCheck} (the violations of an
 * expression), {@link org.distill.symbolic.units.Units} (the setting: penalty, forbid or off, free or
 * dimensionless constants) and {@link org.distill.symbolic.units.Buckingham} (dimensionless groups).
 * Uses only {@code expr}; the search calls it through {@code Units.penalty}.
 */
package org.distill.symbolic.units;
