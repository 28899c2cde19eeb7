package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test void writesNestedValuesIndented() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("variables", List.of("a", "b"));
        m.put("seed", 42L);
        m.put("ok", true);
        m.put("none", null);
        m.put("front", List.of(Map.of("loss", 0.5)));
        m.put("empty", List.of());
        m.put("obj", Map.of());
        assertThat(Json.write(m)).isEqualTo("""
                {
                  "variables": ["a", "b"],
                  "seed": 42,
                  "ok": true,
                  "none": null,
                  "front": [
                    {
                      "loss": 0.5
                    }
                  ],
                  "empty": [],
                  "obj": {}
                }""");
    }

    @Test void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.quote("say \"hi\"\\ \n\t\r\b\f \u0001 \u001f \u2028 é")).isEqualTo(
                "\"say \\\"hi\\\"\\\\ \\n\\t\\r\\b\\f \\u0001 \\u001f \\u2028 é\"");
        assertThat(Json.write("\\frac{a}{b}")).isEqualTo("\"\\\\frac{a}{b}\"");
    }

    @Test void nonFiniteNumbersBecomeNull() {
        assertThat(Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN, 1.5)))
                .isEqualTo("[null, null, null, null, 1.5]");
    }

    @Test void numbersAreValidJson() {
        assertThat(Json.write(List.of(1e-5, 1e300, 3.0, -0.25, 7, 8L, 2.5f)))
                .isEqualTo("[1.0E-5, 1.0E300, 3.0, -0.25, 7, 8, 2.5]");
        assertThat(Json.write(new double[] {1, 2})).isEqualTo("[1.0, 2.0]");
    }

    @Test void refusesOtherObjects() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test void roundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "q\"uo\\te\n\u0000\u2028");
        m.put("n", List.of(1L, -2L, 0.5, 1.0E-5, 6.02E23));
        m.put("b", List.of(true, false));
        m.put("null", null);
        m.put("nested", Map.of("k", List.of(Map.of("x", "y"))));
        assertThat(Json.parse(Json.write(m))).isEqualTo(m);
    }

    @Test void parsesStandardJson() {
        assertThat(Json.parse(" {\"a\" : [1, 2.5e1, -0, \"\\u00e9\\/\"], \"b\":{}} "))
                .isEqualTo(Map.of("a", List.of(1L, 25.0, 0L, "é/"), "b", Map.of()));
        assertThat(Json.parse("12345678901234567890")).isEqualTo(1.2345678901234567e19);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"x", "nul", "[1] 2", "{\"a\":1,\"a\":2}", "NaN", "'x'"})
    void rejectsInvalidJson(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }
}
