package org.distill.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.units.Dimension;
import org.distill.symbolic.units.DimensionCheck;
import org.junit.jupiter.api.Test;

class FeynmanUnitsTest {
    @Test
    void theTableConvertsVoltsIntoSiBaseDimensions() {
        Map<String, Dimension> t = FeynmanUnits.builtIn();
        assertThat(t).hasSizeGreaterThan(100);
        assertThat(t.get("q")).isEqualTo(Dimension.parse("C"));          // m^2 s^-2 kg V^-1 = A s
        assertThat(t.get("Volt")).isEqualTo(Dimension.parse("V"));
        assertThat(t.get("R")).isEqualTo(Dimension.parse("Ohm"));
        assertThat(t.get("B")).isEqualTo(Dimension.parse("T"));          // tesla: V s / m^2
        assertThat(t.get("T")).isEqualTo(Dimension.parse("K"));          // the table's T is temperature
        assertThat(t.get("F")).isEqualTo(Dimension.parse("N"));
        assertThat(t.get("theta")).isEqualTo(Dimension.NONE);
    }

    @Test
    void everyTrueFormulaButOneIsDimensionallyConsistent() {
        Map<String, Dimension> table = FeynmanUnits.builtIn();
        List<String> broken = new ArrayList<>();
        List<String> brokenDimensionless = new ArrayList<>();
        for (FeynmanProblem p : FeynmanTable.builtIn()) {
            Dataset d = p.sample(10, 0, 0).train().withUnits(FeynmanUnits.of(p, table));
            DimensionCheck free = DimensionCheck.of(d.columnDimensions(), d.targetDimension(), false);
            DimensionCheck pure = DimensionCheck.of(d.columnDimensions(), d.targetDimension(), true);
            if (!free.consistent(p.truth())) broken.add(p.name() + ": " + p.formula());
            if (!pure.consistent(p.truth())) brokenDimensionless.add(p.name() + ": " + p.formula());
        }
        // The one exception is the table's: mu_drift is given kg/s, but v = mu_drift·q·Volt/d needs s/kg (a mobility).
        assertThat(broken).containsExactly("I.43.16: mu_drift*q*Volt/d");
        assertThat(brokenDimensionless).containsExactly("I.43.16: mu_drift*q*Volt/d");
    }
}
