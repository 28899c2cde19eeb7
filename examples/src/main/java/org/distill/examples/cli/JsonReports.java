package org.distill.examples.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distill.examples.hgn.HamiltonianGn;
import org.distill.examples.lnn.LagrangianDynamics;
import org.distill.examples.lnn.LnnResults;
import org.distill.examples.newton.NewtonGn;
import org.distill.examples.streams.Streams;
import org.distill.neural.analysis.ComponentFit;
import org.distill.neural.analysis.Distillation;
import org.distill.neural.classify.Metric;
import org.distill.neural.classify.MetricSummary;
import org.distill.neural.hgn.PairDistillation;
import org.distill.neural.lnn.LagrangianDistillation;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.Provenance;
import org.distill.symbolic.Selection;

/**
 * What the commands write with {@code --json}, one record per file (see {@link JsonFile}): the components are the
 * JSON fields, in order; the example commands' names are in snake case ({@code testLoss} is {@code "test_loss"}).
 * Null fields are written as null; nothing is left out unless a comment says so.
 */
final class JsonReports {
    private JsonReports() { }

    private static double secondsOf(java.time.Duration d) { return d.toNanos() / 1e9; }

    /** {@code distill discover}. */
    record DiscoverReport(List<String> variables, String target, long seed, long evaluations, List<DiscoverEquation> front,
                    DiscoverEquation best, DiscoverProvenance provenance) {
        static DiscoverReport of(ParetoFront front, Equation chosen, Dataset data, Selection selection, Path file) {
            Provenance p = front.provenance();
            return new DiscoverReport(data.variables(), data.target(), p.seed(), p.evaluations(),
                    front.equations().stream().map(DiscoverEquation::of).toList(), chosen == null ? null : DiscoverEquation.of(chosen),
                    new DiscoverProvenance(file.toString(), p.rows(), p.variables(), p.target(),
                            selection.name().toLowerCase(Locale.ROOT), p.options(), p.seed(), p.threads(), p.generations(),
                            p.evaluations(), secondsOf(p.wallTime()), p.stopReason(), p.versions(),
                            p.settings() == null ? null : p.settings().describe()));
        }
    }

    /**
     * An equation of the front of {@code distill discover}; {@code validationLoss} is the loss on rows its constants
     * were not fitted on (null when not measured).
     */
    record DiscoverEquation(int complexity, double loss, Double validationLoss, double score, String equation, String latex,
                            String sympy) {
        static DiscoverEquation of(Equation e) {
            return new DiscoverEquation(e.complexity(), e.loss(), e.validated() && Double.isFinite(e.validationLoss())
                    ? e.validationLoss() : null, e.score(), e.toString(), e.latex(), e.sympy());
        }
    }

    /**
     * How the front of {@code distill discover} was made; {@code options} is the search's settings in one line,
     * {@code settings} every setting by name ({@code SymbolicRegressor.Options.describe()}).
     */
    record DiscoverProvenance(String file, int rows, List<String> variables, String target, String selection, String options,
                              long seed, int threads, long generations, long evaluations, double wallTimeSeconds,
                              String stopReason, String versions, java.util.Map<String, Object> settings) { }

