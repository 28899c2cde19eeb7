package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.dm2gal.CnnPlots;
import org.distill.examples.unetnu.UnetNeutrinos;
import org.distill.neural.cnn.VoxelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example unet-nu}: a 3-D U-Net from ΛCDM to massive-neutrino density fields ({@link UnetNeutrinos});
 * prints P(k) ratios, r(k), the speed-up over the PM run; writes plots and, if asked, JSON.
 */
@Command(name = "unet-nu",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Runs pairs of particle-mesh boxes (cached) with the same seed and A_s, Mnu = 0 and Mnu = 0.15 eV, and "
                + "trains a residual 3-D U-Net on sub-volumes to turn the Mnu = 0 density field into the massive-neutrino one "
                + "(Giusarma et al. 2019); evaluates on a whole test pair never seen.",
        footer = {"",
                "Metrics for k < 0.7 h/Mpc: P(k) of prediction and of input over the target's, cross-correlation r(k); the "
                        + "density PDF; the speed-up of the U-Net over the PM run. See docs/CNN3D.md.",
                "",
                "Examples:",
                "  distill example unet-nu --json unet-nu.json",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class UnetNuCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--box", paramLabel = "MPC", defaultValue = "128", description = "Box side, Mpc/h (default: ${DEFAULT-VALUE}).")
    double box;
    @Option(names = "--particles", paramLabel = "N", defaultValue = "64", description = "Particles per side (default: ${DEFAULT-VALUE}).")
    int particles;
    @Option(names = "--pm-steps", paramLabel = "N", defaultValue = "20", description = "Particle-mesh steps (default: ${DEFAULT-VALUE}).")
    int pmSteps;
    @Option(names = "--mesh", paramLabel = "N", defaultValue = "64", description = "Density mesh per side, a multiple of 8 (default: ${DEFAULT-VALUE}).")
    int mesh;
    @Option(names = "--train-pairs", paramLabel = "N", defaultValue = "2", description = "Training pairs (default: ${DEFAULT-VALUE}).")
    int trainPairs;
    @Option(names = "--mnu", paramLabel = "EV", defaultValue = "0.15", description = "Sum of neutrino masses of the massive runs, eV (default: ${DEFAULT-VALUE}).")
    double mnu;
    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: 8).")
    Integer epochs;
    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Optimiser steps per epoch (default: 40).")
    Integer stepsPerEpoch;
    @Option(names = "--channels", paramLabel = "N", description = "Channels of the U-Net's first level (default: 8).")
    Integer channels;
    @Option(names = "--sub-volume", paramLabel = "N", description = "Side of the scored training cubes, cells (default: 16).")
    Integer subVolume;
    @Option(names = "--batch-size", paramLabel = "N", description = "Training cubes per step (default: 4).")
    Integer batchSize;
    @Option(names = "--learning-rate", paramLabel = "LR", description = "Initial learning rate of Adam (default: 5e-4).")
    Double learningRate;
    @Option(names = "--power-weight", paramLabel = "W", description = "Weight of the band-power term of the loss: the density averaged over blocks of 2, 4, ... cells (up to half the sub-volume) must match the target's (default: 1; 0: per-cell MSE only).")
    Double powerWeight;
    @Option(names = "--cache", paramLabel = "DIR", description = "Folder of cached PM runs (default: distill-pm-cache in the temporary folder).")
    Path cache;
    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Json json;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        UnetNeutrinos.Settings settings = settings();
        Path png = plot.orElse("unet-nu-pk.png");
        Path slices = CnnCommands.slicesBeside(png), pdf = CnnCommands.beside(png, "-pdf");
        force.checkJsonAndPlot(json.path, png);
        force.check("--plot", slices);
        force.check("--plot", pdf);
        UnetNeutrinos.Outcome o;
        try {
            o = UnetNeutrinos.run(settings, new UnetNeutrinos.Listener() {
                @Override public void stage(String what) { quiet.say("unet-nu: %s", what); }

                @Override public void epoch(org.distill.neural.TrainingProgress p) { quiet.epoch("u-net", p, 4, false); }
            }, new AtomicBoolean());
        } catch (CancellationException | IllegalArgumentException | IOException e) {
            throw Failure.data(e.getMessage());
        }
        out.printf(Locale.ROOT, "unet-nu: %d training pairs + 1 test pair of %.0f Mpc/h, %d³ particles, Mnu = 0 vs %.2f eV; %d³ mesh%n",
                settings.trainPairs(), settings.boxSize(), settings.particles(), settings.mnu(), settings.mesh());
        out.printf(Locale.ROOT, "k [h/Mpc]  P_pred/P_target  P_input/P_target  r(pred)  r(input)%n");
        for (int i = 0; i < o.k().length; i++)
            out.printf(Locale.ROOT, "  %.3f     %.4f           %.4f            %.4f   %.4f%n", o.k()[i], o.pkRatioPred()[i],
                    o.pkRatioInput()[i], o.r()[i], o.rInput()[i]);
        out.printf(Locale.ROOT, "mean |P/P_target - 1| for k < %.1f: prediction %.4f, input %.4f (ratio %.2f)%n", UnetNeutrinos.K_MAX,
                o.predError(), o.inputError(), o.predError() / o.inputError());
        out.printf(Locale.ROOT, "  (prediction mapped back without the retransformation correction: %.4f)%n", o.rawError());
        out.printf(Locale.ROOT, "speed: PM run %.1f s, U-Net %.3f s for the whole box: %.0fx%n", o.pmSeconds(), o.unetSeconds(), o.speedup());
        out.printf(Locale.ROOT, "training: %d steps in %.1f min%n", o.training().steps(), o.training().wallTime().toNanos() / 6e10);
        CnnCommands.printMemory(out, o.rssMb());
        int status = SharedOptions.Plot.write(png, f -> CnnPlots.curves(f, "P(k) over the Mnu = " + settings.mnu() + " eV target (test pair)",
                "P(k) / P_target(k)", o.k(), List.of("U-Net prediction", "input (Mnu = 0)"),
                List.of(o.pkRatioPred(), o.pkRatioInput()), 1), out, err);
        status |= SharedOptions.Plot.write(slices, f -> CnnPlots.slices(f, List.of("input log(1+d)", "target", "U-Net",
                "target - input", "U-Net - input"), List.of(o.slices()), settings.mesh(), 4), out, err);
        status |= SharedOptions.Plot.write(pdf, f -> CnnPlots.densities(f, "density PDF (test pair)", "log10(1 + delta)", o.pdfBins(),
                List.of("target (Mnu = " + settings.mnu() + " eV)", "input (Mnu = 0)", "U-Net prediction"),
                List.of(o.pdfTarget(), o.pdfInput(), o.pdfPred()), 0.01), out, err);
        return status | json.write(CnnReports.UnetNuReport.of(o), out, err);
    }

    private UnetNeutrinos.Settings settings() {
        try {
            var b = UnetNeutrinos.Settings.builder();
            VoxelConfig.Builder net = b.build().network().toBuilder().seed(seed.value);
            if (epochs != null) net.epochs(epochs);
            if (stepsPerEpoch != null) net.stepsPerEpoch(stepsPerEpoch);
            if (channels != null) net.channels(channels);
            if (subVolume != null) net.subVolume(subVolume);
            if (batchSize != null) net.batchSize(batchSize);
            if (learningRate != null) net.learningRate(learningRate);
            if (powerWeight != null) net.powerWeight(powerWeight);
            return b.boxSize(box).particles(particles).pmSteps(pmSteps).mesh(mesh).trainPairs(trainPairs).mnu(mnu)
                    .network(net.build()).seed(seed.value).threads(threads.orAllCores())
                    .cache(CnnCommands.cacheOrDefault(cache)).build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "trainPairs", "--train-pairs", "mesh", "--mesh", "mnu", "--mnu", "epochs", "--epochs",
                    "stepsPerEpoch", "--steps-per-epoch", "channels", "--channels", "boxSize", "--box", "particles", "--particles",
                    "steps", "--pm-steps", "subVolume", "--sub-volume", "batchSize", "--batch-size", "learningRate", "--learning-rate",
                    "powerWeight", "--power-weight");
        }
    }
}
