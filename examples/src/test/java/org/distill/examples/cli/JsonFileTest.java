package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout and numbers of the commands' JSON, as the hand-written writer before Jackson wrote them. */
class JsonFileTest {
    @TempDir Path dir;

    record Row(int complexity, double loss, String equation) { }

    record Report(List<String> variables, long seed, boolean ok, String none, List<Row> front, List<Double> empty,
                  Map<String, Object> obj, double[] values) { }

    @Test void writesRecordsIndented() {
        var r = new Report(List.of("a", "b"), 42, true, null, List.of(new Row(3, 0.5, "a*b")), List.of(), Map.of(),
                new double[] {1, 2.5});
        assertThat(JsonFile.format(r)).isEqualTo("""
                {
                  "variables": ["a", "b"],
                  "seed": 42,
                  "ok": true,
                  "none": null,
                  "front": [
                    {
                      "complexity": 3,
                      "loss": 0.5,
                      "equation": "a*b"
                    }
                  ],
                  "empty": [],
                  "obj": {},
                  "values": [1.0, 2.5]
                }""");
    }

    @Test void mapsKeepTheirOrderAndNest() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(Map.of("x", "y")));
        assertThat(JsonFile.format(Map.of("k", inner))).isEqualTo("""
                {
                  "k": {
                    "z": 1,
                    "a": [
                      {
                        "x": "y"
                      }
                    ]
                  }
                }""");
    }

    @Test void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonFile.format("say \"hi\"\\ \n\t\r\b\f é")).isEqualTo("\"say \\\"hi\\\"\\\\ \\n\\t\\r\\b\\f é\"");
        assertThat(JsonFile.format("\\frac{a}{b}")).isEqualTo("\"\\\\frac{a}{b}\"");
    }

    @Test void nonFiniteNumbersBecomeNull() {
        assertThat(JsonFile.format(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5)))
                .isEqualTo("[null, null, null, 1.5]");
        assertThat(JsonFile.format(new double[] {Double.NaN, 1})).isEqualTo("[null, 1.0]");
        assertThat(JsonFile.format(new Row(1, Double.POSITIVE_INFINITY, "x"))).contains("\"loss\": null");
    }

    @Test void numbersAreWrittenAsJavaWritesThem() {
        assertThat(JsonFile.format(List.of(1e-5, 1e300, 3.0, -0.25, 7, 8L))).isEqualTo("[1.0E-5, 1.0E300, 3.0, -0.25, 7, 8]");
    }

    @Test void writesAtomicallyWithAFinalNewlineAndReadsBack() throws IOException {
        Path file = dir.resolve("out.json");
        JsonFile.write(file, new Row(3, 0.5, "q\"uo\\te\n"));
        assertThat(Files.readString(file)).endsWith("}\n");
        assertThat(DistillCommandTest.readJson(file)).isEqualTo(Map.of("complexity", 3L, "loss", 0.5, "equation", "q\"uo\\te\n"));
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left
        }
    }
}
