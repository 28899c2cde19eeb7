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
import org.distill.examples.dm2gal.DarkMatterToGalaxies;
import org.distill.examples.dm2gal.DarkMatterToGalaxies.Metrics;
import org.distill.neural.cnn.VoxelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example dm2gal}: dark matter to galaxies with 3-D CNNs ({@link DarkMatterToGalaxies}): the cascade,
 * a one-stage regressor and the mass-only Zheng07 HOD on a test box; prints their metrics, writes the P(k)-ratio and
 * slice plots and, if asked, JSON.
 */
@Command(name = "dm2gal",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Runs particle-mesh boxes (cached), finds FoF halos, places galaxies by a decorated HOD with assembly "
                + "bias (occupation depends on mass and on the halo's environment), and learns the galaxy count per voxel "
                + "from the dark-matter density with a 3-D CNN cascade (classifier, then regressor; Zhang et al. 2019), "
                + "against a one-stage regressor and the mass-only Zheng et al. (2007) HOD fitted to the training halos.",
        footer = {"",
                "Metrics on a test box never trained on: precision, recall and F1 of occupied voxels, the galaxy count "
                        + "error, the count field's P(k) over the truth's and r(k). See docs/CNN3D.md.",
                "",
                "Examples:",
                "  distill example dm2gal --json dm2gal.json",
                "  distill example dm2gal --particles 64 --voxels 32 --epochs 2 --steps-per-epoch 10",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class Dm2galCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--box", paramLabel = "MPC", defaultValue = "96", description = "Box side, Mpc/h (default: ${DEFAULT-VALUE}).")
    double box;
    @Option(names = "--particles", paramLabel = "N", defaultValue = "96", description = "Particles per side (default: ${DEFAULT-VALUE}).")
    int particles;
    @Option(names = "--pm-steps", paramLabel = "N", defaultValue = "20", description = "Particle-mesh steps (default: ${DEFAULT-VALUE}).")
    int pmSteps;
    @Option(names = "--voxels", paramLabel = "N", defaultValue = "48", description = "Voxels per side (default: ${DEFAULT-VALUE}).")
    int voxels;
    @Option(names = "--train-boxes", paramLabel = "N", defaultValue = "2", description = "Training boxes (default: ${DEFAULT-VALUE}).")
    int trainBoxes;
    @Option(names = "--assembly-bias", paramLabel = "A", defaultValue = "1", description = "Environment dependence of the truth's occupation, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double assemblyBias;
    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs of each network (default: 20).")
    Integer epochs;
    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Optimiser steps per epoch (default: 60).")
    Integer stepsPerEpoch;
    @Option(names = "--channels", paramLabel = "N", description = "Channels per convolution (default: 8).")
    Integer channels;
    @Option(names = "--depth", paramLabel = "N", description = "3x3x3 convolution blocks (default: 3).")
    Integer depth;
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
        DarkMatterToGalaxies.Settings settings = settings();
        Path png = plot.orElse("dm2gal-pk.png");
        Path slices = CnnCommands.slicesBeside(png);
        force.checkJsonAndPlot(json.path, png);
        force.check("--plot", slices);
        DarkMatterToGalaxies.Outcome o;
        try {
            o = DarkMatterToGalaxies.run(settings, new DarkMatterToGalaxies.Listener() {
                @Override public void stage(String what) { quiet.say("dm2gal: %s", what); }

                @Override public void epoch(String network, org.distill.neural.TrainingProgress p) { quiet.epoch(network, p, 4, false); }
            }, new AtomicBoolean());
        } catch (CancellationException e) {
            throw Failure.data(e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            throw Failure.data(e.getMessage());
        }
        out.printf(Locale.ROOT, "dm2gal: %d training boxes + 1 test box of %.0f Mpc/h, %d³ particles; %d³ voxels; test box: %d halos, "
                + "%d galaxies, %.2f%% of voxels occupied%n", settings.trainBoxes(), settings.boxSize(), settings.particles(),
                settings.voxels(), o.testHalos(), o.truthGalaxies(), 100 * o.occupiedFraction());
        out.println("fitted mass-only HOD (Zheng 2007): " + o.fitted());
        out.printf(Locale.ROOT, "%-10s %9s %9s %9s %9s %11s %14s%n", "model", "precision", "recall", "F1", "galaxies", "count err",
                "|P/Pt-1| k<0.5");
        row(out, "cascade", o.cascade());
        row(out, "one-stage", o.oneStage());
        row(out, "HOD", o.hod());
        out.printf(Locale.ROOT, "k [h/Mpc] and P(k)/P_truth (cascade, one-stage, HOD), r(k) (same order):%n");
        for (int i = 0; i < o.k().length; i++)
            out.printf(Locale.ROOT, "  %.3f  %.3f %.3f %.3f   %.3f %.3f %.3f%n", o.k()[i], o.cascade().pkRatio()[i], o.oneStage().pkRatio()[i],
                    o.hod().pkRatio()[i], o.cascade().r()[i], o.oneStage().r()[i], o.hod().r()[i]);
        out.printf(Locale.ROOT, "training: %.1f min (three networks); simulations %.0f s (cached runs are read back); total %.0f s%n",
                o.trainMinutes(), o.simulationSeconds(), o.seconds());
        CnnCommands.printMemory(out, o.rssMb());
        int status = SharedOptions.Plot.write(png, f -> CnnPlots.curves(f, "galaxy P(k) over the truth's (test box)",
                "P(k) / P_truth(k)", o.k(), List.of("cascade", "one-stage", "mass-only HOD"),
                List.of(o.cascade().pkRatio(), o.oneStage().pkRatio(), o.hod().pkRatio()), 1), out, err);
        status |= SharedOptions.Plot.write(slices, f -> CnnPlots.slices(f, List.of("dark matter (log)", "truth", "cascade",
                "one-stage", "HOD"), List.of(o.slices()), settings.voxels(), 4), out, err);
        return status | json.write(CnnReports.Dm2galReport.of(o), out, err);
    }

    private static void row(PrintWriter out, String name, Metrics m) {
        out.printf(Locale.ROOT, "%-10s %9.3f %9.3f %9.3f %9d %+10.1f%% %14.3f%n", name, m.precision(), m.recall(), m.f1(), m.galaxies(),
                100 * m.countError(), m.pkError());
    }

    private DarkMatterToGalaxies.Settings settings() {
        try {
            var b = DarkMatterToGalaxies.Settings.builder();
            VoxelConfig.Builder net = b.build().network().toBuilder().seed(seed.value);
            if (epochs != null) net.epochs(epochs);
            if (stepsPerEpoch != null) net.stepsPerEpoch(stepsPerEpoch);
            if (channels != null) net.channels(channels);
            if (depth != null) net.depth(depth);
            return b.boxSize(box).particles(particles).pmSteps(pmSteps).voxels(voxels).trainBoxes(trainBoxes)
                    .assemblyBias(assemblyBias).network(net.build()).seed(seed.value).threads(threads.orAllCores())
                    .cache(CnnCommands.cacheOrDefault(cache)).build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "trainBoxes", "--train-boxes", "voxels", "--voxels", "assemblyBias", "--assembly-bias",
                    "epochs", "--epochs", "stepsPerEpoch", "--steps-per-epoch", "channels", "--channels", "depth", "--depth",
                    "boxSize", "--box", "particles", "--particles", "steps", "--pm-steps");
        }
    }
}
