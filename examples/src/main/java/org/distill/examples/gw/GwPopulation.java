package org.distill.examples.gw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.TrainingListener;
import org.distill.neural.TrainingReport;
import org.distill.neural.Trained;
import org.distill.neural.flow.Flow;
import org.distill.neural.flow.FlowConfig;
import org.distill.neural.flow.FlowData;
import org.distill.neural.flow.FlowProvenance;
import org.distill.neural.flow.FlowTrainer;
import org.distill.physics.gw.PopulationModel;
import org.distill.physics.gw.PopulationParameters;
import org.distill.physics.inference.BatchLogDensity;
import org.distill.physics.inference.Chain;
import org.distill.physics.inference.EnsembleSampler;
import org.distill.physics.inference.SamplerConfig;
import org.distill.physics.inference.Summary;

/**
 * Gravitational-wave population inference with a flow emulator (after Wong, Contardo &amp; Ho 2020): train a
 * conditional normalising flow p(x | λ) on draws of the {@link PopulationModel} across its prior (or load one), check
 * it on held-out events, draw catalogues at the true λ, and sample the hyper-parameters' posterior twice — with the
 * flow's likelihood and with the exact one — with the same ensemble sampler, seeds and starts.
 */
public final class GwPopulation {
    private GwPopulation() { }

    /**
     * The run's settings.
     *
     * @param events     events per catalogue
     * @param catalogues catalogues drawn at the truth (each inferred twice)
     * @param trainRows  training rows of the flow (λ from the prior, one event each)
     * @param testRows   held-out rows for the density comparison
     * @param peakEvents events drawn at the truth for the {@link PeakCheck} (0: no check)
     * @param flow       the flow's configuration
     * @param sampler    the ensemble sampler's configuration (its seed is mixed with the catalogue's index)
     * @param truth      the hyper-parameters the catalogues are drawn at
     * @param seed       seeds the data, the catalogues and the walkers' starts
     * @param modelDir   load the flow from here if it holds one, else save the trained one here (null: neither)
     */
    public record Settings(int events, int catalogues, int trainRows, int testRows, int peakEvents, FlowConfig flow,
                           SamplerConfig sampler, PopulationParameters truth, long seed, Path modelDir) {
        public Settings {
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(sampler, "sampler");
            Objects.requireNonNull(truth, "truth");
            if (events < 1 || events > 1_000_000) throw new IllegalArgumentException("events must be in [1, 1000000]: " + events);
            if (catalogues < 1 || catalogues > 1000) throw new IllegalArgumentException("catalogues must be in [1, 1000]: " + catalogues);
            if (trainRows < 100 || trainRows > 50_000_000)
                throw new IllegalArgumentException("trainRows must be in [100, 50000000]: " + trainRows);
            if (testRows < 10 || testRows > 10_000_000) throw new IllegalArgumentException("testRows must be in [10, 10000000]: " + testRows);
            if (peakEvents != 0 && (peakEvents < 100 || peakEvents > 10_000_000))
                throw new IllegalArgumentException("peakEvents must be 0 or in [100, 10000000]: " + peakEvents);
            if (!PopulationParameters.inPrior(truth.toArray()))
                throw new IllegalArgumentException("truth must lie inside the prior: " + truth);
            if (sampler.walkers() < 8) throw new IllegalArgumentException("walkers must be at least 8 for 4 parameters: " + sampler.walkers());
        }

        public static Builder builder() { return new Builder(); }

        /**
         * Defaults: 500 events, 1 catalogue, 2 400 000 training rows, 20 000 test rows, 20 000 events for the peak check, the flow of 10 layers × 64
         * units, 6 components, reference maps of 64 bins, 3 epochs, batches of 1024, learning rate 2e-3, ratio
         * weight {@value GwPopulation#DEFAULT_RATIO_WEIGHT}; 24 walkers, 1500 steps of which 500 burn-in; the fiducial
         * truth; seed 0; no model folder.
         */
        public static final class Builder {
            private int events = 500, catalogues = 1, trainRows = 2_400_000, testRows = 20_000, peakEvents = 20_000;
            private FlowConfig flow = FlowConfig.builder().layers(10).hidden(64).components(6).epochs(3).batchSize(1024)
                    .learningRate(2e-3).referenceBins(64).ratioWeight(DEFAULT_RATIO_WEIGHT).build();
            private SamplerConfig sampler = SamplerConfig.builder().walkers(24).steps(1500).burnIn(500).build();
            private PopulationParameters truth = PopulationParameters.fiducial();
            private long seed;
            private Path modelDir;

            private Builder() { }

            public Builder events(int v) { events = v; return this; }
            public Builder catalogues(int v) { catalogues = v; return this; }
            public Builder trainRows(int v) { trainRows = v; return this; }
            public Builder testRows(int v) { testRows = v; return this; }
            public Builder peakEvents(int v) { peakEvents = v; return this; }
            public Builder flow(FlowConfig v) { flow = v; return this; }
            public Builder sampler(SamplerConfig v) { sampler = v; return this; }
            public Builder truth(PopulationParameters v) { truth = v; return this; }
            public Builder seed(long v) { seed = v; return this; }
            public Builder modelDir(Path v) { modelDir = v; return this; }

            public Settings build() {
                return new Settings(events, catalogues, trainRows, testRows, peakEvents, flow, sampler, truth, seed, modelDir);
            }
        }
    }