    /** {@code distill example newton-gn}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewtonGnReport(String law, String variant, double testLoss, List<Double> messageR2, List<Double> messageR2Untrimmed,
                          String basis, double trim, String shape, String searchedFormula, String formula, String latex,
                          List<String> variables, Double formR2, boolean formMatches, boolean formExact, String lawFormula,
                          String receiverFactor, boolean formExactUpToReceiver, int component, Integer complexity, List<MessageFit> messageFits,
                          double radialSlope, List<ProfileBin> radialProfile, NodeSpread nodeResponse, double zeroLoss,
                          int dim, int bodies, int simulations, int trainGraphs, int testGraphs, int hidden, String edgeInput, String nodeInput, double lossFloor,
                          boolean weightedPenalty, double regularization, int restarts, double[] validationLosses,
                          int chosenRestart, int epochs, long steps, boolean stoppedEarly, double trainingSeconds,
                          double searchTime, int searchEdges, double closest, boolean relativeSearch, long seed, double seconds, String versions) {
        static NewtonGnReport of(NewtonGn.Outcome o) {
            NewtonGn.Settings s = o.settings();
            Distillation.Result d = o.distillation();
            return new NewtonGnReport(s.law().label(), NewtonGnCommand.label(s.variant()), d.testLoss(), d.messageR2(),
                    d.untrimmedR2(), d.basis().label(), d.trim(), d.shape().label(),
                    d.searched() == null ? null : d.searched().toString(), d.formula(), d.latex(), d.variables(),
                    d.form() == null ? null : d.form().r2(), d.form() != null && d.form().matches(), d.formExact(),
                    d.lawFormula(), d.receiverFactor(), d.formExactUpToReceiver(), d.component(),
                    d.equation() == null ? null : d.equation().complexity(), d.fits().stream().map(MessageFit::of).toList(),
                    d.profile().slope(), d.profile().bins().stream().map(ProfileBin::of).toList(),
                    d.nodeResponse() == null ? null : NodeSpread.of(d.nodeResponse()), o.zeroLoss(),
                    s.dim(), s.bodies(), s.simulations(), o.trainGraphs(), o.testGraphs(), s.hidden(), s.features().label(), s.nodeInput().label(), s.lossFloor(),
                    s.weightedPenalty(), s.network().regularization(), s.restarts(), o.validationLosses(),
                    o.chosenRestart(), s.epochs(), o.training().steps(), o.stoppedEarly(),
                    secondsOf(o.training().wallTime()), secondsOf(s.searchTime()), d.searchEdges(), s.closest(), s.relative(), s.seed(), o.seconds(),
                    o.training().versions());
        }
    }

    /** Whether the node model undoes the formula's receiver factor ({@link org.distill.neural.analysis.NodeResponse}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NodeSpread(Double spread, Double spreadStrict, int nodes) {
        static NodeSpread of(org.distill.neural.analysis.NodeResponse r) {
            return new NodeSpread(finite(r.spread()), finite(r.spreadStrict()), r.nodes());
        }

        private static Double finite(double v) { return Double.isFinite(v) ? v : null; }
    }

    /** One bin of the strongest message's {@link org.distill.neural.analysis.RadialProfile}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProfileBin(double rLow, double rHigh, int edges, double amplitude, double correlation) {
        static ProfileBin of(org.distill.neural.analysis.RadialProfile.Bin b) {
            return new ProfileBin(b.rLow(), b.rHigh(), b.edges(), b.amplitude(), b.correlation());
        }
    }

    /** A message component as a linear combination of the true force. */
    record MessageFit(int component, double std, double intercept, double[] coefficients, double r2) {
        static MessageFit of(ComponentFit f) { return new MessageFit(f.component(), f.std(), f.intercept(), f.coefficients(), f.r2()); }
    }

