package org.distill.symbolic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.units.Dimension;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    static final double[][] X = {{3, 5, 8}, {4, 2, 1}, {1, 2, 3}}; // [column][row]: a >= b on rows 0, 1 only

    @Test
    void withoutUnitsEveryPairGivesRatioNormsAndProduct() {
        Features f = Features.of(X, 3, List.of("a", "b", "c"), List.of(), null);
        List<String> names = f.features().stream().map(Features.Feature::name).toList();
        // a, b: |a| >= |b| is false on row 0 (3 < 4) and |b| >= |a| false on row 1: no difference norm.
        // Ratios and products of every pair first, then the norms.
        assertThat(names).startsWith("a/b", "a*b", "a/c", "a*c", "b/c", "b*c", "sqrt(a^2 + b^2)");
        assertThat(names).contains("sqrt(a^2 - c^2)");
        double[][] wide = f.augment(X, 3);
        assertThat(wide.length).isEqualTo(3 + names.size());
        assertThat(wide[9]).containsExactly(5, Math.sqrt(29), Math.sqrt(65)); // sqrt(a^2 + b^2)
        assertThat(f.names(List.of("a", "b", "c"))).startsWith("a", "b", "c", "f1", "f2");
        // A found equation in the wide variables, written back: 2*f7 -> 2*sqrt(a*a + b*b).
        Expr found = Expr.of(Op.MUL, Expr.constant(2), Expr.variable(9));
        Expr back = f.substitute(found);
        assertThat(back.maxVariable()).isEqualTo(1);
        assertThat(back.evaluate(new double[] {3, 4, 0})).isEqualTo(10);
    }

    @Test
    void unitsAllowDimensionlessRatiosNormsOfLikeQuantitiesAndProductsOfTheTargetsDimension() {
        Dimension m = Dimension.parse("m"), s = Dimension.parse("s"), n = Dimension.parse("kg*m/s^2");
        Features f = Features.of(X, 3, List.of("r1", "r2", "t"), List.of(m, m, s), Dimension.parse("m*s"));
        List<String> names = f.features().stream().map(Features.Feature::name).toList();
        assertThat(names).containsExactly("r1 - r2", "r1/r2", "r1*t", "r2*t", "sqrt(r1^2 + r2^2)"); // r1/r2 once
        assertThat(f.features().get(0).dimension()).isEqualTo(m);
        assertThat(f.features().get(1).dimension().isDimensionless()).isTrue();
        assertThat(Features.of(X, 3, List.of("r1", "r2", "t"), List.of(m, m, s), n).features())
                .extracting(Features.Feature::name).containsExactly("r1 - r2", "r1/r2", "sqrt(r1^2 + r2^2)");
    }

    @Test
    void withoutUnitsNormsOnlyOfColumnsOfComparableSize() {
        // T ~ 1 000 (a temperature), A ~ 1 (an area), v ~ 2 and c ~ 8: rms ratios 1 000 and 4.
        double[][] x = {{900, 1000, 1100}, {1, 1.5, 0.5}, {1, 2, 3}, {6, 8, 10}};
        List<String> names = Features.of(x, 3, List.of("T", "A", "v", "c"), List.of(), null).features().stream()
                .map(Features.Feature::name).toList();
        assertThat(names).contains("T/A", "T*A", "v/c", "v*c", "sqrt(v^2 + c^2)", "sqrt(c^2 - v^2)");
        assertThat(names).noneMatch(n -> n.startsWith("sqrt(") && n.contains("T")); // T is 100–1 000× every other column
        assertThat(Features.comparable(1, 10)).isTrue();
        assertThat(Features.comparable(1, 10.5)).isFalse();
        assertThat(Features.comparable(0, 0)).isFalse();
    }

    @Test
    void indexedColumnsOfLikeQuantitiesGetTheirDifferenceFirst() {
        assertThat(Features.indexed("x1", "x2")).isTrue();
        assertThat(Features.indexed("theta", "theta1")).isTrue();
        assertThat(Features.indexed("T_1", "T_2")).isTrue();
        assertThat(Features.indexed("omega", "omega_0")).isTrue();
        assertThat(Features.indexed("x_", "x")).isFalse(); // an underscore without digits is part of the name
        assertThat(Features.indexed("x1", "y1")).isFalse();
        assertThat(Features.indexed("x1", "x1")).isFalse();
        assertThat(Features.indexed("1", "2")).isFalse(); // no stem
        assertThat(Features.indexed("ab1", "b1")).isFalse();
        // Nine columns (36 pairs) fill the cap with ratios and products of the first pairs; the differences of the
        // coordinates, last in column order, still come first, and no norm is left room. m1, m2 (~1) and x1, x2 (~1 000) are each alike;
        // without units m1 - x1 is not offered (not indexed), nor x2 - m2.
        int p = 9, rows = 3;
        double[][] x = new double[p][rows];
        for (int i = 0; i < p; i++) for (int r = 0; r < rows; r++) x[i][r] = (i >= 7 ? 1000 : 1) * (1 + i + 0.5 * r);
        List<String> names = List.of("m1", "m2", "a", "b", "c", "d", "e", "x1", "x2");
        Features f = Features.of(x, rows, names, List.of(), null);
        assertThat(f.features()).hasSize(Features.MAX_FEATURES);
        assertThat(f.features()).extracting(Features.Feature::name).startsWith("m1 - m2", "m1/m2", "x1 - x2", "x1/x2")
                .doesNotContain("m1 - x1", "x2/m2").doesNotHaveDuplicates().noneMatch(n -> n.startsWith("sqrt"));
        assertThat(f.augment(x, rows)[p + 2]).containsExactly(-1000, -1000, -1000); // x1 - x2
        // With units, only of the same dimension: r1 (m) and r2 (s) are not alike.
        Dimension m = Dimension.parse("m"), s = Dimension.parse("s");
        assertThat(Features.of(X, 3, List.of("r1", "r2", "t"), List.of(m, s, s), null).features())
                .extracting(Features.Feature::name).noneMatch(n -> n.contains(" - "));
    }

    @Test
    void theDifferencesOfTwoPointsCoordinatesGiveTheirDistance() {
        // Points (x1, y1, z1) and (x2, y2, z2), columns in the Feynman table's order (I.9.18).
        double[][] x = {{1, 2, 3}, {4, 4, 4}, {2, 1, 2}, {6, 5, 4}, {1, 1, 1}, {1, 3, 7}};
        List<String> names = List.of("x1", "x2", "y1", "y2", "z1", "z2");
        Features f = Features.of(x, 3, names, List.of(), null);
        List<String> got = f.features().stream().map(Features.Feature::name).toList();
        assertThat(got).startsWith("x1 - x2", "x1/x2", "y1 - y2", "y1/y2", "z1 - z2", "z1/z2",
                "sqrt((x1 - x2)^2 + (y1 - y2)^2 + (z1 - z2)^2)");
        // Row 0: (1, 2, 1) − (4, 6, 1) = (−3, −4, 0): 5. Then the 2-D distances without one coordinate.
        assertThat(f.augment(x, 3)[6 + 6][0]).isEqualTo(5);
        assertThat(got.subList(7, 10)).containsExactly("sqrt((y1 - y2)^2 + (z1 - z2)^2)",
                "sqrt((x1 - x2)^2 + (z1 - z2)^2)", "sqrt((x1 - x2)^2 + (y1 - y2)^2)");
        // With units: not of a component of another dimension (z in seconds): the x, y distance only.
        Dimension m = Dimension.parse("m"), s = Dimension.parse("s");
        List<String> withUnits = Features.of(x, 3, names, List.of(m, m, m, m, s, s), null).features().stream()
                .map(Features.Feature::name).toList();
        assertThat(withUnits).contains("x1 - x2", "z1 - z2", "sqrt((x1 - x2)^2 + (y1 - y2)^2)")
                .filteredOn(n -> n.startsWith("sqrt((")).hasSize(1);
        // A single difference (q1 − q2) is no distance.
        assertThat(Features.of(new double[][] {{1, 2, 3}, {2, 2, 2}}, 3, List.of("q1", "q2"), List.of(), null).features())
                .extracting(Features.Feature::name).noneMatch(n -> n.contains("^2 +") && n.contains(" - "));
    }

    @Test
    void withoutUnitsOnlyCoordinatesMakeADistance() {
        // I.18.4's masses and positions m1, m2, r1, r2 of like size: their differences, but no "distance" of m and r.
        double[][] x = {{1, 2, 3}, {4, 4, 4}, {2, 1, 2}, {3, 5, 4}};
        List<String> names = List.of("m1", "m2", "r1", "r2");
        List<String> got = Features.of(x, 3, names, List.of(), null).features().stream()
                .map(Features.Feature::name).toList();
        assertThat(got).contains("m1 - m2", "r1 - r2").noneMatch(n -> n.startsWith("sqrt(("));
        // Beside masses m1, m2 (I.9.18) the coordinates make theirs, without m1 - m2.
        double[][] y = {{1, 2, 3}, {2, 2, 2}, {1, 2, 3}, {4, 4, 4}, {2, 1, 2}, {6, 5, 4}};
        List<String> both = Features.of(y, 3, List.of("m1", "m2", "x1", "x2", "y1", "y2"), List.of(), null).features()
                .stream().map(Features.Feature::name).filter(n -> n.startsWith("sqrt((")).toList();
        assertThat(both).containsExactly("sqrt((x1 - x2)^2 + (y1 - y2)^2)");
        // With units the dimensions decide: two lengths make one.
        Dimension m = Dimension.parse("m");
        List<String> lengths = Features.of(x, 3, List.of("a1", "a2", "b1", "b2"), List.of(m, m, m, m), null)
                .features().stream().map(Features.Feature::name).toList();
        assertThat(lengths).contains("sqrt((a1 - a2)^2 + (b1 - b2)^2)");
    }

    @Test
    void componentsOfOneVectorGiveItsLength() {
        // III.10.19: mom, Bx, By, Bz. Row 0: (2, 3, 6) has length 7.
        double[][] x = {{1, 1, 1}, {2, 1, 2}, {3, 2, 2}, {6, 2, 1}};
        Features f = Features.of(x, 3, List.of("mom", "Bx", "By", "Bz"), List.of(), null);
        List<String> got = f.features().stream().map(Features.Feature::name).toList();
        assertThat(got.get(0)).isEqualTo("sqrt(Bx^2 + By^2 + Bz^2)");
        assertThat(f.augment(x, 3)[4][0]).isEqualTo(7);
        assertThat(f.substitute(Expr.of(Op.MUL, Expr.variable(0), Expr.variable(4))).evaluate(new double[] {2, 2, 3, 6}))
                .isEqualTo(14);
        // Components of unlike size (a position of 1e3 beside one of 1) are no vector; a lone Jz is none either.
        double[][] unlike = {{1, 1, 1}, {2000, 1000, 2000}, {3, 2, 2}};
        assertThat(Features.of(unlike, 3, List.of("mom", "Bx", "By"), List.of(), null).features())
                .extracting(Features.Feature::name).noneMatch(n -> n.startsWith("sqrt(Bx^2 + By^2"));
        assertThat(Features.of(x, 3, List.of("g", "h", "Jz", "B"), List.of(), null).features())
                .extracting(Features.Feature::name).noneMatch(n -> n.equals("sqrt(Jz^2)"));
    }

    @Test
    void aPositionGivesItsLengthAndItsProjections() {
        // II.6.15a: epsilon, p_d, r, x, y, z; the field depends on sqrt(x^2 + y^2), the distance from the z axis.
        // Row 0: (x, y, z) = (3, 4, 12): length 13, projections 5, sqrt(153), sqrt(160).
        double[][] x = {{1, 2}, {1, 2}, {2, 3}, {3, 1}, {4, 2}, {12, 2}};
        Features f = Features.of(x, 2, List.of("epsilon", "p_d", "r", "x", "y", "z"), List.of(), null);
        List<String> got = f.features().stream().map(Features.Feature::name).toList();
        assertThat(got.subList(0, 4)).containsExactly("sqrt(x^2 + y^2 + z^2)", "sqrt(y^2 + z^2)", "sqrt(x^2 + z^2)",
                "sqrt(x^2 + y^2)");
        double[][] wide = f.augment(x, 2);
        assertThat(wide[6][0]).isEqualTo(13);
        assertThat(wide[9][0]).isEqualTo(5);
        // x and y alone are a plane's position: its length, no projections.
        assertThat(Features.of(new double[][] {{3, 1}, {4, 2}}, 2, List.of("x", "y"), List.of(), null).features())
                .extracting(Features.Feature::name).startsWith("sqrt(x^2 + y^2)", "x/y", "x*y")
                .noneMatch(n -> n.equals("sqrt(x^2)") || n.equals("sqrt(y^2)"));
    }

    @Test
    void mismatchedNamesOrDimensionsAreRefused() {
        assertThatThrownBy(() -> Features.of(X, 3, List.of("a", "b"), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("got 2 names for 3 columns");
        assertThatThrownBy(() -> Features.of(X, 3, List.of("a", "b", "c"), List.of(Dimension.NONE), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("got 1 dimensions for 3 columns");
    }
}