    /** Progress of a run. */
    public interface Listener extends TrainingListener {
        default void onStage(String what) { }

        default void onSampling(String which, int catalogue, int catalogues) { }

        /** A catalogue's two inferences are done. */
        default void onCatalogue(CatalogueResult result) { }

        /** Does nothing. */
        Listener NONE = new Listener() {
            @Override public void onEpoch(org.distill.neural.TrainingProgress p) { }
        };
    }

    /**
     * One posterior: its summaries per parameter, diagnostics, and (for the plot) a thinned sample.
     *
     * @param summaries   per parameter, in {@link PopulationParameters#NAMES} order
     * @param tau         integrated autocorrelation time per parameter (steps)
     * @param rhat        split R̂ per parameter
     * @param acceptance  the sampler's acceptance fraction
     * @param samples     a thinned posterior sample (rows × 4)
     * @param seconds     sampling time
     */
    public record Posterior(List<Summary> summaries, double[] tau, double[] rhat, double acceptance, double[][] samples,
                            double seconds) { }

    /** One catalogue's two inferences. */
    public record CatalogueResult(int index, Posterior flow, Posterior exact) {
        /** Parameters whose true value lies in the flow posterior's central 95 % interval. */
        public int covered(PopulationParameters truth) {
            int n = 0;
            double[] t = truth.toArray();
            for (int k = 0; k < 4; k++) if (flow.summaries().get(k).covers95(t[k])) n++;
            return n;
        }

        /** |mean_flow − mean_exact| / sd_exact per parameter. */
        public double[] meanShift() {
            double[] s = new double[4];
            for (int k = 0; k < 4; k++)
                s[k] = Math.abs(flow.summaries().get(k).mean() - exact.summaries().get(k).mean()) / exact.summaries().get(k).sd();
            return s;
        }
    }

    /**
     * What a run found.
     *
     * @param settings      the settings
     * @param training      the flow's training report (null when it was loaded)
     * @param loaded        whether the flow was loaded from the model folder
     * @param provenance    how the flow was trained (its training rows, steps, skipped steps)
     * @param flowConfig    the flow's own configuration (the loaded one's when it was loaded)
     * @param flowTestNll   mean −log p_flow(x | λ) on held-out (λ, x) (nats per event)
     * @param exactTestNll  mean −log p(x | λ) of the exact model on the same events
     * @param klPerEvent    mean of log p − log p_flow on those events: KL(exact ‖ flow) averaged over the prior
     * @param klStdError    its standard error
     * @param peak          where the flow's likelihood peaks against the exact one's (null when not checked)
     * @param catalogues    each catalogue's inferences
     * @param seconds       wall time of the whole run
     */
    public record Outcome(Settings settings, TrainingReport training, boolean loaded, FlowProvenance provenance,
                          FlowConfig flowConfig, double flowTestNll, double exactTestNll,
                          double klPerEvent, double klStdError, PeakCheck peak, List<CatalogueResult> catalogues, double seconds) {
        /** Parameter-catalogue cases whose truth is inside the flow posterior's 95 % interval. */
        public int covered() {
            int n = 0;
            for (CatalogueResult c : catalogues) n += c.covered(settings.truth());
            return n;
        }

        /** The largest |mean_flow − mean_exact| / sd_exact over parameters and catalogues. */
        public double maxMeanShift() {
            double m = 0;
            for (CatalogueResult c : catalogues) for (double s : c.meanShift()) m = Math.max(m, s);
            return m;
        }
    }

