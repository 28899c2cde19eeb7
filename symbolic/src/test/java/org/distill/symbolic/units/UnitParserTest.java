package org.distill.symbolic.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitParserTest {

    @ParameterizedTest(name = "{0} = m^{1} s^{2} kg^{3} K^{4} A^{5}")
    @CsvSource(delimiter = ';', value = {
            "kg*m^2/s^2; 2; -2; 1; 0; 0",
            "m/s^2; 1; -2; 0; 0; 0",
            "1; 0; 0; 0; 0; 0",
            "s^-1; 0; -1; 0; 0; 0",
            "1/s; 0; -1; 0; 0; 0",
            "kg*(m/s)^2; 2; -2; 1; 0; 0",
            "kg * m ** 2 / s ** 2; 2; -2; 1; 0; 0",
            "J; 2; -2; 1; 0; 0",
            "N*m; 2; -2; 1; 0; 0",
            "W; 2; -3; 1; 0; 0",
            "Pa; -1; -2; 1; 0; 0",
            "C; 0; 1; 0; 0; 1",
            "V; 2; -3; 1; 0; -1",
            "Ohm; 2; -3; 1; 0; -2",
            "Ω; 2; -3; 1; 0; -2",
            "V/A; 2; -3; 1; 0; -2",
            "Hz; 0; -1; 0; 0; 0",
            "J/K; 2; -2; 1; -1; 0",
            "rad/s; 0; -1; 0; 0; 0",
            "m^(-3); -3; 0; 0; 0; 0",
            "m/s/s; 1; -2; 0; 0; 0"})
    void parsesUnitsIntoBaseDimensions(String unit, int m, int s, int kg, int k, int a) {
        assertThat(Dimension.parse(unit)).isEqualTo(Dimension.of(m, s, kg, k, a));
    }

    @Test
    void halfIntegerExponents() {
        Dimension root = Dimension.parse("m^(1/2)");
        assertThat(root.exponentNumerator(0)).isEqualTo(1);
        assertThat(root.exponentDenominator(0)).isEqualTo(2);
        assertThat(root.pow(2, 1)).isEqualTo(Dimension.parse("m"));
        assertThat(Dimension.parse("m^0.5")).isEqualTo(root);
        assertThat(Dimension.parse("(m/s^2)^(1/2)").times(Dimension.parse("(m/s^2)^(1/2)"))).isEqualTo(Dimension.parse("m/s^2"));
        assertThat(root.isIntegral()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"kg*m^2/s^2", "1", "1/s", "m^(1/2)", "A*s", "kg/(m*s^2)", "K", "m^(3/2)/(kg^(1/2)*s)"})
    void printsWhatItReadsBack(String unit) {
        Dimension d = Dimension.parse(unit);
        assertThat(Dimension.parse(d.toString())).isEqualTo(d);
    }

    @Test
    void printsReadably() {
        assertThat(Dimension.parse("J").toString()).isEqualTo("kg*m^2/s^2");
        assertThat(Dimension.parse("1").toString()).isEqualTo("1");
        assertThat(Dimension.parse("Hz").toString()).isEqualTo("1/s");
        assertThat(Dimension.parse("Pa").toString()).isEqualTo("kg/(m*s^2)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "m/s^^2; column 5",
            "m/furlong; column 3: unknown unit 'furlong'",
            "km; column 1: unknown unit 'km'",
            "m/(s; column 5",
            "2*m; column 1: number '2'",
            "m^; column 3",
            "m^(1/0); column 6: zero denominator",
            "m s; column 3: unexpected 's'",
            "; column 1: empty unit",
            "m*; column 3: unexpected end"})
    void malformedUnitsAreOneLineErrorsNamingTextAndColumn(String unit, String expected) {
        String text = unit == null ? "" : unit;
        assertThatThrownBy(() -> Dimension.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed unit '" + text + "' at ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