    /** {@code distill example lnn}; the fields of {@link LnnDistilled} only for the relativistic particle. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LnnReport(String system, double energyDriftModel, double energyDriftBaseline, double energyDriftTruth,
                   double energyDriftModelRidge, int brokenModel, int brokenBaseline, double[] energyDriftTimes,
                   double[] energyDriftModelOverTime, double[] energyDriftBaselineOverTime, double[] energyDriftModelEach,
                   double[] energyDriftBaselineEach, String formula, String latex, @JsonUnwrapped LnnDistilled distilled,
                   double testLossModel, double testLossBaseline, int trainStates, int epochs, int hidden, int layers, int batch,
                   double learningRate, boolean separable, long stepsModel, long stepsBaseline, double trainingSecondsModel,
                   double trainingSecondsBaseline, int rollouts, double duration, double dt, long seed, double seconds) {
        static LnnReport of(LagrangianDynamics.Outcome o) {
            var s = o.settings();
            LagrangianDistillation.Result d = o.distillation();
            double[] times = LnnResults.checkpoints(s.duration());
            return new LnnReport(s.system().label(), o.lnn().drift().mean(), o.baseline().drift().mean(), o.truth().drift().mean(),
                    o.lnnRidgeDrift().mean(), o.lnn().drift().broken(), o.baseline().drift().broken(), times,
                    LnnResults.driftAt(o.lnn().rollout(), s.truth(), times, s.dt()),
                    LnnResults.driftAt(o.baseline().rollout(), s.truth(), times, s.dt()), o.lnn().drift().each(),
                    o.baseline().drift().each(), d == null ? null : d.formula(), d == null ? null : d.latex(),
                    d == null ? null : LnnDistilled.of(o, d), o.lnn().testLoss(), o.baseline().testLoss(), o.lnn().training().rows(),
                    s.epochs(), s.hidden(), s.layers(), s.batch(), s.learningRate(), s.separable(), o.lnn().training().steps(),
                    o.baseline().training().steps(), secondsOf(o.lnn().training().wallTime()), secondsOf(o.baseline().training().wallTime()), s.rollouts(),
                    s.duration(), s.dt(), s.seed(), o.seconds());
        }
    }

    /** The learned Lagrangian of {@code distill example lnn} against the true one, and its formula's accelerations. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LnnDistilled(List<String> variables, double lagrangianScale, double lagrangianOffset, double lagrangianR2,
                        double lagrangianVelocityTerm, double lagrangianGaugeR2, Double formulaR2, Double formulaGaugeR2,
                        Double accelErrorInsideFormula, Double accelErrorOutsideFormula, Double energyDriftFormula,
                        Integer brokenFormula, double accelErrorInsideModel, double accelErrorInsideBaseline,
                        double accelErrorOutsideModel, double accelErrorOutsideBaseline, double trainSpeed,
                        List<AccelBand> accelErrorBands) {
        static LnnDistilled of(LagrangianDynamics.Outcome o, LagrangianDistillation.Result d) {
            boolean formula = d.equation() != null;
            return new LnnDistilled(d.variables(), d.truthFit().a(), d.truthFit().b(), d.truthFit().r2(), d.gaugeFit().c()[0],
                    d.gaugeFit().r2(), d.formFit() == null ? null : d.formFit().r2(),
                    d.formGaugeFit() == null ? null : d.formGaugeFit().r2(),
                    formula ? o.accelError(o.formula().accelerations(), true) : null, formula ? o.accelError(o.formula().accelerations(), false) : null,
                    o.formula() == null ? null : o.formula().drift().mean(),
                    o.formula() == null ? null : o.formula().drift().broken(), o.accelError(o.lnn().accelerations(), true),
                    o.accelError(o.baseline().accelerations(), true), o.accelError(o.lnn().accelerations(), false),
                    o.accelError(o.baseline().accelerations(), false), o.settings().trainSpeed(),
                    java.util.Arrays.stream(LnnResults.bands(o.settings().trainSpeed())).map(b -> AccelBand.of(o, b)).toList());
        }
    }

    /** Acceleration errors in one speed band {@code from < |v| <= to}; {@code formula} null without a formula. */
    record AccelBand(double from, double to, double model, double baseline, Double formula) {
        static AccelBand of(LagrangianDynamics.Outcome o, double[] band) {
            return new AccelBand(Math.max(0, band[0]), band[1], o.accelError(o.lnn().accelerations(), band[0], band[1]),
                    o.accelError(o.baseline().accelerations(), band[0], band[1]),
                    o.formula() == null ? null : o.accelError(o.formula().accelerations(), band[0], band[1]));
        }
    }