    /**
     * Weight of the log-density-ratio term in the example's training ({@link FlowConfig#ratioWeight()}): 300 gave the
     * flow the exact model's likelihood peak and width to within a few hundredths of a posterior standard deviation
     * (docs/GW-POPULATION.md); maximum likelihood alone (0) leaves m_max's posterior ~20 % too wide.
     */
    public static final double DEFAULT_RATIO_WEIGHT = 300;

    /** Standard deviation of a paired condition's step, per hyper-parameter, as a share of its prior range. */
    public static final double RATIO_STEP = 0.05;

    /**
     * {@code data} with a second λ' per row — λ plus a Gaussian step of {@value #RATIO_STEP} of the prior's range per
     * component, clamped to the prior — and the exact {@code log p(x | λ') − log p(x | λ)} (computed in parallel).
     */
    static FlowData withRatios(PopulationModel model, FlowData data, SplittableRandom random) {
        int n = data.rows();
        double[][] paired = new double[n][];
        double[] lo = PopulationParameters.priorLower(), hi = PopulationParameters.priorUpper();
        for (int i = 0; i < n; i++) {
            double[] l = data.c()[i].clone();
            for (int k = 0; k < l.length; k++) {
                l[k] = Math.min(hi[k], Math.max(lo[k], l[k] + RATIO_STEP * (hi[k] - lo[k]) * random.nextGaussian()));
            }
            paired[i] = l;
        }
        double[] ratio = new double[n];
        java.util.stream.IntStream.range(0, n).parallel()
                .forEach(i -> ratio[i] = model.logRatio(data.x()[i], data.c()[i], paired[i]));
        return data.withRatios(paired, ratio);
    }

