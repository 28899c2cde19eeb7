package org.distill.examples.lnn;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.neural.Trained;
import org.distill.neural.TrainingProgress;
import org.distill.neural.TrainingReport;
import org.distill.neural.lnn.AccelerationModel;
import org.distill.neural.lnn.DirectNetwork;
import org.distill.neural.lnn.LagrangianDistillation;
import org.distill.neural.lnn.LagrangianGraphNetwork;
import org.distill.neural.lnn.LagrangianNetwork;
import org.distill.neural.lnn.LnnConfig;
import org.distill.neural.lnn.LnnTrainer;
import org.distill.physics.lagrangian.BatchDynamics;
import org.distill.physics.lagrangian.DoublePendulum;
import org.distill.physics.lagrangian.MechanicalSystem;
import org.distill.physics.lagrangian.RelativisticParticle;
import org.distill.physics.lagrangian.Rollout;
import org.distill.physics.lagrangian.StateSamples;
import org.distill.physics.lagrangian.WaveChain;
import org.distill.symbolic.ProgressListener;
import org.distill.symbolic.SymbolicRegressor;

/**
 * Lagrangian neural networks end to end (Cranmer et al. 2020): sample states of a system with their true
 * accelerations, train a Lagrangian network and a same-size plain network on the L1 acceleration loss, roll both
 * out (RK4; the Lagrangian network with the exact Euler–Lagrange solve, without the training ridge) from 20
 * held-out initial states, and compare the true energy's relative error at the end. For the
 * relativistic particle, also compare accelerations beyond the training speeds and distil the learned Lagrangian
 * ({@link LagrangianDistillation}). For the wave chain the Lagrangian model is the {@link LagrangianGraphNetwork}.
 *
 * <pre>{@code
 * var o = LagrangianDynamics.run(LagrangianDynamics.Settings.defaults(LnnSystem.DOUBLE_PENDULUM).build(),
 *         LagrangianDynamics.Listener.NONE, new AtomicBoolean(), new AtomicBoolean());
 * System.out.println(o.driftModel() + " vs " + o.driftBaseline());
 * }</pre>
 */
public final class LagrangianDynamics {
    private LagrangianDynamics() { }

