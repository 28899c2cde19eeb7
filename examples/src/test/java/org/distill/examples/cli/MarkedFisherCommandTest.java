package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill.examples.cli.DistillCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.distill.examples.cli.DistillCommandTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill example marked-fisher} on a tiny campaign (8³ particles, 2 steps), and its errors. */
class MarkedFisherCommandTest {
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("sigma", "{}"), Map.entry("sigma.P", "{}"), Map.entry("sigma.M", "{}"), Map.entry("sigma.P+M", "{}"),
            Map.entry("sigma.P.omega_m", "n"), Map.entry("sigma.P+M.m_nu", "n"), Map.entry("ratio_p_over_m", "{}"),
            Map.entry("ratio_p_over_m.sigma_8", "n"), Map.entry("kmax", "n"), Map.entry("sims", "{}"), Map.entry("sims.fiducial", "i"),
            Map.entry("sims.per_derivative", "i"), Map.entry("volume", "n"));

    @TempDir Path dir;

    /** The tiny campaign's arguments; {@code more} are option/value pairs that add to or replace the defaults. */
    static String[] tiny(Path dir, String... more) {
        java.util.LinkedHashMap<String, String> o = new java.util.LinkedHashMap<>();
        String[] base = {"--box", "100", "--particles", "8", "--mesh", "16", "--steps", "2", "--kmax", "0.45", "--bin-factor", "1",
                "--sims-fiducial", "15", "--sims-derivative", "1", "--bootstrap", "5", "--threads", "1", "--dir", dir.toString()};
        for (int i = 0; i < base.length; i += 2) o.put(base[i], base[i + 1]);
        for (int i = 0; i < more.length; i += 2) o.put(more[i], more[i + 1]);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("example", "marked-fisher", "-q"));
        o.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return args.toArray(String[]::new);
    }

    @Test void tinyCampaignPrintsTheTableWritesJsonAndPlotsAndResumes() throws IOException {
        Path json = dir.resolve("mf.json"), campaign = dir.resolve("campaign");
        Result r = run(tiny(campaign, "--json", json.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("simulations: 28 run, 0 reused").contains("sigma_P/sigma_M").contains("Mnu = 0.06 eV at")
                .contains("plot: " + campaign.resolve("ellipses.png")).contains("json: " + json);
        for (String p : new String[] {"Om", "Ob", "h", "ns", "s8", "Mnu"}) assertThat(r.out()).containsPattern("(?m)^" + p + " ");
        assertThat(Files.size(campaign.resolve("ellipses.png"))).isPositive();
        assertThat(Files.size(campaign.resolve("derivatives.png"))).isPositive();
        Map<String, Object> j = DistillCommandTest.readJson(json);
        assertThat(j.keySet()).containsExactly("sigma", "ratio_p_over_m", "kmax", "sims", "volume");
        JsonFieldsTest.assertFields(FIELDS, j);
        // the same command again: everything from the folder, and the same numbers
        Result again = run(withForce(tiny(campaign, "--json", json.toString())));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("simulations: 0 run, 28 reused");
        assertThat(DistillCommandTest.readJson(json)).isEqualTo(j);
    }

    /**
     * {@code --spark local[2]}: one simulation per task, each file written by its task; the stored statistics are
     * bit for bit the local run's (the simulations are deterministic from their seeds), so is the JSON, and a second
     * run reruns nothing.
     */
    @Test void sparkCampaignStoresTheLocalStatisticsAndResumes() throws IOException {
        Path local = dir.resolve("local"), spark = dir.resolve("spark");
        Path localJson = dir.resolve("local.json"), sparkJson = dir.resolve("spark.json");
        String[] less = {"--bootstrap", "3"};
        Result l = run(with(tiny(local, "--json", localJson.toString()), less));
        assertThat(l.code()).as(l.err()).isZero();
        Result s = run(with(tiny(spark, "--json", sparkJson.toString(), "--spark", "local[2]"), less));
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("simulations: 28 run, 0 reused");
        Map<String, Object> sj = DistillCommandTest.readJson(sparkJson);
        assertThat(sj).isEqualTo(DistillCommandTest.readJson(localJson));
        try (var files = Files.list(local.resolve("sims"))) {
            var names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertThat(names).hasSize(28);
            try (var other = Files.list(spark.resolve("sims"))) {
                assertThat(other.map(f -> f.getFileName().toString()).sorted().toList()).isEqualTo(names);
            }
            for (String n : names) {
                Map<String, Object> a = DistillCommandTest.readJson(local.resolve("sims").resolve(n));
                Map<String, Object> b = DistillCommandTest.readJson(spark.resolve("sims").resolve(n));
                a.remove("seconds");
                b.remove("seconds");
                assertThat(b).as(n).isEqualTo(a).containsKeys("spec", "k", "modes", "spectra");
            }
        }
        long[] modified = modifiedTimes(spark.resolve("sims"));
        Result again = run(withForce(with(tiny(spark, "--json", sparkJson.toString(), "--spark", "local[2]"), less)));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("simulations: 0 run, 28 reused");
        assertThat(modifiedTimes(spark.resolve("sims"))).isEqualTo(modified);
        assertThat(DistillCommandTest.readJson(sparkJson)).isEqualTo(sj);
    }

    private static String[] with(String[] args, String... more) {
        java.util.List<String> r = new java.util.ArrayList<>(java.util.List.of(args));
        for (int i = 0; i < more.length; i += 2) {
            int at = r.indexOf(more[i]);
            if (at >= 0) r.set(at + 1, more[i + 1]);
            else {
                r.add(more[i]);
                r.add(more[i + 1]);
            }
        }
        return r.toArray(String[]::new);
    }

    private static long[] modifiedTimes(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().mapToLong(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toArray();
        }
    }

    static String[] withForce(String[] args) {
        String[] r = java.util.Arrays.copyOf(args, args.length + 1);
        r[args.length] = "--force";
        return r;
    }

    @Test void badMarksAreAUsageErrorNamingTheText() {
        Result r = run(tiny(dir.resolve("c"), "--marks", "10,2;15,1,0.5"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).contains("--marks").contains("'10,2;15,1,0.5'");
        Result empty = run(tiny(dir.resolve("c"), "--marks", "10,2,0.25;"));
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.error()).contains("'10,2,0.25;'");
        Result bad = run(tiny(dir.resolve("c"), "--marks", "10,x,0.25"));
        assertThat(bad.error()).contains("'10,x,0.25'");
        assertThat(Files.exists(dir.resolve("c"))).isFalse();
    }

    @Test void tooFewBinsOrSimulationsAreUsageErrors() {
        Result r = run(tiny(dir.resolve("c"), "--bin-factor", "4"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.error()).startsWith("--kmax 0.45 h/Mpc with bins of 4 k_F leaves 1 k bins");
        Result s = run(tiny(dir.resolve("c"), "--sims-derivative", "20"));
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.error()).startsWith("--sims-fiducial must be in [20, 1000000] (at least the derivative seeds): 15");
    }
}
