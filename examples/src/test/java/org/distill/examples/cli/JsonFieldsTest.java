package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field of every command's {@code --json} file, with its type: what the README and users rely on. The example
 * commands' tests ({@link NewtonGnCommandTest}, {@link LnnCommandTest}, {@link HgnCommandTest}, {@link StreamsCommandTest})
 * check their tiny runs' files with {@link #assertFields}; {@code discover} is run here.
 *
 * <p>Types: {@code s} string, {@code i} integer, {@code n} number (null where it is NaN or infinite), {@code b} boolean,
 * {@code [s]}, {@code [n]} arrays of them, {@code {}} an object; a trailing {@code ?} allows null. A name with a dot
 * ({@code front.loss}) is a field of the objects in an array or of an object.
 */
class JsonFieldsTest {
    static final Map<String, String> DISCOVER = Map.ofEntries(
            Map.entry("variables", "[s]"), Map.entry("target", "s"), Map.entry("seed", "i"), Map.entry("evaluations", "i"),
            Map.entry("front", "[{}]"), Map.entry("best", "{}?"), Map.entry("provenance", "{}"),
            Map.entry("front.complexity", "i"), Map.entry("front.loss", "n"), Map.entry("front.validationLoss", "n?"), Map.entry("front.score", "n"),
            Map.entry("front.equation", "s"), Map.entry("front.latex", "s"), Map.entry("front.sympy", "s"),
            Map.entry("best.complexity", "i"), Map.entry("best.loss", "n"), Map.entry("best.validationLoss", "n?"), Map.entry("best.score", "n"),
            Map.entry("best.equation", "s"), Map.entry("best.latex", "s"), Map.entry("best.sympy", "s"),
            Map.entry("provenance.file", "s"), Map.entry("provenance.rows", "i"), Map.entry("provenance.variables", "[s]"),
            Map.entry("provenance.target", "s"), Map.entry("provenance.selection", "s"), Map.entry("provenance.options", "s"),
            Map.entry("provenance.seed", "i"), Map.entry("provenance.threads", "i"), Map.entry("provenance.generations", "i"),
            Map.entry("provenance.evaluations", "i"), Map.entry("provenance.wallTimeSeconds", "n"),
            Map.entry("provenance.stopReason", "s"), Map.entry("provenance.versions", "s"),
            Map.entry("provenance.settings", "{}"), Map.entry("provenance.settings.maxComplexity", "i"),
            Map.entry("provenance.settings.operators", "[s]"), Map.entry("provenance.settings.seed", "i"));

    static final Map<String, String> NEWTON_GN = Map.ofEntries(
            Map.entry("law", "s"), Map.entry("variant", "s"), Map.entry("test_loss", "n"), Map.entry("message_r2", "[n]"),
            Map.entry("message_r2_untrimmed", "[n]"), Map.entry("basis", "s"), Map.entry("trim", "n"), Map.entry("formula", "s?"),
            Map.entry("latex", "s?"), Map.entry("variables", "[s]"), Map.entry("form_r2", "n"), Map.entry("form_matches", "b"),
            Map.entry("form_exact", "b"), Map.entry("shape", "s"), Map.entry("searched_formula", "s?"),
            Map.entry("law_formula", "s?"), Map.entry("receiver_factor", "s?"), Map.entry("form_exact_up_to_receiver", "b"),
            Map.entry("component", "i"), Map.entry("complexity", "i?"), Map.entry("message_fits", "[{}]"),
            Map.entry("message_fits.component", "i"), Map.entry("message_fits.std", "n"), Map.entry("message_fits.intercept", "n"),
            Map.entry("message_fits.coefficients", "[n]"), Map.entry("message_fits.r2", "n"), Map.entry("radial_slope", "n?"),
            Map.entry("radial_profile", "[{}]"), Map.entry("radial_profile.r_low", "n"), Map.entry("radial_profile.r_high", "n"),
            Map.entry("radial_profile.edges", "i"), Map.entry("radial_profile.amplitude", "n?"),
            Map.entry("radial_profile.correlation", "n?"), Map.entry("node_response", "{}?"),
            Map.entry("node_response.spread", "n?"), Map.entry("node_response.spread_strict", "n?"),
            Map.entry("node_response.nodes", "i"), Map.entry("zero_loss", "n"),
            Map.entry("dim", "i"), Map.entry("bodies", "i"), Map.entry("simulations", "i"), Map.entry("train_graphs", "i"),
            Map.entry("test_graphs", "i"), Map.entry("hidden", "i"), Map.entry("edge_input", "s"), Map.entry("node_input", "s"), Map.entry("loss_floor", "n"), Map.entry("weighted_penalty", "b"), Map.entry("regularization", "n"),
            Map.entry("restarts", "i"), Map.entry("validation_losses", "[n]"), Map.entry("chosen_restart", "i"), Map.entry("epochs", "i"),
            Map.entry("steps", "i"), Map.entry("stopped_early", "b"), Map.entry("training_seconds", "n"),
            Map.entry("search_time", "n"), Map.entry("search_edges", "i"), Map.entry("closest", "n"), Map.entry("relative_search", "b"), Map.entry("seed", "i"), Map.entry("seconds", "n"),
            Map.entry("versions", "s"));

