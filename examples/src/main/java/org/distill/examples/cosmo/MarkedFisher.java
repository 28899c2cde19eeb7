package org.distill.examples.cosmo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.fisher.DerivativeStencil;
import org.distill.physics.cosmo.fisher.FisherForecast;
import org.distill.physics.cosmo.fisher.FisherMatrix;
import org.distill.physics.cosmo.fisher.KBinning;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.sim.Simulation;
import org.distill.physics.cosmo.sim.SimulationListener;
import org.distill.physics.cosmo.sim.SimulationResult;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.distill.physics.cosmo.stats.PowerSpectrumEstimator;
import org.distill.physics.cosmo.stats.WhiteMark;
import org.distill.physics.io.AtomicFile;

/**
 * Massara et al. (2020) on our own small Quijote: how much the marked power spectrum adds to P(k) on Ωm, Ωb, h, ns,
 * σ8 and Mν, by Fisher forecasts from particle-mesh simulations.
 *
 * <p><b>Campaign.</b> {@link #plan} lists every simulation as a {@link SimSpec} (set, seed, cosmology, A_s): N_f
 * fiducial runs (Quijote's fiducial cosmology, seeds 1…N_f) and, for seeds 1…N_d, a plus and a minus run for each of
 * Ωm, Ωb, h, ns, σ8 with Quijote's steps (0.01, 0.002, 0.02, 0.02, 0.015), and Mν = 0.1, 0.2, 0.4 eV at the fiducial
 * primordial amplitude A_s (as Quijote's Mν⁺, Mν⁺⁺, Mν⁺⁺⁺; Mν = 0 is the fiducial run of the same seed). The list is
 * ordered seed by seed so that a campaign stopped part way has balanced sets. {@link #runOne} runs one simulation and
 * measures its statistics on fine k shells (P(k) and the marked P(k) of each mark; no particles are kept);
 * {@link Store} keeps a manifest and one small JSON file per simulation in a folder, so a stopped campaign resumes
 * where it stopped and finished simulations are never rerun.
 *
 * <p><b>Forecast.</b> {@link #analyse} puts the spectra on bins of {@code binFactor}·k_F up to k_max, concatenates
 * P and the marked spectra into one data vector, and runs {@link FisherForecast} for P, M (all marks) and P + M;
 * errors are rescaled from the box's volume to 1 (Gpc/h)³ (σ ∝ V^(−1/2)).
 */
public final class MarkedFisher {
    private MarkedFisher() { }

    /** Quijote's parameters and steps, with the names used in tables and JSON. */
    public enum Parameter {
        OMEGA_M("Om", "omega_m", 0.01), OMEGA_B("Ob", "omega_b", 0.002), H("h", "h", 0.02), NS("ns", "n_s", 0.02),
        SIGMA8("s8", "sigma_8", 0.015), MNU("Mnu", "m_nu", Double.NaN);

        private final String symbol, key;
        private final double step;

        Parameter(String symbol, String key, double step) {
            this.symbol = symbol;
            this.key = key;
            this.step = step;
        }

        /** Short name in tables: Om, Ob, h, ns, s8, Mnu. */
        public String symbol() { return symbol; }

        /** Name in JSON: omega_m, …, m_nu. */
        public String key() { return key; }

        /** The finite-difference rule: central with Quijote's step, or the one-sided Mν rule. */
        public DerivativeStencil stencil() {
            return this == MNU ? DerivativeStencil.quijoteNeutrino() : DerivativeStencil.central(step);
        }

        /** The fiducial cosmology with this parameter moved by {@code offset}. */
        public Cosmology shift(Cosmology c, double offset) {
            return switch (this) {
                case OMEGA_M -> c.withOmegaM(c.omegaM() + offset);
                case OMEGA_B -> c.withOmegaB(c.omegaB() + offset);
                case H -> c.withH(c.h() + offset);
                case NS -> c.withNs(c.ns() + offset);
                case SIGMA8 -> c.withSigma8(c.sigma8() + offset);
                case MNU -> c.withMnu(c.mnu() + offset);
            };
        }
    }

