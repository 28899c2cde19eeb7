package org.distill.examples.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.distill.examples.dm2gal.DarkMatterToGalaxies;
import org.distill.examples.dm2gal.DarkMatterToGalaxies.Metrics;
import org.distill.examples.unetnu.UnetNeutrinos;
import org.distill.neural.TrainingReport;

/** What the 3-D CNN examples write with {@code --json} (snake-case field names, see {@link JsonReports}). */
final class CnnReports {
    private CnnReports() { }

    /** {@code distill example dm2gal}: the fields first ({@code f1}, {@code pk_ratio}, {@code hod}, {@code train_minutes}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Dm2galReport(F1 f1, PkRatio pkRatio, HodMetrics hod, double trainMinutes, ModelMetrics cascade, ModelMetrics oneStage,
                        CrossCorrelation r, long truthGalaxies, int testHalos, double occupiedFraction, double[] thresholds,
                        List<Training> training, List<Double> rssMb, double boxSize, int particles, int pmSteps, int voxels,
                        int trainBoxes, double assemblyBias, String network, long seed, double simulationSeconds, double seconds) {
        static Dm2galReport of(DarkMatterToGalaxies.Outcome o) {
            var s = o.settings();
            var z = o.fitted();
            return new Dm2galReport(new F1(o.cascade().f1(), o.oneStage().f1()),
                    new PkRatio(o.k(), o.cascade().pkRatio(), o.oneStage().pkRatio(), o.hod().pkRatio()),
                    new HodMetrics(o.hod().precision(), o.hod().recall(), o.hod().f1(), o.hod().galaxies(), o.hod().countError(),
                            o.hod().pkError(), z.logMmin(), z.sigma(), z.logM0(), z.logM1(), z.alpha()),
                    o.trainMinutes(), ModelMetrics.of(o.cascade()), ModelMetrics.of(o.oneStage()),
                    new CrossCorrelation(o.k(), o.cascade().r(), o.oneStage().r(), o.hod().r()), o.truthGalaxies(), o.testHalos(),
                    o.occupiedFraction(), o.thresholds(), o.reports().stream().map(Training::of).toList(), o.rssMb(), s.boxSize(),
                    s.particles(), s.pmSteps(), s.voxels(), s.trainBoxes(), s.assemblyBias(), s.network().toString(), s.seed(),
                    o.simulationSeconds(), o.seconds());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record F1(double cascade, double oneStage) { }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PkRatio(double[] k, double[] cascade, double[] oneStage, double[] hod) { }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CrossCorrelation(double[] k, double[] cascade, double[] oneStage, double[] hod) { }

    /** The HOD's metrics beside F1 and P(k), and its fitted parameters. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HodMetrics(double precision, double recall, double f1, long galaxies, double countError, double pkErrorBelow05,
                      double logMmin, double sigma, double logM0, double logM1, double alpha) { }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelMetrics(double precision, double recall, double f1, long galaxies, double countError, double pkErrorBelow05) {
        static ModelMetrics of(Metrics m) {
            return new ModelMetrics(m.precision(), m.recall(), m.f1(), m.galaxies(), m.countError(), m.pkError());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Training(String model, long steps, List<Double> epochLosses, double finalLoss, double seconds) {
        static Training of(TrainingReport r) {
            return new Training(r.model(), r.steps(), r.epochLosses(), r.finalLoss(), r.wallTime().toNanos() / 1e9);
        }
    }

    /** {@code distill example unet-nu}: the fields first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UnetNuReport(double[] pkRatioPred, double[] pkRatioInput, double[] k, double[] r, double speedup, double[] rInput,
                        double predError, double inputError, double predErrorUncorrected, Pdf pdf, double pmSeconds, double unetSeconds, Training training,
                        List<Double> rssMb, double boxSize, int particles, int pmSteps, int mesh, int trainPairs, double mnu,
                        String network, long seed, double seconds) {
        static UnetNuReport of(UnetNeutrinos.Outcome o) {
            var s = o.settings();
            return new UnetNuReport(o.pkRatioPred(), o.pkRatioInput(), o.k(), o.r(), o.speedup(), o.rInput(), o.predError(),
                    o.inputError(), o.rawError(), new Pdf(o.pdfBins(), o.pdfTarget(), o.pdfPred(), o.pdfInput()), o.pmSeconds(), o.unetSeconds(),
                    Training.of(o.training()), o.rssMb(), s.boxSize(), s.particles(), s.pmSteps(), s.mesh(), s.trainPairs(), s.mnu(),
                    s.network().toString(), s.seed(), o.seconds());
        }
    }

    /** Densities of log10(1 + δ) at the bin centres. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Pdf(double[] log1pDelta, double[] target, double[] prediction, double[] input) { }
}