    /** For the relativistic particle; the other systems have no fields from {@code variables} to {@code accel_error_bands}. */
    static final Map<String, String> LNN = Map.ofEntries(
            Map.entry("system", "s"), Map.entry("energy_drift_model", "n"), Map.entry("energy_drift_baseline", "n"),
            Map.entry("energy_drift_truth", "n"), Map.entry("energy_drift_model_ridge", "n"), Map.entry("broken_model", "i"),
            Map.entry("broken_baseline", "i"), Map.entry("energy_drift_times", "[n]"), Map.entry("energy_drift_model_over_time", "[n]"),
            Map.entry("energy_drift_baseline_over_time", "[n]"), Map.entry("energy_drift_model_each", "[n]"),
            Map.entry("energy_drift_baseline_each", "[n]"), Map.entry("formula", "s?"), Map.entry("latex", "s?"),
            Map.entry("variables", "[s]"), Map.entry("lagrangian_scale", "n"), Map.entry("lagrangian_offset", "n"),
            Map.entry("lagrangian_r2", "n"), Map.entry("lagrangian_velocity_term", "n"), Map.entry("lagrangian_gauge_r2", "n"),
            Map.entry("formula_r2", "n"), Map.entry("formula_gauge_r2", "n"), Map.entry("accel_error_inside_formula", "n"),
            Map.entry("accel_error_outside_formula", "n"), Map.entry("energy_drift_formula", "n"), Map.entry("broken_formula", "i?"),
            Map.entry("accel_error_inside_model", "n"), Map.entry("accel_error_inside_baseline", "n"),
            Map.entry("accel_error_outside_model", "n"), Map.entry("accel_error_outside_baseline", "n"), Map.entry("train_speed", "n"),
            Map.entry("accel_error_bands", "[{}]"), Map.entry("accel_error_bands.from", "n"), Map.entry("accel_error_bands.to", "n"),
            Map.entry("accel_error_bands.model", "n"), Map.entry("accel_error_bands.baseline", "n"),
            Map.entry("accel_error_bands.formula", "n"), Map.entry("test_loss_model", "n"), Map.entry("test_loss_baseline", "n"),
            Map.entry("train_states", "i"), Map.entry("epochs", "i"), Map.entry("hidden", "i"), Map.entry("layers", "i"),
            Map.entry("batch", "i"), Map.entry("learning_rate", "n"), Map.entry("separable", "b"), Map.entry("steps_model", "i"),
            Map.entry("steps_baseline", "i"), Map.entry("training_seconds_model", "n"), Map.entry("training_seconds_baseline", "n"),
            Map.entry("rollouts", "i"), Map.entry("duration", "n"), Map.entry("dt", "n"), Map.entry("seed", "i"),
            Map.entry("seconds", "n"));

    static final Map<String, String> HGN = Map.ofEntries(
            Map.entry("law", "s"), Map.entry("test_loss", "n"), Map.entry("zero_loss", "n"), Map.entry("reference_r", "n"),
            Map.entry("pair_scale", "n"), Map.entry("pair_offset", "n"), Map.entry("pair_r2", "n"), Map.entry("pair_r2_untrimmed", "n"),
            Map.entry("pair_force_scale", "n"), Map.entry("pair_force_r2", "n"), Map.entry("pair_force_r2_untrimmed", "n"),
            Map.entry("pair_force_relative_error", "n"), Map.entry("formula", "s?"), Map.entry("latex", "s?"),
            Map.entry("selection", "s"), Map.entry("formula_r2", "n"), Map.entry("formula_force_r2", "n"),
            Map.entry("formula_force_r2_untrimmed", "n"), Map.entry("formula_relative_error", "n"),
            Map.entry("formula_force_relative_error", "n"), Map.entry("form_matches", "b"), Map.entry("search_pairs", "i"),
            Map.entry("front", "[{}]"), Map.entry("front.complexity", "i"), Map.entry("front.loss", "n"),
            Map.entry("front.formula", "s"), Map.entry("variables", "[s]"), Map.entry("simulations", "i"), Map.entry("epochs", "i"),
            Map.entry("hidden", "i"), Map.entry("steps", "i"), Map.entry("training_seconds", "n"), Map.entry("seed", "i"),
            Map.entry("seconds", "n"));

