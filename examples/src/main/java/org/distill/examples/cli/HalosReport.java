package org.distill.examples.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.distill.examples.halos.HaloOverdensity;

/**
 * The {@code --json} file of {@code distill example halos}: the fields the issue asks for first (errors are mean
 * |δ − δ̂| on the test halos, δ standardised by the training halos), then what else the run found.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record HalosReport(double gnError, String formula, String latex, double formulaError, Baselines baselines,
                   double oodFormulaError, double oodGnError, int halosTrain, int halosTest, int halosValidation, int halosOod,
                   int edges, double gnValidationError, int strongest, double[] messageStd, String messageFormula,
                   String nodeFormula, String handMade, String paperForm, double deltaMean, double deltaStd,
                   double trainingSeconds, long seed) {
    /** The baselines' test errors. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Baselines(double constant, double handMade, double paperForm) { }

    static HalosReport of(HaloOverdensity.Outcome o, long seed) {
        return new HalosReport(o.gnError(), o.formula(), o.latex(), o.formulaError(),
                new Baselines(o.constantError(), o.handMadeError(), o.paperFormError()), o.oodFormulaError(), o.oodGnError(),
                o.halosTrain(), o.halosTest(), o.halosValidation(), o.halosOod(), o.edges(), o.gnValidationError(), o.strongest(),
                o.messageStd(), o.messageFormula(), o.nodeFormula(), o.handMade(), o.paperForm(), o.standardisation().mean(),
                o.standardisation().std(), o.trainingSeconds(), seed);
    }
}