    /** Runs everything; {@code cancel} stops training (the flow learned so far is used) or sampling (a cancellation). */
    public static Outcome run(Settings s, Listener listener, AtomicBoolean cancel) throws IOException {
        Objects.requireNonNull(s, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        long start = System.nanoTime();
        PopulationModel model = PopulationModel.of();
        TrainingReport report = null;
        boolean loaded = s.modelDir() != null && Files.exists(s.modelDir().resolve("flow.properties"));
        Flow flow;
        if (loaded) {
            listener.onStage("loading the flow from " + s.modelDir());
            flow = Flow.load(s.modelDir());
        } else {
            listener.onStage("drawing " + s.trainRows() + " training events across the prior");
            var draws = model.sampleAcrossPrior(s.trainRows(), new SplittableRandom(s.seed()));
            var data = new FlowData(inside(draws.events()), draws.lambdas(), PopulationModel.lower(), PopulationModel.upper());
            if (s.flow().usesRatios()) {
                listener.onStage("pairing each training event with nearby hyper-parameters and its exact log-density ratio");
                data = withRatios(model, data, new SplittableRandom(s.seed() ^ 0x4A71L));
            }
            listener.onStage("training the flow");
            Trained<Flow> trained = FlowTrainer.of(s.flow()).train(data, listener, cancel);
            flow = trained.model();
            report = trained.report();
            if (s.modelDir() != null) flow.save(s.modelDir());
        }
        try {
            listener.onStage("comparing densities on " + s.testRows() + " held-out events");
            var test = model.sampleAcrossPrior(s.testRows(), new SplittableRandom(s.seed() ^ 0x7E57L));
            double[] lpFlow = flow.logDensity(test.events(), test.lambdas());
            double sumFlow = 0, sumExact = 0, sumD = 0, sumD2 = 0;
            int n = s.testRows();
            for (int i = 0; i < n; i++) {
                double e = model.logDensity(test.events()[i], PopulationParameters.of(test.lambdas()[i]));
                double d = e - lpFlow[i];
                sumFlow += lpFlow[i];
                sumExact += e;
                sumD += d;
                sumD2 += d * d;
            }
            double kl = sumD / n, klSe = Math.sqrt(Math.max(0, sumD2 / n - kl * kl) / n);
            PeakCheck peak = null;
            if (s.peakEvents() > 0) {
                listener.onStage("checking the likelihood's peak on " + s.peakEvents() + " events at the truth");
                peak = PeakCheck.of(flow, s.truth(), s.peakEvents(), s.events(), s.seed() ^ 0x9EA7L);
            }

            List<CatalogueResult> results = new ArrayList<>();
            for (int c = 0; c < s.catalogues(); c++) {
                var random = new SplittableRandom(s.seed() * 1_000_003L + 17 * c + 1);
                double[][] events = inside(model.sample(s.truth(), s.events(), random));
                double[][] starts = new double[s.sampler().walkers()][4];
                double[] lo = PopulationParameters.priorLower(), hi = PopulationParameters.priorUpper();
                for (double[] w : starts) for (int k = 0; k < 4; k++) w[k] = lo[k] + (hi[k] - lo[k]) * random.nextDouble();
                var config = SamplerConfig.builder().walkers(s.sampler().walkers()).steps(s.sampler().steps())
                        .burnIn(s.sampler().burnIn()).stretch(s.sampler().stretch()).seed(s.sampler().seed() + c).build();

                listener.onSampling("flow", c + 1, s.catalogues());
                Flow.Catalogue catalogue = flow.catalogue(events);
                BatchLogDensity flowPosterior = points -> {
                    double[] out = new double[points.length];
                    List<double[]> inPrior = new ArrayList<>();
                    for (double[] p : points) if (PopulationParameters.inPrior(p)) inPrior.add(p);
                    double[] ll = inPrior.isEmpty() ? new double[0] : catalogue.logLikelihood(inPrior.toArray(double[][]::new));
                    for (int i = 0, j = 0; i < points.length; i++)
                        out[i] = PopulationParameters.inPrior(points[i]) ? ll[j++] + PopulationParameters.logPrior(points[i])
                                : Double.NEGATIVE_INFINITY;
                    return out;
                };
                Posterior pFlow = sample(config, flowPosterior, starts, cancel);

                listener.onSampling("exact", c + 1, s.catalogues());
                var exact = model.catalogueLikelihood(events);
                Posterior pExact = sample(config, BatchLogDensity.parallel(
                        l -> exact.logLikelihood(l) + PopulationParameters.logPrior(l)), starts, cancel);
                var result = new CatalogueResult(c, pFlow, pExact);
                results.add(result);
                listener.onCatalogue(result);
            }
            return new Outcome(s, report, loaded, flow.provenance(), flow.config(), -sumFlow / n, -sumExact / n, kl, klSe, peak, results,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            flow.close();
        }
    }

    private static Posterior sample(SamplerConfig config, BatchLogDensity f, double[][] starts, AtomicBoolean cancel) {
        long t0 = System.nanoTime();
        Chain chain = EnsembleSampler.of(config).run(f, starts, cancel);
        if (chain.steps() < config.steps()) throw new CancellationException("sampling stopped after " + chain.steps() + " steps");
        List<Summary> summaries = new ArrayList<>();
        for (int k = 0; k < 4; k++) summaries.add(chain.summary(k, config.burnIn()));
        double[][] flat = chain.flat(config.burnIn());
        int keep = Math.min(2000, flat.length), stride = Math.max(1, flat.length / keep);
        double[][] thin = new double[flat.length / stride][];
        for (int i = 0; i < thin.length; i++) thin[i] = flat[i * stride];
        return new Posterior(summaries, chain.autocorrelationTimes(config.burnIn()), chain.splitRhat(config.burnIn()),
                chain.acceptance(), thin, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The events nudged strictly inside the open box (a draw can land on an edge in floating point, e.g. a spin of
     * exactly 0, where the logit is infinite): by at most 1e-12 of the width.
     */
    static double[][] inside(double[][] events) {
        double[] lo = PopulationModel.lower(), hi = PopulationModel.upper();
        double[][] out = new double[events.length][];
        for (int i = 0; i < events.length; i++) {
            out[i] = events[i].clone();
            for (int k = 0; k < lo.length; k++) {
                double eps = 1e-12 * (hi[k] - lo[k]);
                out[i][k] = Math.min(hi[k] - eps, Math.max(lo[k] + eps, out[i][k]));
            }
        }
        return out;
    }

    /** The truth as a name → value map. */
    public static Map<String, Double> named(PopulationParameters p) {
        Map<String, Double> m = new LinkedHashMap<>();
        double[] v = p.toArray();
        for (int k = 0; k < 4; k++) m.put(PopulationParameters.NAMES.get(k), v[k]);
        return m;
    }
}