    /** The per-method objects are checked by {@link StreamsCommandTest}: their keys are the method names. */
    static final Map<String, String> STREAMS = Map.ofEntries(
            Map.entry("methods", "{}"), Map.entry("deep_sets_by_support", "{}"), Map.entry("test_tasks", "i"),
            Map.entry("support", "i"), Map.entry("mean_members", "n"), Map.entry("mean_stars", "n"), Map.entry("field_ratio", "n"),
            Map.entry("train_tasks", "i"), Map.entry("validation_tasks", "i"), Map.entry("model_loaded", "b"), Map.entry("steps", "i"),
            Map.entry("stopped_early", "b"), Map.entry("epochs", "i"), Map.entry("hidden", "i"), Map.entry("trees", "i"),
            Map.entry("rounds", "i"), Map.entry("fine_tune_steps", "i"), Map.entry("validation_mcc", "n"), Map.entry("threshold", "n"),
            Map.entry("forest_threshold", "n"), Map.entry("training_seconds", "n"), Map.entry("seed", "i"), Map.entry("seconds", "n"),
            Map.entry("versions", "s"));

    /** The fields of a method's summary in the streams JSON ({@code seconds} only under {@code methods}). */
    static final Map<String, String> STREAMS_SUMMARY = Map.ofEntries(
            Map.entry("tasks", "i"), Map.entry("precision", "n"), Map.entry("precision_std", "n"), Map.entry("recall", "n"),
            Map.entry("recall_std", "n"), Map.entry("f1", "n"), Map.entry("f1_std", "n"), Map.entry("balanced_accuracy", "n"),
            Map.entry("balanced_accuracy_std", "n"), Map.entry("mcc", "n"), Map.entry("mcc_std", "n"));

    /** Asserts that {@code json} has every field of {@code fields} (dotted paths for nested fields) with its type. */
    static void assertFields(Map<String, String> fields, Map<String, Object> json) {
        fields.forEach((name, type) -> {
            int dot = name.indexOf('.');
            if (dot < 0) {
                assertThat(json).as("JSON fields").containsKey(name);
                assertType(name, type, json.get(name));
                return;
            }
            Object parent = json.get(name.substring(0, dot));
            List<?> objects = parent instanceof List<?> list ? list : parent == null ? List.of() : List.of(parent);
            for (Object o : objects) {
                assertThat(o).as(name).isInstanceOf(Map.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                assertFields(Map.of(name.substring(dot + 1), type), m); // a.b.c: b.c in each a
            }
        });
    }

    private static void assertType(String name, String type, Object value) {
        boolean nullable = type.endsWith("?");
        String t = nullable ? type.substring(0, type.length() - 1) : type;
        if (value == null) {
            assertThat(nullable || t.equals("n")).as(name + " is null").isTrue();
            return;
        }
        switch (t) {
            case "s" -> assertThat(value).as(name).isInstanceOf(String.class);
            case "i" -> assertThat(value).as(name).isInstanceOf(Long.class);
            case "n" -> assertThat(value).as(name).isInstanceOf(Number.class);
            case "b" -> assertThat(value).as(name).isInstanceOf(Boolean.class);
            case "{}" -> assertThat(value).as(name).isInstanceOf(Map.class);
            case "[{}]" -> assertThat((List<?>) value).as(name).allMatch(Map.class::isInstance);
            case "[s]" -> assertThat((List<?>) value).as(name).allMatch(String.class::isInstance);
            case "[n]" -> assertThat((List<?>) value).as(name).allMatch(v -> v == null || v instanceof Number);
            default -> throw new IllegalArgumentException("unknown type " + type + " of " + name);
        }
    }

    @TempDir Path dir;

    @Test void discoverWritesEveryField() throws IOException {
        Path csv = Files.writeString(dir.resolve("kepler.csv"), DistillCommandTest.KEPLER), json = dir.resolve("k.json");
        var r = DistillCommandTest.run("discover", csv.toString(), "--target", "period", "--generations", "10", "--seed", "1",
                "--threads", "1", "--quiet", "--no-simplify", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> m = DistillCommandTest.readJson(json);
        assertFields(DISCOVER, m);
        assertThat(m).containsOnlyKeys("variables", "target", "seed", "evaluations", "front", "best", "provenance");
        assertThat(m.get("best")).isNotNull();
    }
}