    /**
     * Everything a run depends on.
     *
     * @param system      the system
     * @param states      training states, in [16, 10⁷]
     * @param trainSpeed  relativistic only: training speeds |q̇| ≤ this, in (0, 1)
     * @param maxAngle    double pendulum only: initial angles in [−maxAngle, maxAngle], in (0, π]
     * @param speed       double pendulum only: initial angular velocities of standard deviation {@code speed}
     * @param epochs      training epochs of each model
     * @param hidden      units per hidden layer (both models)
     * @param layers      hidden layers (both models)
     * @param batch       states per optimiser step
     * @param learningRate peak learning rate of both models' one-cycle Adam, in (0, 1]
     * @param separable   the Lagrangian network as L = T(q̇) + U(q) ({@link LnnConfig#separable()}); not for the wave chain
     * @param seed        seeds data, initial weights, batch order, initial states and search
     * @param rollouts    held-out initial states rolled out, in [1, 10000]
     * @param duration    rollout length in time units, > 0
     * @param dt          rollout frame spacing and RK4 step, > 0
     * @param searchTime  symbolic-regression budget (relativistic only)
     * @param threads     search threads
     */
    public record Settings(LnnSystem system, int states, double trainSpeed, double maxAngle, double speed, int epochs, int hidden, int layers, int batch,
                           double learningRate, boolean separable, long seed, int rollouts, double duration, double dt, Duration searchTime, int threads) {
        public Settings {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(searchTime, "searchTime");
            if (states < 16 || states > 10_000_000) throw new IllegalArgumentException("states must be in [16, 10000000]: " + states);
            if (!(trainSpeed > 0 && trainSpeed < 1)) throw new IllegalArgumentException("trainSpeed must be in (0, 1): " + trainSpeed);
            if (rollouts < 1 || rollouts > 10_000) throw new IllegalArgumentException("rollouts must be in [1, 10000]: " + rollouts);
            if (!(duration > 0 && duration <= 1e6)) throw new IllegalArgumentException("duration must be in (0, 1e6]: " + duration);
            if (!(dt > 0 && dt <= duration)) throw new IllegalArgumentException("dt must be in (0, duration]: " + dt);
            if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be in [1, 1024]: " + threads);
            if (searchTime.isNegative() || searchTime.isZero())
                throw new IllegalArgumentException("searchTime must be positive: " + searchTime);
            config(epochs, hidden, layers, batch, learningRate, seed); // validates the network settings
            if (separable && system == LnnSystem.WAVE)
                throw new IllegalArgumentException("separable applies to the Lagrangian network, not the wave chain's graph network");
            new DoublePendulum(9.8, maxAngle, speed);    // validates the pendulum's distribution
        }

        private static LnnConfig config(int epochs, int hidden, int layers, int batch, double learningRate, long seed) {
            return LnnConfig.builder().epochs(epochs).hiddenSize(hidden).hiddenLayers(layers).batchSize(batch)
                    .learningRate(learningRate).seed(seed).build();
        }

        /** The Lagrangian network's configuration. */
        public LnnConfig network() { return config(epochs, hidden, layers, batch, learningRate, seed).toBuilder().separable(separable).build(); }

        /** The baseline's: the same, without gradient clipping. */
        public LnnConfig baselineNetwork() {
            return network().toBuilder().clipNorm(Double.POSITIVE_INFINITY).hessianPenalty(0).separable(false).build();
        }

        /**
         * The symbolic regression that distils the learned Lagrangian (relativistic only):
         * {@link LagrangianDistillation#regressor()} with this run's time, threads and seed.
         */
        public SymbolicRegressor regressor(ProgressListener listener) {
            return LagrangianDistillation.regressor().timeLimit(searchTime).threads(threads).seed(seed).listener(listener).build();
        }

        /** The true system. */
        public MechanicalSystem truth() {
            return switch (system) {
                case DOUBLE_PENDULUM -> new DoublePendulum(9.8, maxAngle, speed);
                case RELATIVISTIC -> new RelativisticParticle(1, trainSpeed);
                case WAVE -> WaveChain.of();
            };
        }

        /** The distribution of the held-out initial states: the training one, but slow particles for the relativistic case. */
        public MechanicalSystem initialStates() {
            return system == LnnSystem.RELATIVISTIC ? new RelativisticParticle(1, 0.3) : truth();
        }

        /** Frames of a rollout, the initial one included. */
        public int frames() { return (int) Math.round(duration / dt) + 1; }

        /** The defaults of {@code system}. */
        public static Builder defaults(LnnSystem system) {
            var b = new Builder();
            b.system = Objects.requireNonNull(system, "system");
            switch (system) {
                case DOUBLE_PENDULUM -> { b.states = 6000; b.epochs = 150; b.hidden = 64; b.layers = 3; b.batch = 64; b.learningRate = 3e-3;
                    b.duration = 30; b.dt = 0.01; }
                case RELATIVISTIC -> { b.states = 2000; b.epochs = 300; b.hidden = 64; b.layers = 3; b.learningRate = 1e-2; b.separable = true;
                    b.duration = 10; b.dt = 0.01; }
                case WAVE -> { b.states = 3000; b.epochs = 40; b.hidden = 32; b.layers = 3; b.batch = 32; b.learningRate = 1e-3; b.duration = 2; b.dt = 0.01; }
            }
            return b;
        }

        /** Builds {@link Settings}; start from {@link #defaults}. */
        public static final class Builder {
            private LnnSystem system;
            private int states, epochs, hidden, layers, batch = 128, rollouts = 20;
            private double trainSpeed = 0.8, maxAngle = Math.PI / 4, speed = 0.5, duration, dt, learningRate;
            private long seed = 0;
            private boolean separable;
            private Duration searchTime = Duration.ofSeconds(60);
            private int threads = Runtime.getRuntime().availableProcessors();

            private Builder() { }

            public Builder states(int v) { states = v; return this; }
            public Builder trainSpeed(double v) { trainSpeed = v; return this; }
            public Builder maxAngle(double v) { maxAngle = v; return this; }
            public Builder speed(double v) { speed = v; return this; }
            public Builder epochs(int v) { epochs = v; return this; }
            public Builder hidden(int v) { hidden = v; return this; }
            public Builder layers(int v) { layers = v; return this; }
            public Builder batch(int v) { batch = v; return this; }
            public Builder learningRate(double v) { learningRate = v; return this; }
            public Builder separable(boolean v) { separable = v; return this; }
            public Builder seed(long v) { seed = v; return this; }
            public Builder rollouts(int v) { rollouts = v; return this; }
            public Builder duration(double v) { duration = v; return this; }
            public Builder dt(double v) { dt = v; return this; }
            public Builder searchTime(Duration v) { searchTime = v; return this; }
            public Builder threads(int v) { threads = v; return this; }

            public Settings build() {
                return new Settings(system, states, trainSpeed, maxAngle, speed, epochs, hidden, layers, batch, learningRate, separable, seed, rollouts, duration, dt,
                        searchTime, threads);
            }
        }
    }