    /**
     * What the simulations and their statistics depend on (the manifest's key: a folder holds one of these).
     *
     * @param boxSize       box side, Mpc/h
     * @param particles     particles per side
     * @param mesh          PM mesh per side
     * @param steps         time steps
     * @param startRedshift redshift of the 2LPT initial conditions
     * @param powerMesh     mesh of the power spectra and of the marks' smoothing
     */
    public record Physics(double boxSize, int particles, int mesh, int steps, double startRedshift, int powerMesh) {
        public Physics {
            // the simulation settings check the rest
            SimulationSettings.builder().boxSize(boxSize).particles(particles).mesh(mesh).steps(steps).startRedshift(startRedshift).build();
            PowerSpectrumEstimator.of(powerMesh);
        }

        /** The box volume in (Gpc/h)³. */
        public double volumeGpc() { return Math.pow(boxSize / 1000, 3); }
    }

    /**
     * A campaign.
     *
     * @param physics        the simulations
     * @param fiducialSims   N_f, for the covariance (at least N_d: the first N_d are Mν's zero point)
     * @param derivativeSims N_d seeds per derivative set
     * @param marks          the marks, at least one
     * @param kMax           k_max of the data vectors, h/Mpc
     * @param binFactor      bin width in units of k_F
     * @param threads        threads per simulation
     * @param bootstrap      bootstrap replicas for the errors' uncertainty (0: none)
     */
    public record Settings(Physics physics, int fiducialSims, int derivativeSims, List<WhiteMark> marks, double kMax, int binFactor,
                           int threads, int bootstrap) {
        public Settings {
            Objects.requireNonNull(physics, "physics");
            marks = List.copyOf(marks);
            if (marks.isEmpty()) throw new IllegalArgumentException("marks: need at least one mark");
            if (derivativeSims < 1 || derivativeSims > 100_000) throw new IllegalArgumentException("derivativeSims must be in [1, 100000]: " + derivativeSims);
            if (fiducialSims < derivativeSims || fiducialSims > 1_000_000) {
                throw new IllegalArgumentException("fiducialSims must be in [" + derivativeSims + ", 1000000] (at least the derivative seeds): " + fiducialSims);
            }
            if (binFactor < 1 || binFactor > 100) throw new IllegalArgumentException("binFactor must be in [1, 100]: " + binFactor);
            if (threads < 1 || threads > 512) throw new IllegalArgumentException("threads must be in [1, 512]: " + threads);
            if (bootstrap < 0 || bootstrap > 100_000) throw new IllegalArgumentException("bootstrap must be in [0, 100000]: " + bootstrap);
            int bins = binning(physics, kMax, binFactor).bins(); // checks kMax
            if (bins < Parameter.values().length) {
                throw new IllegalArgumentException("kMax " + kMax + " h/Mpc with bins of " + binFactor + " k_F leaves " + bins
                        + " k bins per statistic; need at least " + Parameter.values().length + " (one per parameter)");
            }
            double nyquist = Math.PI * physics.powerMesh() / physics.boxSize();
            if (kMax > nyquist) throw new IllegalArgumentException("kMax must be at most the power mesh's Nyquist frequency " + nyquist + " h/Mpc: " + kMax);
        }

        public static Builder builder() { return new Builder(); }

        /** The k bins of the data vectors. */
        public KBinning binning() { return binning(physics, kMax, binFactor); }

        private static KBinning binning(Physics p, double kMax, int factor) {
            try {
                return KBinning.of(p.boxSize(), factor, kMax);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("kmax", "kMax"));
            }
        }

        /** Builder; the defaults are the quick campaign (≤ 30 min on 2 cores; see docs/MARKED-POWER.md). */
        public static final class Builder {
            private double boxSize = 250;
            private int particles = 64;
            private int mesh = 128;
            private int steps = 10;
            private double startRedshift = 9;
            private int powerMesh = 128;
            private int fiducialSims = 150;
            private int derivativeSims = 15;
            private List<WhiteMark> marks = List.of(WhiteMark.MASSARA);
            private double kMax = 0.5;
            private int binFactor = 2;
            private int threads = Runtime.getRuntime().availableProcessors();
            private int bootstrap = 100;

