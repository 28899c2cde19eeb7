package org.distill.examples.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.cosmo.MarkedFisher;
import org.distill.examples.cosmo.MarkedFisher.Analysis;
import org.distill.examples.cosmo.MarkedFisher.Forecast;
import org.distill.examples.cosmo.MarkedFisher.Parameter;
import org.distill.examples.cosmo.MarkedFisherPlots;
import org.distill.examples.cosmo.MarkedFisherSpark;
import org.distill.physics.cosmo.fisher.FisherForecast;
import org.distill.physics.cosmo.stats.WhiteMark;
import org.distill.spark.SparkContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code distill example marked-fisher}: Massara et al. (2020), P(k) against the marked P(k) by Fisher forecasts. */
@Command(name = "marked-fisher",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Re-creates Massara et al. (2020): Fisher forecasts on Om, Ob, h, ns, s8 and Mnu from the matter power "
                + "spectrum P(k), the marked power spectrum M(k) (White's mark) and both, measured on particle-mesh simulations "
                + "in Quijote's design (fiducial runs for the covariance, plus/minus runs with shared seeds for the derivatives, "
                + "Mnu = 0.1, 0.2, 0.4 eV for its one-sided derivative); errors rescaled to 1 (Gpc/h)^3.",
        footer = {"",
                "The campaign lives in DIR: manifest.json and sims/<set>-<seed>.json (each simulation's spectra, no particles). "
                        + "Run the same command again to resume a stopped campaign or to add simulations; finished ones are "
                        + "not rerun. Plots: DIR/ellipses.png, DIR/derivatives.png.",
                "",
                "With the defaults (150 fiducial runs, 15 seeds per derivative, 345 simulations of 64^3 particles) a "
                        + "campaign should take about 15 minutes on 2 idle cores (about 2.3 s a simulation; much longer on a "
                        + "loaded machine). Ctrl-C abandons the simulation in progress (finished ones are stored) and "
                        + "analyses what is done (when there is enough).",
                "",
                "With --spark MASTER each missing simulation is a Spark task that writes its file into DIR as it finishes "
                        + "(same results, same resuming; without --threads one thread per task). DIR must be seen by every "
                        + "executor: always so with local[N], on a cluster a shared file system.",
                "",
                "Examples:",
                "  distill example marked-fisher",
                "  distill example marked-fisher --marks '10,2,0.25;15,1,0.5' --kmax 0.3 --json mf.json",
                "  distill example marked-fisher --sims-fiducial 1000 --sims-derivative 100 --dir mf-full",
                "  distill example marked-fisher --spark 'local[*]' --dir mf",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class MarkedFisherCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sims-fiducial", paramLabel = "N", defaultValue = "150",
            description = "Fiducial simulations for the covariance (default: ${DEFAULT-VALUE}).")
    int simsFiducial;

    @Option(names = "--sims-derivative", paramLabel = "N", defaultValue = "15",
            description = "Seeds per derivative set (default: ${DEFAULT-VALUE}).")
    int simsDerivative;

    @Option(names = "--kmax", paramLabel = "K", defaultValue = "0.5", description = "Largest k of the data vectors, h/Mpc (default: ${DEFAULT-VALUE}).")
    double kmax;

    @Option(names = "--marks", paramLabel = "R,p,ds;...", defaultValue = "10,2,0.25",
            description = "Marks (radius Mpc/h, exponent, delta_s), separated by ';' (default: ${DEFAULT-VALUE}).")
    String marks;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "marked-fisher",
            description = "Campaign folder: manifest and each simulation's spectra (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--box", paramLabel = "MPC/H", defaultValue = "250", description = "Box side in Mpc/h (default: ${DEFAULT-VALUE}).")
    double box;

    @Option(names = "--particles", paramLabel = "N", defaultValue = "64", description = "Particles per side (default: ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--mesh", paramLabel = "M", description = "PM mesh cells per side (default: twice --particles).")
    Integer mesh;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Time steps from z = 9 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--power-mesh", paramLabel = "M", description = "Mesh of the spectra and of the marks' smoothing (default: the PM mesh).")
    Integer powerMesh;

    @Option(names = "--bin-factor", paramLabel = "N", defaultValue = "2", description = "k bin width in units of 2 pi/box (default: ${DEFAULT-VALUE}).")
    int binFactor;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "100",
            description = "Bootstrap resamplings for the errors' uncertainty, 0 for none (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Json json;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    /** The {@code --json} file. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"sigma", "ratio_p_over_m", "kmax", "sims", "volume"})
    record Report(Map<String, Map<String, Double>> sigma, @JsonProperty("ratio_p_over_m") Map<String, Double> ratioPOverM, double kmax, Sims sims, double volume) { }

    /** Simulations used: fiducial runs, and seeds per derivative set. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Sims(int fiducial, int perDerivative) { }

    @Mixin SparkOptions spark;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        spark.check();
        MarkedFisher.Settings settings = settings();
        force.check("--json", json.path);
        MarkedFisher.Store store;
        try {
            store = MarkedFisher.Store.open(dir, settings.physics());
        } catch (IllegalArgumentException e) {
            throw Failure.usage("--dir " + e.getMessage());
        } catch (IOException e) {
            throw Failure.data("cannot open " + dir + ": " + e.getMessage());
        }
        quiet.say("%s", MarkedFisher.describe(settings));
        AtomicBoolean cancel = new AtomicBoolean();
        MarkedFisher.Campaign campaign;
        try (Interrupt interrupt = new Interrupt(err, Duration.ofMinutes(5), () -> {
            cancel.set(true);
            return "interrupted; keeping the finished simulations in " + dir + " and analysing them...";
        })) {
            try {
                if (spark.enabled()) {
                    // one simulation per Spark task, each writing its file into DIR (shared by the executors)
                    try (SparkContexts.Handle cluster = spark.start()) {
                        campaign = MarkedFisherSpark.simulate(cluster.context(), settings, store, progress(), cancel::get);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw Failure.data("interrupted");
                    } catch (IllegalStateException e) {
                        throw Failure.data("--spark: " + e.getMessage());
                    }
                } else {
                    campaign = MarkedFisher.simulate(settings, store, progress(), cancel);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw Failure.data("cannot write into " + dir + ": " + e.getMessage());
            }
            out.printf(Locale.ROOT, "simulations: %d run, %d reused from %s, %.1f s%s%n", campaign.ran(), campaign.reused(), dir,
                    campaign.seconds(), campaign.cancelled() ? " (interrupted; run again to resume)" : "");
            Analysis a;
            try {
                a = MarkedFisher.analyse(settings, campaign.stats());
            } catch (IllegalArgumentException e) {
                if (campaign.cancelled()) throw Failure.data("interrupted before there was enough to analyse: " + e.getMessage());
                throw Failure.data(e.getMessage());
            }
            return report(a, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private MarkedFisher.Settings settings() {
        List<WhiteMark> parsed = parseMarks(marks);
        try {
            int m = mesh != null ? mesh : 2 * particles;
            return MarkedFisher.Settings.builder().boxSize(box).particles(particles).mesh(m).steps(steps)
                    .powerMesh(powerMesh != null ? powerMesh : m).fiducialSims(simsFiducial).derivativeSims(simsDerivative)
                    .marks(parsed).kMax(kmax).binFactor(binFactor).bootstrap(bootstrap).threads(spark.enabled() && threads.value == null ? 1 : threads.orAllCores()).build(); // --spark: one core per task
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "fiducialSims", "--sims-fiducial", "derivativeSims", "--sims-derivative", "kMax", "--kmax",
                    "binFactor", "--bin-factor", "bootstrap", "--bootstrap", "threads", "--threads", "boxSize", "--box",
                    "particles", "--particles", "mesh", "--mesh", "steps", "--steps");
        }
    }

    /** {@code R,p,ds;R,p,ds;…}: a usage error naming the text when it is not that. */
    static List<WhiteMark> parseMarks(String text) {
        List<WhiteMark> r = new ArrayList<>();
        for (String part : text.split(";", -1)) {
            if (part.isBlank()) throw Failure.usage("--marks must be 'R,p,ds;...' with no empty mark: '" + text + "'");
            try {
                WhiteMark m = WhiteMark.parse(part);
                if (r.stream().anyMatch(o -> o.toString().equals(m.toString()))) throw Failure.usage("--marks names " + part.trim() + " twice: '" + text + "'");
                r.add(m);
            } catch (IllegalArgumentException e) {
                throw Failure.usage("--marks '" + text + "': " + e.getMessage());
            }
        }
        return r;
    }

    private MarkedFisher.Listener progress() {
        SharedOptions.Quiet.Counter counter = quiet.counter();
        long start = System.nanoTime();
        return new MarkedFisher.Listener() {
            private int ran;

            @Override public void onSimulation(int done, int total, MarkedFisher.SimStats stats, boolean reused) {
                if (!reused) ran++;
                double elapsed = (System.nanoTime() - start) / 1e9;
                String eta = ran == 0 ? "" : "  ETA " + ProgressBar.clock(elapsed / ran * (total - done));
                counter.show("simulations", done, total, String.format(Locale.ROOT, " (last %s-%d %.1f s)%s", stats.spec().set(),
                        stats.spec().seed(), stats.seconds(), eta));
            }
        };
    }

    private int report(Analysis a, PrintWriter out, PrintWriter err) {
        Parameter[] ps = Parameter.values();
        out.printf(Locale.ROOT, "%s%n", MarkedFisher.describe(a.settings()));
        out.printf(Locale.ROOT, "%d fiducial simulations (covariance, Hartlap-corrected), %d seeds per derivative; %d k bins per statistic%n",
                a.fiducialSims(), a.derivativeSims(), a.k().length);
        out.printf(Locale.ROOT, "marginalised 1-sigma errors for a volume of 1 (Gpc/h)^3 (the box's errors x %.4g)%s:%n", a.volumeFactor(),
                a.settings().bootstrap() >= 2 ? ", +- bootstrap spread" : "");
        out.printf(Locale.ROOT, "%-5s %9s  %-21s %-21s %-21s %s%n", "param", "fiducial", "P", "M", "P+M", "sigma_P/sigma_M");
        Forecast p = a.forecast("P"), m = a.forecast("M"), pm = a.forecast("P+M");
        double[] ratio = a.ratio();
        double[] fid = {0.3175, 0.049, 0.6711, 0.9624, 0.834, 0};
        for (Parameter q : ps) {
            int i = q.ordinal();
            out.printf(Locale.ROOT, "%-5s %9.4g  %-21s %-21s %-21s %.2f%s%n", q.symbol(), fid[i], pm(p, i), pm(m, i), pm(pm, i), ratio[i],
                    Double.isFinite(p.spread()[i]) ? String.format(Locale.ROOT, " +- %.2f", ratioSpread(p, m, i)) : "");
        }
        double sigMnu = pm.marginalized()[Parameter.MNU.ordinal()];
        out.printf(Locale.ROOT, "Mnu = 0.06 eV at %.2f sigma from P+M (%.2f from P, %.2f from M); Massara et al.: 4.3 sigma from P+M%n",
                MarkedFisher.minimalMassSignificance(sigMnu), MarkedFisher.minimalMassSignificance(p.marginalized()[Parameter.MNU.ordinal()]),
                MarkedFisher.minimalMassSignificance(m.marginalized()[Parameter.MNU.ordinal()]));
        out.println("convergence of sigma(P+M) (1 (Gpc/h)^3) with the number of simulations (covariance, then derivatives):");
        out.printf(Locale.ROOT, "  %6s %6s", "N_fid", "N_der");
        for (Parameter q : ps) out.printf(Locale.ROOT, " %10s", q.symbol());
        out.println();
        for (FisherForecast.ConvergencePoint c : pm.convergence()) {
            out.printf(Locale.ROOT, "  %6d %6d", c.fiducialSims(), c.derivativeSims());
            for (double v : c.marginalized()) out.printf(Locale.ROOT, " %10.4g", v);
            out.println();
        }
        int status = 0;
        status |= SharedOptions.Plot.write(dir.resolve("ellipses.png"), png -> MarkedFisherPlots.ellipses(png, a), out, err);
        status |= SharedOptions.Plot.write(dir.resolve("derivatives.png"), png -> MarkedFisherPlots.derivatives(png, a), out, err);
        status |= json.write(report(a), out, err);
        out.flush();
        return status;
    }

    private static String pm(Forecast f, int i) {
        double s = f.spread()[i];
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.4g +- %.2g", f.marginalized()[i], s)
                : String.format(Locale.ROOT, "%.4g", f.marginalized()[i]);
    }

    /** The ratio's spread from the two errors' spreads, as if independent (an upper bound: they share simulations). */
    private static double ratioSpread(Forecast p, Forecast m, int i) {
        double r = p.marginalized()[i] / m.marginalized()[i];
        double a = p.spread()[i] / p.marginalized()[i], b = m.spread()[i] / m.marginalized()[i];
        return r * Math.sqrt(a * a + b * b);
    }

    static Report report(Analysis a) {
        Map<String, Map<String, Double>> sigma = new LinkedHashMap<>();
        for (Forecast f : a.forecasts()) {
            Map<String, Double> byParam = new LinkedHashMap<>();
            for (Parameter q : Parameter.values()) byParam.put(q.key(), f.marginalized()[q.ordinal()]);
            sigma.put(f.name(), byParam);
        }
        Map<String, Double> ratio = new LinkedHashMap<>();
        for (Parameter q : Parameter.values()) ratio.put(q.key(), a.ratio()[q.ordinal()]);
        return new Report(sigma, ratio, a.settings().kMax(), new Sims(a.fiducialSims(), a.derivativeSims()), 1.0);
    }
}
