package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.halos.HaloOverdensity;
import org.distill.examples.halos.HaloPlot;
import org.distill.neural.TrainingProgress;
import org.distill.neural.halos.HaloNetworkConfig;
import org.distill.physics.cosmo.sim.SimulationSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill example halos}: the halo-overdensity experiment of Cranmer et al. (2020, Sec. 5)
 * ({@link HaloOverdensity}); prints the comparison table and the distilled formula, writes the δ̂-vs-δ plot and,
 * if asked, JSON.
 */
@Command(name = "halos",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Simulates particle-mesh boxes (or reads a Quijote realisation), finds FoF halos, trains a graph network "
                + "to predict each halo's overdensity from its neighbours, distils its strongest message and its node model "
                + "into one closed form, and compares it on test halos with the network and the paper's baselines "
                + "(Cranmer et al. 2020, Sec. 5).",
        footer = {"",
                "Target: delta = rho/rho_mean - 1 of the matter within --delta-radius of the halo's centre, counted from the "
                        + "particles (the halo's own particles left out), standardised by the training halos' mean and "
                        + "standard deviation; errors are mean |delta - prediction| in those units. Graph: an edge to every "
                        + "halo of the same box within --edge-radius (periodic); the network sees distances, masses (1e12 "
                        + "M_sun/h) and speeds only. Halos with x/L in [0.7, 0.8) validate, x/L >= 0.8 are the test halos.",
                "Simulated halo tables are cached in --cache (default halo-cache): a second run with the same settings "
                        + "skips the simulations.",
                "",
                "Examples:",
                "  distill example halos",
                "  distill example halos --boxes 4 --epochs 100 --json halos.json",
                "  distill example halos --quijote Quijote/fiducial/0",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class HalosCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--boxes", paramLabel = "N", defaultValue = "3", description = "Simulated boxes to train, validate and test on (default: ${DEFAULT-VALUE}).")
    int boxes;

    @Option(names = "--box", paramLabel = "MPC/H", defaultValue = "256", description = "Box side in Mpc/h (default: ${DEFAULT-VALUE}).")
    double box;

    @Option(names = "--particles", paramLabel = "N", defaultValue = "128", description = "Particles per side (default: ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--mesh", paramLabel = "M", defaultValue = "128", description = "PM mesh cells per side (default: ${DEFAULT-VALUE}).")
    int mesh;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "12", description = "Time steps from z = 9 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--min-members", paramLabel = "N", defaultValue = "50", description = "Mass cut: halos of at least N particles (default: ${DEFAULT-VALUE}).")
    int minMembers;

    @Option(names = "--delta-radius", paramLabel = "MPC/H", defaultValue = "10", description = "Radius of the overdensity sphere (default: ${DEFAULT-VALUE}).")
    double deltaRadius;

    @Option(names = "--edge-radius", paramLabel = "MPC/H", defaultValue = "25", description = "Edges join halos closer than this (default: ${DEFAULT-VALUE}).")
    double edgeRadius;

    @Option(names = "--ood-sigma8", paramLabel = "S", defaultValue = "0.934",
            description = "sigma8 of the out-of-distribution box (default: ${DEFAULT-VALUE}; the training boxes have 0.834).")
    double oodSigma8;

    @Option(names = "--no-ood", description = "No out-of-distribution box.")
    boolean noOod;

    @Option(names = "--quijote", paramLabel = "DIR", description = "Read a Quijote realisation (DIR/groups_004, DIR/snapdir_004) instead of simulating.")
    Path quijote;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "halo-cache", description = "Folder of cached halo tables (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--no-cache", description = "Neither read nor write cached halo tables.")
    boolean noCache;

    @Mixin SharedOptions.Epochs epochs;
    @Mixin SharedOptions.Hidden hidden;

    @Option(names = "--message-dim", paramLabel = "K", defaultValue = "1",
            description = "Message components per edge (default: ${DEFAULT-VALUE}, the bottleneck; more with --reg is the L1 variant).")
    int messageDim;

    @Option(names = "--reg", paramLabel = "W", defaultValue = "0.001", description = "Weight of the L1 message penalty (default: ${DEFAULT-VALUE}).")
    double reg;

    @Mixin SharedOptions.Seed seed;
    @Mixin SharedOptions.Time time;
    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Json json;
    @Mixin SharedOptions.Plot plot;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HaloOverdensity.Settings settings = settings();
        Path png = plot.orElse("halos.png");
        force.checkJsonAndPlot(json.path, png);
        AtomicBoolean cancel = new AtomicBoolean();
        try (Interrupt interrupt = new Interrupt(err, Duration.ofMinutes(10), () -> {
            cancel.set(true);
            return "interrupted; stopping after the current step";
        })) {
            HaloOverdensity.Outcome o;
            try {
                o = HaloOverdensity.run(settings, new Progress(), cancel);
            } catch (CancellationException e) {
                throw Failure.data("interrupted before the network was trained");
            } catch (IOException e) {
                throw Failure.data("cannot read or write the halo cache " + settings.cache() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw Failure.data(e.getMessage());
            }
            return report(o, png, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private HaloOverdensity.Settings settings() {
        if (quijote != null && !Files.isDirectory(quijote)) throw Failure.usage("--quijote " + quijote + " is not a folder");
        if (!noCache && Files.exists(cache) && !Files.isDirectory(cache)) throw Failure.usage("--cache " + cache + " is not a folder");
        Duration total = time.duration();
        try {
            SimulationSettings sim = SimulationSettings.builder().boxSize(box).particles(particles).mesh(mesh).steps(steps)
                    .seed(seed.value).build();
            HaloNetworkConfig network = HaloNetworkConfig.builder().epochs(epochs.value).hiddenSize(hidden.value)
                    .messageDim(messageDim).regularization(reg).seed(seed.value).build();
            var b = HaloOverdensity.Settings.builder().simulation(sim).boxes(boxes).minMembers(minMembers).deltaRadius(deltaRadius)
                    .edgeRadius(edgeRadius).oodSigma8(noOod ? Double.NaN : oodSigma8).network(network)
                    .messageTime(total.multipliedBy(2).dividedBy(3)).nodeTime(total.dividedBy(3)).seed(seed.value)
                    .quijote(quijote).cache(noCache ? null : cache);
            if (threads.value != null) b.threads(threads.value);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "boxes", "--boxes", "boxSize", "--box", "particles per side", "--particles", "mesh", "--mesh",
                    "steps", "--steps", "minMembers", "--min-members", "deltaRadius", "--delta-radius", "edgeRadius", "--edge-radius",
                    "oodSigma8", "--ood-sigma8", "epochs", "--epochs", "hiddenSize", "--hidden", "messageDim", "--message-dim", "regularization", "--reg",
                    "threads", "--threads");
        }
    }

    private int report(HaloOverdensity.Outcome o, Path png, PrintWriter out, PrintWriter err) {
        out.printf(Locale.ROOT, "halos: %d training, %d validation, %d test halos; %d edges%n", o.halosTrain(), o.halosValidation(),
                o.halosTest(), o.edges());
        out.printf(Locale.ROOT, "target: delta standardised by the training halos (mean %.4g, std %.4g)%n",
                o.standardisation().mean(), o.standardisation().std());
        out.printf(Locale.ROOT, "strongest message component: %d (std %.3g; next %.3g)%n", o.strongest(), o.messageStd()[o.strongest()],
                secondLargest(o.messageStd(), o.strongest()));
        out.println("message formula: " + o.messageFormula());
        out.println("node formula:    " + o.nodeFormula());
        out.println("distilled formula (constants refitted on the training halos):");
        out.println("  " + o.formula());
        out.println("  LaTeX: " + o.latex());
        out.println("mean |delta - prediction| on the test halos:");
        out.printf(Locale.ROOT, "  %-28s %.4f%n", "graph network", o.gnError());
        out.printf(Locale.ROOT, "  %-28s %.4f%n", "distilled formula", o.formulaError());
        out.printf(Locale.ROOT, "  %-28s %.4f%n", "constant", o.constantError());
        out.printf(Locale.ROOT, "  %-28s %.4f   (%s)%n", "hand-made", o.handMadeError(), o.handMade());
        out.printf(Locale.ROOT, "  %-28s %.4f   (%s)%n", "paper's form, refitted", o.paperFormError(), o.paperForm());
        if (o.halosOod() > 0) {
            out.printf(Locale.ROOT, "out of distribution (%d halos, another sigma8): formula %.4f, graph network %.4f%n",
                    o.halosOod(), o.oodFormulaError(), o.oodGnError());
        }
        out.flush();
        int status = SharedOptions.Plot.write(png, file -> HaloPlot.write(file, o), out, err);
        status |= json.write(HalosReport.of(o, seed.value), out, err);
        return status;
    }

    private static double secondLargest(double[] a, int skip) {
        double m = 0;
        for (int i = 0; i < a.length; i++) if (i != skip) m = Math.max(m, a[i]);
        return m;
    }

    private final class Progress implements HaloOverdensity.Listener {
        @Override public void onMessage(String line) { quiet.say("%s", line); }

        @Override public void onEpoch(TrainingProgress p) { quiet.epoch(null, p, 5, true); }
    }
}
