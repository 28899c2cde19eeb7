package org.distill.examples.cli;

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
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.gw.CornerPlot;
import org.distill.examples.gw.GwPopulation;
import org.distill.examples.gw.PeakCheck;
import org.distill.neural.TrainingProgress;
import org.distill.neural.flow.FlowConfig;
import org.distill.physics.gw.PopulationParameters;
import org.distill.physics.inference.SamplerConfig;
import org.distill.physics.inference.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example gw-population}: hierarchical inference of a binary-black-hole population with a flow emulator
 * and with the exact model ({@link GwPopulation}); prints both posteriors, writes their corner plots over each other.
 */
@Command(name = "gw-population",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Trains a conditional normalising flow to emulate a phenomenological binary-black-hole population "
                + "(4 hyper-parameters, 6 observables per event), draws catalogues at true hyper-parameters, and samples "
                + "the hyper-parameters' posterior with the flow's likelihood and with the exact one (affine-invariant "
                + "ensemble MCMC).",
        footer = {"",
                "The model and its priors are in docs/GW-POPULATION.md. Walkers start uniformly in the prior box; both "
                        + "inferences use the same catalogue, starts and seeds.",
                "Ctrl-C during training stops it and uses the flow learned so far.",
                "",
                "Examples:",
                "  distill example gw-population --json gw.json",
                "  distill example gw-population --model-dir gw-flow --catalogues 5 --events 500",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class GwPopulationCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "500", description = "Events per catalogue (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--catalogues", paramLabel = "N", defaultValue = "1",
            description = "Catalogues drawn at the truth, each inferred twice (default: ${DEFAULT-VALUE}).")
    int catalogues;

    @Option(names = "--train-rows", paramLabel = "N", defaultValue = "2400000",
            description = "Training events of the flow, each at its own hyper-parameters drawn from the prior (default: ${DEFAULT-VALUE}).")
    int trainRows;

    @Option(names = "--test-rows", paramLabel = "N", defaultValue = "20000",
            description = "Held-out events for the density comparison (default: ${DEFAULT-VALUE}).")
    int testRows;

    @Option(names = "--peak-events", paramLabel = "N", defaultValue = "20000",
            description = "Events drawn at the truth to locate the flow's and the exact likelihood's peaks without "
                    + "sampling (the predicted mean shift, its scatter between catalogues and the width ratio per parameter); 0: skip "
                    + "(default: ${DEFAULT-VALUE}).")
    int peakEvents;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "10", description = "Coupling layers of the flow (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--components", paramLabel = "K", defaultValue = "6",
            description = "Logistic components of each coupling layer's transform (default: ${DEFAULT-VALUE}).")
    int components;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024",
            description = "Training events per optimiser step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--averaging", paramLabel = "D", defaultValue = "0",
            description = "Keep an exponential moving average of the flow's weights with this decay per step (e.g. "
                    + "0.999) and use it at the end; 0: the last step's weights (default: ${DEFAULT-VALUE}).")
    double averaging;

    @Option(names = "--ratio-weight", paramLabel = "W", defaultValue = "300",
            description = "Add W times the mean squared error of the flow's log-density ratio between each training "
                    + "event's hyper-parameters and a nearby draw of them (5 %% of the prior's range), against the "
                    + "exact model's, to the training loss (\"mining gold\"; it doubles the training time); 0: maximum likelihood alone "
                    + "(default: ${DEFAULT-VALUE}).")
    double ratioWeight;

    @Option(names = "--reference-bins", paramLabel = "N", defaultValue = "64",
            description = "Map each observable to unbounded space by the probit of a reference CDF with about N bins, "
                    + "estimated from the training events; 0: by a logit (default: ${DEFAULT-VALUE}).")
    int referenceBins;

    @Option(names = "--learning-rate", paramLabel = "R", defaultValue = "2e-3",
            description = "The flow's peak learning rate, cosine-decayed to a tenth (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Mixin SharedOptions.Epochs epochs;
    @Mixin SharedOptions.Hidden hidden;

    @Option(names = "--walkers", paramLabel = "N", defaultValue = "24", description = "Ensemble walkers (default: ${DEFAULT-VALUE}).")
    int walkers;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1500", description = "Ensemble steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--burn-in", paramLabel = "N", defaultValue = "500", description = "Steps discarded (default: ${DEFAULT-VALUE}).")
    int burnIn;

    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Json json;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.ModelDir modelDir;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GwPopulation.Settings settings = settings();
        Path png = plot.orElse("gw-population-corner.png");
        force.checkJsonAndPlot(json.path, png);
        modelDir.check();
        AtomicBoolean stop = new AtomicBoolean();
        try (Interrupt interrupt = new Interrupt(err, Duration.ofSeconds(600), () -> {
            stop.set(true);
            return "interrupted; stopping training (if running) and using the flow learned so far...";
        })) {
            GwPopulation.Outcome outcome;
            try {
                outcome = GwPopulation.run(settings, new Progress(), stop);
            } catch (CancellationException e) {
                throw Failure.data("interrupted: " + e.getMessage());
            } catch (IOException | IllegalArgumentException e) {
                throw Failure.data(e.getMessage());
            }
            return report(outcome, png, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private GwPopulation.Settings settings() {
        try {
            var flow = FlowConfig.builder().layers(layers).hidden(hidden.value).epochs(epochs.value).seed(seed.value)
                    .referenceBins(referenceBins).learningRate(learningRate).components(components).batchSize(batchSize).averaging(averaging)
                    .ratioWeight(ratioWeight).build();
            var sampler = SamplerConfig.builder().walkers(walkers).steps(steps).burnIn(burnIn).seed(seed.value).build();
            return GwPopulation.Settings.builder().events(events).catalogues(catalogues).trainRows(trainRows).testRows(testRows)
                    .peakEvents(peakEvents).flow(flow).sampler(sampler).seed(seed.value).modelDir(modelDir.path).build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "events", "--events", "catalogues", "--catalogues", "trainRows", "--train-rows", "testRows",
                    "--test-rows", "peakEvents", "--peak-events", "layers", "--layers", "components", "--components", "batchSize", "--batch-size", "averaging", "--averaging", "ratioWeight", "--ratio-weight", "referenceBins", "--reference-bins", "learningRate", "--learning-rate", "hidden", "--hidden", "epochs", "--epochs", "walkers", "--walkers",
                    "steps", "--steps", "burnIn", "--burn-in");
        }
    }

    private int report(GwPopulation.Outcome o, Path png, PrintWriter out, PrintWriter err) {
        var s = o.settings();
        if (o.loaded()) out.printf(Locale.ROOT, "flow: loaded from %s%n", s.modelDir());
        else out.printf(Locale.ROOT, "flow: %d coupling layers x %d units, trained on %d events, %d steps in %.1f s%s%n",
                s.flow().layers(), s.flow().hidden(), s.trainRows(), o.training().steps(), o.training().wallTime().toNanos() / 1e9,
                o.training().stopped() ? ", stopped early" : "");
        if (o.flowConfig().usesRatios())
            out.printf(Locale.ROOT, "flow: trained with the log-density-ratio term, weight %s%n", fmtWeight(o.flowConfig().ratioWeight()));
        if (o.provenance() != null && o.provenance().skippedSteps() > 0)
            out.printf(Locale.ROOT, "flow: %d of %d training steps skipped (loss or gradient not finite)%n",
                    o.provenance().skippedSteps(), o.provenance().steps());
        out.printf(Locale.ROOT, "held-out density (%d events): flow NLL %.4f, exact NLL %.4f nats/event; KL(exact||flow) %.4f +- %.4f%n",
                s.testRows(), o.flowTestNll(), o.exactTestNll(), o.klPerEvent(), o.klStdError());
        if (o.peak() != null) {
            PeakCheck p = o.peak();
            var shifts = new StringBuilder();
            for (int k = 0; k < 4; k++)
                shifts.append(k == 0 ? "" : ", ").append(PopulationParameters.NAMES.get(k))
                        .append(String.format(Locale.ROOT, " %.2f +- %.2f", p.shift()[k], p.scatter()[k]));
            out.printf(Locale.ROOT, "likelihood peaks (%d events at the truth): predicted |dmean|/sd for %d events "
                    + "(systematic +- catalogue scatter) %s; sd_flow/sd_exact %s%n", p.events(), p.catalogueEvents(), shifts,
                    named(p.widthRatio()));
            if (Double.isNaN(p.maxShift()))
                out.println("  (NaN: a likelihood is not peaked near the truth, e.g. a flow that has not learned the dependence on the "
                        + "hyper-parameters)");
        }
        double[] truth = s.truth().toArray();
        for (GwPopulation.CatalogueResult c : o.catalogues()) {
            out.printf(Locale.ROOT, "%ncatalogue %d (%d events): posterior mean [68%% interval]%n", c.index() + 1, s.events());
            out.printf(Locale.ROOT, "  %-7s %8s  %-28s %-28s %s%n", "param", "truth", "flow", "exact", "|dmean|/sd");
            double[] shift = c.meanShift();
            for (int k = 0; k < 4; k++) {
                Summary f = c.flow().summaries().get(k), e = c.exact().summaries().get(k);
                out.printf(Locale.ROOT, "  %-7s %8.3f  %-28s %-28s %.2f%n", PopulationParameters.NAMES.get(k), truth[k], fmt(f), fmt(e), shift[k]);
            }
            out.printf(Locale.ROOT, "  flow:  tau %s  R-hat %s  acceptance %.2f  %.1f s%n", fmt(c.flow().tau()), fmt(c.flow().rhat()),
                    c.flow().acceptance(), c.flow().seconds());
            out.printf(Locale.ROOT, "  exact: tau %s  R-hat %s  acceptance %.2f  %.1f s%n", fmt(c.exact().tau()), fmt(c.exact().rhat()),
                    c.exact().acceptance(), c.exact().seconds());
        }
        out.printf(Locale.ROOT, "%ntruth inside the flow posterior's 95%% interval: %d of %d parameter-catalogue cases; "
                + "largest |mean_flow - mean_exact| / sd_exact: %.2f%n", o.covered(), 4 * o.catalogues().size(), o.maxMeanShift());
        out.flush();
        int status = 0;
        var first = o.catalogues().get(0);
        status |= SharedOptions.Plot.write(png, file -> CornerPlot.write(file, PopulationParameters.NAMES, truth,
                first.flow().samples(), first.exact().samples()), out, err);
        if (s.modelDir() != null && !o.loaded()) out.println("model: " + s.modelDir());
        status |= json.write(GwPopulationReport.of(o), out, err);
        out.printf(Locale.ROOT, "time: %.1f s%n", o.seconds());
        out.flush();
        return status;
    }

    private static String named(double[] v) {
        var sb = new StringBuilder();
        for (int k = 0; k < v.length; k++)
            sb.append(k == 0 ? "" : ", ").append(PopulationParameters.NAMES.get(k)).append(' ').append(String.format(Locale.ROOT, "%.2f", v[k]));
        return sb.toString();
    }

    private static String fmt(Summary s) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.mean(), s.lo(), s.hi());
    }

    private static double[] means(GwPopulation.Posterior p) {
        return p.summaries().stream().mapToDouble(Summary::mean).toArray();
    }

    private static String fmt(double[] v) {
        var sb = new StringBuilder();
        for (double x : v) sb.append(sb.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.3g", x));
        return sb.toString();
    }

    private static String fmtWeight(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }

    /** {@code --json}: the first catalogue's posteriors at the top, every catalogue in {@code catalogues}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GwPopulationReport(Map<String, Double> truth, Map<String, Map<String, Double>> posteriorFlow,
                              Map<String, Map<String, Double>> posteriorExact, double flowTestNll, double exactTestNll,
                              double klPerEvent, double klStdError, Map<String, Object> peakCheck, int events, int trainRows, int testRows, boolean modelLoaded,
                              Long trainingSteps, Long skippedSteps, Double trainingSeconds, double ratioWeight, int covered95, int cases, double maxMeanShift,
                              List<Map<String, Object>> catalogues, long seed, double seconds) {
        static GwPopulationReport of(GwPopulation.Outcome o) {
            var s = o.settings();
            List<Map<String, Object>> list = new ArrayList<>();
            for (GwPopulation.CatalogueResult c : o.catalogues()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("posterior_flow", posterior(c.flow().summaries()));
                m.put("posterior_exact", posterior(c.exact().summaries()));
                m.put("tau_flow", c.flow().tau());
                m.put("tau_exact", c.exact().tau());
                m.put("rhat_flow", c.flow().rhat());
                m.put("rhat_exact", c.exact().rhat());
                m.put("covered95", c.covered(s.truth()));
                m.put("mean_shift", c.meanShift());
                list.add(m);
            }
            var first = o.catalogues().get(0);
            return new GwPopulationReport(GwPopulation.named(s.truth()), posterior(first.flow().summaries()),
                    posterior(first.exact().summaries()), o.flowTestNll(), o.exactTestNll(), o.klPerEvent(), o.klStdError(),
                    peak(o.peak()), s.events(), s.trainRows(), s.testRows(), o.loaded(), o.training() == null ? null : o.training().steps(),
                    o.provenance() == null ? null : o.provenance().skippedSteps(),
                    o.training() == null ? null : o.training().wallTime().toNanos() / 1e9, o.flowConfig().ratioWeight(), o.covered(), 4 * o.catalogues().size(),
                    o.maxMeanShift(), list, s.seed(), o.seconds());
        }

        private static Map<String, Object> peak(PeakCheck p) {
            if (p == null) return null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("events", p.events());
            m.put("catalogue_events", p.catalogueEvents());
            m.put("shift", byName(p.shift()));
            m.put("scatter", byName(p.scatter()));
            m.put("width_ratio", byName(p.widthRatio()));
            m.put("flow_peak", byName(p.flowPeak()));
            m.put("exact_peak", byName(p.exactPeak()));
            return m;
        }

        private static Map<String, Double> byName(double[] v) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int k = 0; k < v.length; k++) m.put(PopulationParameters.NAMES.get(k), v[k]);
            return m;
        }

        private static Map<String, Map<String, Double>> posterior(List<Summary> summaries) {
            Map<String, Map<String, Double>> m = new LinkedHashMap<>();
            for (int k = 0; k < 4; k++) {
                Summary x = summaries.get(k);
                Map<String, Double> v = new LinkedHashMap<>();
                v.put("mean", x.mean());
                v.put("lo", x.lo());
                v.put("hi", x.hi());
                v.put("sd", x.sd());
                v.put("lo95", x.lo95());
                v.put("hi95", x.hi95());
                m.put(PopulationParameters.NAMES.get(k), v);
            }
            return m;
        }
    }

    /** Progress on standard error. */
    private final class Progress implements GwPopulation.Listener {
        @Override public void onStage(String what) { quiet.say("%s", what); }

        @Override public void onSampling(String which, int catalogue, int catalogues) {
            quiet.say("sampling the posterior with the %s likelihood, catalogue %d/%d", which, catalogue, catalogues);
        }

        @Override public void onEpoch(TrainingProgress p) { quiet.epoch("flow", p, 5, true); }

        @Override public void onCatalogue(GwPopulation.CatalogueResult c) {
            var t = settings().truth();
            quiet.say("catalogue %d: truth in the flow's 95%% intervals for %d of 4; |dmean|/sd %s; flow means %s; exact means %s",
                    c.index() + 1, c.covered(t), fmt(c.meanShift()), fmt(means(c.flow())), fmt(means(c.exact())));
        }
    }
}