    /** Progress of a run; every method does nothing unless overridden. */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** Training of {@code model} ({@code lnn} or {@code baseline}) starts. */
        default void onTraining(String model, int states, long steps) { }

        default void onEpoch(String model, TrainingProgress progress) { }

        default void onTrained(TrainingReport report) { }

        /** Rolling out {@code model} ({@code truth}, {@code lnn} or {@code baseline}). */
        default void onRollout(String model) { }

        /** Receives the symbolic regression's progress. */
        default ProgressListener search() { return ProgressListener.NONE; }
    }

    /**
     * Relative energy errors at the end of the rollouts of one model.
     *
     * @param mean   mean over the trajectories whose final energy is finite
     * @param broken trajectories that left the system's domain (no finite energy, e.g. a speed ≥ 1)
     * @param each   per trajectory (NaN where broken)
     */
    public record Drift(double mean, int broken, double[] each) {
        static Drift of(Rollout r, MechanicalSystem system) {
            double[] e = r.relativeEnergyErrors(system);
            double sum = 0;
            int n = 0, broken = 0;
            for (double v : e) {
                if (Double.isFinite(v)) { sum += v; n++; } else broken++;
            }
            return new Drift(n == 0 ? Double.NaN : sum / n, broken, e);
        }
    }

    /**
     * One dynamics of the comparison.
     *
     * @param training      how it trained (null for the true system and the distilled formula)
     * @param testLoss      L1 acceleration loss on held-out states (NaN where it was not trained)
     * @param rollout       its rollouts from the held-out initial states (the true system's are exact:
     *                      Dormand–Prince 8(5,3), tolerance 1e-10)
     * @param drift         its energy error at the end of the rollouts (for the true system: its own RK4 rollout
     *                      at the same step, the integrator's floor)
     * @param accelerations relativistic only: its q̈ at the outcome's {@code speeds} (else empty)
     */
    public record Dynamics(TrainingReport training, double testLoss, Rollout rollout, Drift drift, double[] accelerations) { }

    /**
     * What a run found.
     *
     * @param settings      the settings
     * @param lnn           the Lagrangian network (rolled out with the exact Hessian solve)
     * @param lnnRidgeDrift its energy error when rolled out with the training ridge instead of the exact solve
     * @param baseline      the plain network that predicts q̈
     * @param truth         the true system
     * @param speeds        relativistic only: the speeds of the acceleration comparison (else empty)
     * @param distillation  relativistic only: the learned Lagrangian against the true one, and its formula; else null
     * @param formula       relativistic only: the dynamics of the distilled formula (its Euler–Lagrange q̈), rolled out
     *                      from the same initial states; null without a formula
     * @param seconds       wall time
     */
    public record Outcome(Settings settings, Dynamics lnn, Drift lnnRidgeDrift, Dynamics baseline, Dynamics truth,
                          double[] speeds, LagrangianDistillation.Result distillation, Dynamics formula, double seconds) {
        /** Mean of {@code |â − a|/|a|} over the compared speeds with |v| ≤ {@code trainSpeed} (inside) or above (outside). */
        public double accelError(double[] predicted, boolean inside) {
            return inside ? accelError(predicted, -1, settings.trainSpeed()) : accelError(predicted, settings.trainSpeed(), 1);
        }

        /** Mean of {@code |â − a|/|a|} over the compared speeds with {@code from < |v| ≤ to}; NaN where there are none. */
        public double accelError(double[] predicted, double from, double to) {
            double[] accelTruth = truth.accelerations();
            double sum = 0;
            int n = 0;
            for (int i = 0; i < speeds.length; i++) {
                double v = Math.abs(speeds[i]);
                if (!(v > from && v <= to)) continue;
                double e = Math.abs(predicted[i] - accelTruth[i]) / Math.abs(accelTruth[i]);
                sum += Double.isFinite(e) ? e : Double.POSITIVE_INFINITY;
                n++;
            }
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    /**
     * Runs the example.
     *
     * @param stopTraining ends the training of the current model early (the run goes on with what was learned)
     * @param stopSearch   ends the rollouts (keeping the frames so far) and the symbolic regression early
     */
    public static Outcome run(Settings s, Listener listener, AtomicBoolean stopTraining, AtomicBoolean stopSearch) {
        Objects.requireNonNull(s, "settings");
        long start = System.nanoTime();
        MechanicalSystem system = s.truth();
        StateSamples train = switch (s.system()) {
            case DOUBLE_PENDULUM -> StateSamples.trajectories(system, Math.max(1, s.states() / 50), 10, 50, s.seed());
            case WAVE -> StateSamples.trajectories(system, Math.max(1, s.states() / 50), 2, 50, s.seed());
            case RELATIVISTIC -> StateSamples.random(system, s.states(), s.seed());
        };
        StateSamples test = StateSamples.random(system, 2000, s.seed() + 1);
        LnnConfig config = s.network();
        long steps = (long) config.epochs() * ((train.rows() + config.batchSize() - 1) / config.batchSize());

        LnnTrainer<AccelerationModel> lnnTrainer = s.system() == LnnSystem.WAVE
                ? LnnTrainer.of(config, (sites, c) -> LagrangianGraphNetwork.of(sites, ((WaveChain) system).dx(), c))
                : LnnTrainer.of(config, LagrangianNetwork::of);
        try (Trained<AccelerationModel> trainedLnn = train(lnnTrainer, s.system() == LnnSystem.WAVE ? "lgn" : "lnn", train,
                steps, listener, stopTraining)) {
            stopTraining.set(false);
            // the baseline has no Hessian to invert and trains best unclipped
            try (Trained<DirectNetwork> trainedBase = train(LnnTrainer.of(s.baselineNetwork(), DirectNetwork::of), "baseline",
                    train, steps, listener, stopTraining)) {
                return evaluate(s, listener, stopSearch, start, system, test, trainedLnn, trainedBase);
            }
        }
    }

    private static Outcome evaluate(Settings s, Listener listener, AtomicBoolean stopSearch, long start, MechanicalSystem system,
                                    StateSamples test, Trained<AccelerationModel> trainedLnn, Trained<DirectNetwork> trainedBase) {
        AccelerationModel lnn = trainedLnn.model();
        DirectNetwork base = trainedBase.model();
        TrainingReport lnnReport = trainedLnn.report(), baseReport = trainedBase.report();

        double[][] init = StateSamples.initialStates(s.initialStates(), s.rollouts(), s.seed() + 2);
        listener.onRollout("truth");
        Rollout exact = Rollout.exact(system, init[0], init[1], s.dt(), s.frames(), 1e-10);
        Rollout floor = Rollout.rk4(system, system.dof(), init[0], init[1], s.dt(), 1, s.frames(), () -> false);
        listener.onRollout("lnn");
        Rollout modelRollout = Rollout.rk4(wrapped(lnn.exact(), system), system.dof(), init[0], init[1], s.dt(), 1, s.frames(),
                stopSearch::get);
        listener.onRollout("lnn with its training ridge");
        Rollout ridgeRollout = Rollout.rk4(wrapped(lnn, system), system.dof(), init[0], init[1], s.dt(), 1, s.frames(),
                stopSearch::get);
        listener.onRollout("baseline");
        Rollout baseRollout = Rollout.rk4(wrapped(base, system), system.dof(), init[0], init[1], s.dt(), 1, s.frames(),
                stopSearch::get);

        double[] speeds = new double[0], at = new double[0], am = new double[0], ab = new double[0], af = new double[0];
        LagrangianDistillation.Result distillation = null;
        Rollout formulaRollout = null;
        if (s.system() == LnnSystem.RELATIVISTIC) {
            int points = 199;
            speeds = new double[points];
            double[] q = new double[points];
            var random = new SplittableRandom(s.seed() + 3);
            for (int i = 0; i < points; i++) {
                speeds[i] = -0.99 + 1.98 * i / (points - 1);
                q[i] = random.nextDouble(-1, 1);
            }
            at = new double[points];
            am = new double[points];
            ab = new double[points];
            system.accelerations(q, speeds, points, at);
            lnn.accelerations(q, speeds, points, am);
            base.accelerations(q, speeds, points, ab);
            // the learned Lagrangian on the training distribution
            StateSamples sample = StateSamples.random(system, 1000, s.seed() + 4);
            distillation = LagrangianDistillation.run((LagrangianNetwork) lnn, system, sample.q(), sample.qd(),
                    s.regressor(listener.search()), stopSearch);
            if (distillation.equation() != null) {
                var formula = distillation.equation();
                af = LagrangianDistillation.accelerations(formula, 1, q, speeds);
                listener.onRollout("distilled formula");
                formulaRollout = Rollout.rk4((qs, vs, rows, out) ->
                                System.arraycopy(LagrangianDistillation.accelerations(formula, 1, java.util.Arrays.copyOf(qs, rows),
                                        java.util.Arrays.copyOf(vs, rows)), 0, out, 0, rows),
                        1, init[0], init[1], s.dt(), 1, s.frames(), () -> false);
            }
        }
        Dynamics formula = formulaRollout == null ? null
                : new Dynamics(null, Double.NaN, formulaRollout, Drift.of(formulaRollout, system), af);
        return new Outcome(s,
                new Dynamics(lnnReport, LnnTrainer.loss(lnn, test), modelRollout, Drift.of(modelRollout, system), am),
                Drift.of(ridgeRollout, system),
                new Dynamics(baseReport, LnnTrainer.loss(base, test), baseRollout, Drift.of(baseRollout, system), ab),
                new Dynamics(null, Double.NaN, exact, Drift.of(floor, system), at),
                speeds, distillation, formula, (System.nanoTime() - start) / 1e9);
    }

    private static <M extends AccelerationModel> Trained<M> train(LnnTrainer<M> trainer, String name, StateSamples data,
                                                                 long steps, Listener listener, AtomicBoolean stop) {
        listener.onTraining(name, data.rows(), steps);
        Trained<M> trained = trainer.train(data, p -> listener.onEpoch(name, p), stop);
        listener.onTrained(trained.report());
        return trained;
    }

    /** The model seeing angular coordinates wrapped into [−π, π), as in training. */
    static BatchDynamics wrapped(BatchDynamics model, MechanicalSystem system) {
        return (q, qd, rows, out) -> {
            double[] w = q.clone();
            system.wrap(w);
            model.accelerations(w, qd, rows, out);
        };
    }
}