            private Builder() { }

            public Builder boxSize(double v) { boxSize = v; return this; }
            public Builder particles(int v) { particles = v; return this; }
            public Builder mesh(int v) { mesh = v; return this; }
            public Builder steps(int v) { steps = v; return this; }
            public Builder startRedshift(double v) { startRedshift = v; return this; }
            public Builder powerMesh(int v) { powerMesh = v; return this; }
            public Builder fiducialSims(int v) { fiducialSims = v; return this; }
            public Builder derivativeSims(int v) { derivativeSims = v; return this; }
            public Builder marks(List<WhiteMark> v) { marks = v; return this; }
            public Builder kMax(double v) { kMax = v; return this; }
            public Builder binFactor(int v) { binFactor = v; return this; }
            public Builder threads(int v) { threads = v; return this; }
            public Builder bootstrap(int v) { bootstrap = v; return this; }

            public Settings build() {
                return new Settings(new Physics(boxSize, particles, mesh, steps, startRedshift, powerMesh), fiducialSims, derivativeSims,
                        marks, kMax, binFactor, threads, bootstrap);
            }
        }
    }

    /**
     * One simulation of the campaign: a plain, serialisable record (what a distributed runner ships).
     *
     * @param set                 "fiducial", "Om_p", "Om_m", …, "Mnu_p" (0.1 eV), "Mnu_pp" (0.2), "Mnu_ppp" (0.4)
     * @param seed                seed of the initial white noise (shared across sets)
     * @param cosmology           the cosmology
     * @param primordialAmplitude A_s normalising the spectrum, or 0 to normalise to the cosmology's σ8
     */
    public record SimSpec(String set, long seed, Cosmology cosmology, double primordialAmplitude) {
        public SimSpec {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(cosmology, "cosmology");
            if (!set.matches("[A-Za-z0-9_]+")) throw new IllegalArgumentException("set must be letters, digits and _: '" + set + "'");
            if (!(primordialAmplitude >= 0 && primordialAmplitude < 1e-6)) {
                throw new IllegalArgumentException("primordialAmplitude must be 0 or in (0, 1e-6): " + primordialAmplitude);
            }
        }

        /** The file name of its statistics in a {@link Store}. */
        public String fileName() { return set + "-" + seed + ".json"; }
    }

    /**
     * A spectrum on the fine shells (width k_F from k_F/2, up to the power mesh's Nyquist frequency).
     *
     * @param mark   the mark "R,p,δs" ({@link WhiteMark#toString()}), or "" for P(k)
     * @param values P0 (shot noise subtracted)
     */
    public record Spectrum(String mark, double[] values) {
        public Spectrum {
            Objects.requireNonNull(mark, "mark");
            values = values.clone();
        }
    }

    /**
     * The statistics of one simulation.
     *
     * @param spec    the simulation
     * @param k       mean k of each fine shell, h/Mpc
     * @param modes   modes per shell
     * @param spectra P(k) (mark "") and the marked spectra
     * @param seconds wall time of the simulation and the measurements
     */
    public record SimStats(SimSpec spec, double[] k, long[] modes, List<Spectrum> spectra, double seconds) {
        public SimStats {
            Objects.requireNonNull(spec, "spec");
            k = k.clone();
            modes = modes.clone();
            spectra = List.copyOf(spectra);
            for (Spectrum s : spectra) {
                if (s.values().length != k.length) throw new IllegalArgumentException(spec.fileName() + ": spectrum '" + s.mark() + "' has "
                        + s.values().length + " bins, k has " + k.length);
            }
        }

        /** The spectrum of a mark ("" for P), or null. */
        public double[] spectrum(String mark) {
            for (Spectrum s : spectra) if (s.mark().equals(mark)) return s.values();
            return null;
        }

        /** Whether every mark of {@code marks} was measured. */
        public boolean has(List<WhiteMark> marks) {
            if (spectrum("") == null) return false;
            for (WhiteMark m : marks) if (spectrum(m.toString()) == null) return false;
            return true;
        }
    }

    /** The sets of a campaign in order: fiducial, then each parameter's points. */
    public static String setName(Parameter p, int point) {
        if (p == Parameter.MNU) return point == 0 ? "fiducial" : "Mnu_" + "p".repeat(point);
        return p.symbol() + (point == 0 ? "_p" : "_m");
    }

    /** The simulations of a campaign, seed by seed: fiducial s, then (s ≤ N_d) every derivative set's run of seed s. */
    public static List<SimSpec> plan(Settings s) {
        Cosmology fid = Cosmology.QUIJOTE;
        double as = EisensteinHuPower.of(fid).primordialAmplitude();
        List<SimSpec> out = new ArrayList<>();
        for (int seed = 1; seed <= s.fiducialSims(); seed++) {
            out.add(new SimSpec("fiducial", seed, fid, 0));
            if (seed > s.derivativeSims()) continue;
            for (Parameter p : Parameter.values()) {
                double[] o = p.stencil().offsets();
                for (int j = 0; j < o.length; j++) {
                    String set = setName(p, j);
                    if (set.equals("fiducial")) continue;
                    out.add(new SimSpec(set, seed, p.shift(fid, o[j]), p == Parameter.MNU ? as : 0));
                }
            }
        }
        return out;
    }

    /**
     * Runs one simulation to z = 0 and measures P(k) and the marked P(k) of every mark (CIC, window divided out, shot
     * noise subtracted) on the power mesh.
     *
     * @return the statistics, or null when {@code cancel} stopped the run
     */
    public static SimStats runOne(Physics physics, List<WhiteMark> marks, SimSpec spec, int threads, AtomicBoolean cancel) {
        long t0 = System.nanoTime();
        var b = SimulationSettings.builder().cosmology(spec.cosmology()).boxSize(physics.boxSize()).particles(physics.particles())
                .mesh(physics.mesh()).steps(physics.steps()).startRedshift(physics.startRedshift()).seed(spec.seed()).threads(threads);
        if (spec.primordialAmplitude() > 0) b.primordialAmplitude(spec.primordialAmplitude());
        SimulationResult r = Simulation.run(b.build(), SimulationListener.NONE, cancel);
        if (r.cancelled()) return null;
        Snapshot z0 = r.last();
        PowerSpectrumEstimator est = PowerSpectrumEstimator.of(physics.powerMesh());
        PowerSpectrum p = est.measure(z0);
        List<Spectrum> spectra = new ArrayList<>();
        spectra.add(new Spectrum("", p.p0()));
        for (WhiteMark m : marks) {
            PowerSpectrum mp = m.power(z0, est);
            if (mp.size() != p.size()) throw new IllegalStateException("marked spectrum has " + mp.size() + " bins, P(k) " + p.size());
            spectra.add(new Spectrum(m.toString(), mp.p0()));
        }
        return new SimStats(spec, p.k(), p.modes(), spectra, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A campaign's folder: {@code manifest.json} (the {@link Physics} and the planned simulations) and
     * {@code sims/<set>-<seed>.json}, one {@link SimStats} each, written atomically when its simulation has finished.
     */
    public static final class Store {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        private final Path dir;

        /** The manifest. */
        public record Manifest(int version, Physics physics, List<SimSpec> sims) {
            public Manifest { sims = List.copyOf(sims); }
        }

        private Store(Path dir) { this.dir = dir; }

        /**
         * Opens (or creates) the folder for a campaign with {@code physics}.
         *
         * @throws IllegalArgumentException if the folder holds a campaign with other simulation settings
         */
        public static Store open(Path dir, Physics physics) throws IOException {
            if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IllegalArgumentException(dir + " is not a folder");
            Files.createDirectories(dir.resolve("sims"));
            Store s = new Store(dir);
            Manifest m = s.manifest();
            if (m != null && !m.physics().equals(physics)) {
                throw new IllegalArgumentException(dir + " holds a campaign with other simulation settings (" + m.physics()
                        + "); use another folder");
            }
            return s;
        }

        /** The store in a folder {@link #open} has checked (on an executor: no manifest to read again). */
        static Store at(Path dir) { return new Store(dir); }

        public Path dir() { return dir; }

        /** The manifest, or null before the first. */
        public Manifest manifest() throws IOException {
            Path f = dir.resolve("manifest.json");
            if (!Files.exists(f)) return null;
            try {
                return JSON.readValue(f.toFile(), Manifest.class);
            } catch (IOException e) {
                throw new IOException(f + ": not a campaign manifest: " + e.getMessage(), e);
            }
        }

        /** Writes the manifest: the physics and the union of the simulations already listed and {@code plan}. */
        public void writeManifest(Physics physics, List<SimSpec> plan) throws IOException {
            Manifest old = manifest();
            List<SimSpec> all = new ArrayList<>(old == null ? List.of() : old.sims());
            for (SimSpec s : plan) if (!all.contains(s)) all.add(s);
            write(dir.resolve("manifest.json"), new Manifest(1, physics, all));
        }

        /** The stored statistics of a simulation, or null. */
        public SimStats read(SimSpec spec) throws IOException {
            Path f = dir.resolve("sims").resolve(spec.fileName());
            if (!Files.exists(f)) return null;
            SimStats s;
            try {
                s = JSON.readValue(f.toFile(), SimStats.class);
            } catch (IOException e) {
                return null; // unreadable: run it again
            }
            return s.spec().equals(spec) ? s : null;
        }

        /** Stores the statistics of a simulation (keeping the marks an earlier run of it measured). */
        public void write(SimStats stats) throws IOException {
            SimStats old = read(stats.spec());
            SimStats merged = stats;
            if (old != null && java.util.Arrays.equals(old.k(), stats.k())) {
                List<Spectrum> sp = new ArrayList<>(stats.spectra());
                for (Spectrum o : old.spectra()) if (stats.spectrum(o.mark()) == null) sp.add(o);
                merged = new SimStats(stats.spec(), stats.k(), stats.modes(), sp, stats.seconds());
            }
            write(dir.resolve("sims").resolve(stats.spec().fileName()), merged);
        }

        private static void write(Path file, Object value) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(value);
            AtomicFile.write(file, 1 << 16, out -> out.write(bytes));
        }
    }

    /** Progress. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (done, total, stats, reused) -> { };

        /** Simulation {@code done} of {@code total} has its statistics ({@code reused}: from the store). */
        void onSimulation(int done, int total, SimStats stats, boolean reused);
    }

    /**
     * The campaign's simulations: every planned one read from the store or run (and stored).
     *
     * @param stats     the statistics by file name
     * @param ran       simulations run now
     * @param reused    simulations read from the store
     * @param cancelled whether {@code cancel} stopped the campaign before the end
     * @param seconds   wall time
     */
    public record Campaign(Map<String, SimStats> stats, int ran, int reused, boolean cancelled, double seconds) {
        public Campaign { stats = Map.copyOf(stats); }
    }

    /** Runs (or resumes) a campaign in {@code store}; stops between simulations when {@code cancel} is set. */
    public static Campaign simulate(Settings s, Store store, Listener listener, AtomicBoolean cancel) throws IOException {
        long t0 = System.nanoTime();
        List<SimSpec> plan = plan(s);
        store.writeManifest(s.physics(), plan);
        Map<String, SimStats> stats = new LinkedHashMap<>();
        int ran = 0, reused = 0, done = 0;
        boolean cancelled = false;
        for (SimSpec spec : plan) {
            if (cancel.get()) {
                cancelled = true;
                break;
            }
            SimStats st = store.read(spec);
            boolean fromStore = st != null && st.has(s.marks());
            if (!fromStore) {
                st = runOne(s.physics(), s.marks(), spec, s.threads(), cancel);
                if (st == null) {
                    cancelled = true;
                    break;
                }
                store.write(st);
                ran++;
            } else {
                reused++;
            }
            stats.put(spec.fileName(), st);
            listener.onSimulation(++done, plan.size(), st, fromStore);
        }
        return new Campaign(stats, ran, reused, cancelled, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * A statistic's forecast, for 1 (Gpc/h)³.
     *
     * @param name           "P", "M" or "P+M"
     * @param marginalized   σ per parameter (order of {@link Parameter})
     * @param unmarginalized σ with the other parameters fixed
     * @param spread         bootstrap standard deviation of {@code marginalized} (NaN without bootstrap)
     * @param fisher         the Fisher matrix for 1 (Gpc/h)³
     * @param convergence    marginalised σ (1 (Gpc/h)³) with fewer simulations: covariance series, then derivative series
     */
    public record Forecast(String name, double[] marginalized, double[] unmarginalized, double[] spread, FisherMatrix fisher,
                           List<FisherForecast.ConvergencePoint> convergence) {
        public Forecast {
            marginalized = marginalized.clone();
            unmarginalized = unmarginalized.clone();
            spread = spread.clone();
            convergence = List.copyOf(convergence);
        }
    }

    /**
     * The forecasts.
     *
     * @param settings       the campaign
     * @param fiducialSims   fiducial simulations used
     * @param derivativeSims seeds per derivative used
     * @param k              the data vector's k bins
     * @param modes          modes per bin
     * @param forecasts      P, M, P+M
     * @param mean           fiducial mean of each statistic (P, then each mark), per bin
     * @param derivatives    [statistic][parameter][bin] derivatives of P, then each mark
     * @param sd             [statistic][bin] standard deviation over the fiducial simulations (the box's volume)
     * @param volumeFactor   σ(1 (Gpc/h)³) = σ(box) × this = √(V_box / 1 (Gpc/h)³)
     */
    public record Analysis(Settings settings, int fiducialSims, int derivativeSims, double[] k, long[] modes, List<Forecast> forecasts,
                           double[][] mean, double[][][] derivatives, double[][] sd, double volumeFactor) {
        public Analysis { forecasts = List.copyOf(forecasts); }

        /** The forecast of a statistic by name. */
        public Forecast forecast(String name) {
            return forecasts.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no statistic " + name));
        }

        /** σ_P/σ_M per parameter. */
        public double[] ratio() {
            double[] p = forecast("P").marginalized(), m = forecast("M").marginalized(), r = new double[p.length];
            for (int i = 0; i < r.length; i++) r[i] = p[i] / m[i];
            return r;
        }
    }

    /**
     * The Fisher forecasts from a campaign's statistics: every complete seed is used (a fiducial run counts when it
     * exists; a derivative seed when every set has it).
     *
     * @throws IllegalArgumentException if there are too few simulations (N_f ≤ data size + 2, or no complete seed)
     */
    public static Analysis analyse(Settings s, Map<String, SimStats> stats) {
        KBinning bins = s.binning();
        int nb = bins.bins();
        List<String> marks = new ArrayList<>();
        marks.add("");
        for (WhiteMark m : s.marks()) marks.add(m.toString());
        int blocks = marks.size();
        // fiducial: seeds 1, 2, … while present
        List<double[]> fid = new ArrayList<>();
        KBinning.Binned ref = null;
        for (int seed = 1; seed <= s.fiducialSims(); seed++) {
            SimStats st = stats.get(new SimSpec("fiducial", seed, Cosmology.QUIJOTE, 0).fileName());
            if (st == null) break;
            fid.add(vector(st, marks, bins));
            if (ref == null) ref = bins.apply(st.k(), st.spectrum(""), st.modes());
        }
        int size = nb * blocks;
        if (fid.size() <= size + 2) {
            throw new IllegalArgumentException("too few fiducial simulations for a covariance of P + M (" + size + " bins): "
                    + fid.size() + "; need more than " + (size + 2) + " (or fewer bins: --kmax, --bin-factor)");
        }
        // derivative seeds: 1, 2, … while every set (and the fiducial run of Mν's zero point) is present
        int nd = 0;
        seeds:
        for (int seed = 1; seed <= s.derivativeSims(); seed++) {
            if (seed > fid.size()) break;
            for (Parameter p : Parameter.values()) {
                for (int j = 0; j < p.stencil().size(); j++) {
                    if (!stats.containsKey(setName(p, j) + "-" + seed + ".json")) break seeds;
                }
            }
            nd = seed;
        }
        if (nd < 1) throw new IllegalArgumentException("no seed has every derivative simulation yet");
        List<FisherForecast.Parameter> params = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
            List<double[][]> points = new ArrayList<>();
            for (int j = 0; j < p.stencil().size(); j++) {
                double[][] rows = new double[nd][];
                for (int seed = 1; seed <= nd; seed++) rows[seed - 1] = vector(stats.get(setName(p, j) + "-" + seed + ".json"), marks, bins);
                points.add(rows);
            }
            params.add(new FisherForecast.Parameter(p.symbol(), p.stencil(), points));
        }
        FisherForecast ff = FisherForecast.of(fid.toArray(double[][]::new), params);
        double volumeFactor = Math.sqrt(s.physics().volumeGpc());
        double fisherScale = 1 / s.physics().volumeGpc();
        int[] pCols = FisherForecast.range(0, nb), mCols = FisherForecast.range(nb, size), all = FisherForecast.range(0, size);
        List<Forecast> forecasts = new ArrayList<>();
        double[] fractions = {0.25, 0.5, 0.75, 1};
        String[] names = {"P", "M", "P+M"};
        int[][] cols = {pCols, mCols, all};
        for (int i = 0; i < 3; i++) {
            FisherMatrix f = ff.fisher(cols[i]).scaled(fisherScale);
            double[] spread = s.bootstrap() >= 2 ? ff.bootstrap(cols[i], s.bootstrap(), 17) : new double[Parameter.values().length];
            if (s.bootstrap() < 2) java.util.Arrays.fill(spread, Double.NaN);
            for (int a = 0; a < spread.length; a++) spread[a] *= volumeFactor;
            List<FisherForecast.ConvergencePoint> conv = new ArrayList<>();
            for (FisherForecast.ConvergencePoint c : ff.convergence(cols[i], fractions)) {
                double[] m = c.marginalized();
                for (int a = 0; a < m.length; a++) m[a] *= volumeFactor;
                conv.add(new FisherForecast.ConvergencePoint(c.fiducialSims(), c.derivativeSims(), m));
            }
            forecasts.add(new Forecast(names[i], f.marginalized(), f.unmarginalized(), spread, f, conv));
        }
        double[][] mean = new double[blocks][];
        double[][][] deriv = new double[blocks][Parameter.values().length][];
        double[][] sd = new double[blocks][nb];
        for (int b = 0; b < blocks; b++) {
            int[] c = FisherForecast.range(b * nb, (b + 1) * nb);
            mean[b] = ff.mean(c);
            double[][] cov = ff.covariance(c, fid.size()).matrix();
            for (int i = 0; i < nb; i++) sd[b][i] = Math.sqrt(cov[i][i]);
            for (int a = 0; a < Parameter.values().length; a++) deriv[b][a] = ff.derivative(a, c, nd);
        }
        return new Analysis(s, fid.size(), nd, ref.k(), ref.modes(), forecasts, mean, deriv, sd, volumeFactor);
    }

    /** P then each mark's spectrum on the bins, concatenated. */
    private static double[] vector(SimStats st, List<String> marks, KBinning bins) {
        int nb = bins.bins();
        double[] v = new double[nb * marks.size()];
        for (int b = 0; b < marks.size(); b++) {
            double[] sp = st.spectrum(marks.get(b));
            if (sp == null) throw new IllegalArgumentException(st.spec().fileName() + " has no spectrum for mark '" + marks.get(b) + "'");
            System.arraycopy(bins.apply(st.k(), sp, st.modes()).values(), 0, v, b * nb, nb);
        }
        return v;
    }

    /** σ(Mν = 0.06 eV)/σ: the significance of the minimal neutrino mass. */
    public static double minimalMassSignificance(double sigmaMnu) { return 0.06 / sigmaMnu; }

    /** One-line summary of the settings. */
    public static String describe(Settings s) {
        Physics p = s.physics();
        return String.format(Locale.ROOT, "%d^3 particles, box %s Mpc/h, PM mesh %d^3, %d steps from z = %s; P(k) mesh %d^3; "
                        + "k <= %s h/Mpc in bins of %d k_F; marks %s", p.particles(), p.boxSize(), p.mesh(), p.steps(), p.startRedshift(),
                p.powerMesh(), s.kMax(), s.binFactor(), s.marks());
    }
}