    /** {@code distill example hgn}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HgnReport(String law, double testLoss, double zeroLoss, double referenceR, double pairScale, double pairOffset,
                     double pairR2, double pairR2Untrimmed, double pairForceScale, double pairForceR2,
                     double pairForceR2Untrimmed, double pairForceRelativeError, String formula, String latex, String selection,
                     Double formulaR2, Double formulaForceR2, Double formulaForceR2Untrimmed, Double formulaRelativeError,
                     Double formulaForceRelativeError, boolean formMatches, int searchPairs, List<HgnEquation> front,
                     List<String> variables, int simulations, int epochs, int hidden, long steps, double trainingSeconds,
                     long seed, double seconds) {
        static HgnReport of(HamiltonianGn.Outcome o) {
            var s = o.settings();
            PairDistillation.Result p = o.pair();
            PairDistillation.Fit form = p.formFit(), formForce = p.formForceFit();
            return new HgnReport(s.law().label(), o.testLoss(), o.zeroLoss(), p.reference(), p.valueFit().a(), p.valueFit().b(),
                    p.valueFit().r2(), p.valueFit().plainR2(), p.forceFit().a(), p.forceFit().r2(), p.forceFit().plainR2(),
                    p.forceFit().relativeError(), p.formula(), p.latex(), s.selection().name().toLowerCase(Locale.ROOT),
                    form == null ? null : form.r2(), formForce == null ? null : formForce.r2(),
                    formForce == null ? null : formForce.plainR2(), form == null ? null : form.relativeError(),
                    formForce == null ? null : formForce.relativeError(), p.matches(), p.searchRows(),
                    p.front().equations().stream().map(e -> new HgnEquation(e.complexity(), e.loss(), e.toString())).toList(),
                    List.of("r", "m1", "m2"), s.simulations(), s.epochs(), s.hidden(), o.training().steps(),
                    secondsOf(o.training().wallTime()), s.seed(), o.seconds());
        }
    }

    /** An equation of the pair term's front. */
    record HgnEquation(int complexity, double loss, String formula) { }

    /** {@code distill example streams}: {@code methods} by name, {@code deep_sets_by_support} by support size. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StreamsReport(Map<String, Map<String, Object>> methods, Map<String, Map<String, Object>> deepSetsBySupport,
                         int testTasks, int support, double meanMembers, double meanStars, double fieldRatio, int trainTasks,
                         int validationTasks, boolean modelLoaded, long steps, boolean stoppedEarly, int epochs, int hidden,
                         int trees, int rounds, int fineTuneSteps, double validationMcc, double threshold,
                         double forestThreshold, double trainingSeconds, long seed, double seconds, String versions) {
        static StreamsReport of(Streams.Outcome o) {
            Streams.Settings s = o.settings();
            Map<String, Map<String, Object>> methods = new LinkedHashMap<>(), sweep = new LinkedHashMap<>();
            for (Streams.MethodResult r : o.methods()) methods.put(r.name(), summary(r.summary(), r.seconds()));
            for (var e : o.sweep().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList())
                sweep.put(Integer.toString(e.getKey()), summary(e.getValue(), null));
            var t = o.training();
            return new StreamsReport(methods, sweep, s.testTasks(), s.support(), o.members(), o.stars(), s.fieldRatio(), t.tasks(),
                    t.validationTasks(), o.loaded(), t.steps(), o.stopped(), s.epochs(), s.hidden(), s.trees(), s.rounds(),
                    s.fineTuneSteps(), t.validationMcc(), o.threshold(), o.forestThreshold(), secondsOf(t.wallTime()), s.seed(),
                    o.seconds(), t.versions());
        }

        /** {@code tasks}, each metric's mean and {@code _std}, and {@code seconds} when given. */
        private static Map<String, Object> summary(MetricSummary s, Double seconds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tasks", s.tasks());
            for (Metric metric : Metric.values()) {
                m.put(metric.label(), s.mean(metric));
                m.put(metric.label() + "_std", s.std(metric));
            }
            if (seconds != null) m.put("seconds", seconds);
            return m;
        }
    }
}
