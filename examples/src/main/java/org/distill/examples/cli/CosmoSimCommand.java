package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.examples.cosmo.CosmoPlots;
import org.distill.examples.cosmo.CosmoSim;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.io.GadgetHdf5;
import org.distill.physics.cosmo.io.HaloCsv;
import org.distill.physics.cosmo.io.QuijoteFof;
import org.distill.physics.cosmo.linear.LinearPower;
import org.distill.physics.cosmo.mesh.DensityField;
import org.distill.physics.cosmo.mesh.MassAssignment;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.distill.physics.cosmo.sim.SimulationSettings;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code distill cosmo sim --out DIR}: a particle-mesh simulation ({@link CosmoSim}) written as Quijote writes its
 * runs: {@code DIR/snap_004.hdf5} (z = 0) and {@code DIR/halos_004.csv}, with the power spectrum and the validation
 * plots beside them.
 */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = DistillCommand.Version.class,
        description = "Runs a particle-mesh N-body simulation of a periodic box (Gaussian initial conditions from the "
                + "linear power spectrum, 2LPT at the start redshift, kick-drift-kick steps with FastPM's factors, massive "
                + "neutrinos by linear response), then finds friends-of-friends halos and measures P(k) at z = 0.",
        footer = {"",
                "Writes into DIR: snap_NNN.hdf5 per output redshift (Gadget HDF5 in Quijote's layout; NNN is Quijote's "
                        + "number: 004 z = 0, 003 z = 0.5, 002 z = 1, 001 z = 2, 000 z = 3, else 100 + the output's index), "
                        + "halos_NNN.csv (x,y,z Mpc/h, vx,vy,vz km/s, mass M_sun/h, n), pk_NNN.txt (k P0 P2 P4 modes) for "
                        + "the last snapshot, and the plots pk_NNN.png (P(k) against linear theory, and the ratio), "
                        + "massfunction_NNN.png (against Tinker et al. 2008 and Sheth-Tormen) and slice_NNN.png (a slab of "
                        + "the density field). A second run with the same settings reuses the snapshots (settings.txt "
                        + "records them) and redoes the analysis; other settings in the same DIR need --force.",
                "",
                "Ctrl-C stops after the current step; the snapshot of the steps done so far is written and analysed.",
                "",
                "Examples:",
                "  distill cosmo sim --box 256 --particles 128 --steps 20 --seed 1 --out run1",
                "  distill cosmo sim --mnu 0.1 --seed 1 --out run1-nu",
                "",
                "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class CosmoSimCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the snapshots, halos, P(k) and plots.")
    Path out;

    @Option(names = "--box", paramLabel = "MPC/H", defaultValue = "256", description = "Box side in Mpc/h (default: ${DEFAULT-VALUE}).")
    double box;

    @Option(names = "--particles", paramLabel = "N", defaultValue = "128",
            description = "Particles per side, N^3 in all (default: ${DEFAULT-VALUE}).")
    int particles;

    @Option(names = "--mesh", paramLabel = "M", description = "PM mesh cells per side (default: twice --particles).")
    Integer mesh;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "Time steps, linear in a (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--z-start", paramLabel = "Z", defaultValue = "9", description = "Redshift of the 2LPT initial conditions (default: ${DEFAULT-VALUE}).")
    double zStart;

    @Option(names = "--redshifts", paramLabel = "Z,...", defaultValue = "0", split = ",",
            description = "Output redshifts (default: ${DEFAULT-VALUE}).")
    double[] redshifts;

    @Option(names = "--fixed", description = "Fixed amplitudes |delta_k|^2 = P(k) (Quijote's fixed initial conditions).")
    boolean fixed;

    @Option(names = "--paired", description = "Phases shifted by pi (the pair of a fixed run).")
    boolean paired;

    @Option(names = "--power", paramLabel = "PK.txt",
            description = "Start from this linear P(k) at z = 0 (two columns: k in h/Mpc, P in (Mpc/h)^3, e.g. from CAMB) "
                    + "instead of Eisenstein & Hu.")
    Path power;

    @Option(names = "--files", paramLabel = "N", defaultValue = "1", description = "Files per snapshot (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the initial white noise: the same seed gives the same phases for every cosmology (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin CosmologyOptions cosmology;
    @Mixin SharedOptions.Threads threads;
    @Mixin SharedOptions.Force force;
    @Mixin SharedOptions.Quiet quiet;

    @Override public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        CosmoSim.Settings settings = settings();
        SimulationSettings sim = settings.simulation();
        long need = sim.memoryBytes(), max = Runtime.getRuntime().maxMemory();
        if (need > 0.9 * max) {
            throw Failure.usage(String.format(Locale.ROOT, "%d^3 particles on a %d^3 mesh need about %.1f GiB, the JVM has %.1f GiB; "
                    + "use fewer particles or set DISTILL_JAVA_OPTS=-Xmx...", particles, sim.mesh(), need / 1073741824.0, max / 1073741824.0));
        }
        prepareFolder(sim);
        double[] zs = sim.outputRedshifts();
        Snapshot[] reused = reuse(zs);
        CosmoSim.Outcome o = null;
        Snapshot last;
        HaloCatalog halos;
        PowerSpectrum pk;
        if (reused != null) {
            quiet.say("reusing the snapshots in %s (same settings)", out);
            last = reused[0];
            long t = System.nanoTime();
            CosmoSim.Analysis a = CosmoSim.analyse(settings, last, listener(sim));
            halos = a.halos();
            pk = a.power();
            quiet.say("analysis in %.1f s", (System.nanoTime() - t) / 1e9);
        } else {
            AtomicBoolean cancel = new AtomicBoolean();
            try (Interrupt interrupt = new Interrupt(err, Duration.ofMinutes(10), () -> {
                cancel.set(true);
                return "interrupted; finishing the current step, then writing and analysing the snapshot...";
            })) {
                o = CosmoSim.run(settings, listener(sim), cancel);
                for (Snapshot s : o.snapshots()) write(s, o.cancelled());
                if (o.cancelled() && !o.snapshots().contains(o.last())) write(o.last(), true); // the steps done so far
            }
            last = o.last();
            halos = o.halos();
            pk = o.power();
        }
        String nnn = number(last.redshift(), zs);
        try {
            HaloCsv.write(out.resolve("halos_" + nnn + ".csv"), halos, true);
            pk.write(out.resolve("pk_" + nnn + ".txt"), "distill cosmo sim " + sim, String.format(Locale.ROOT, "z = %s", last.redshift()));
        } catch (IOException e) {
            throw Failure.data("cannot write into " + out + ": " + e.getMessage());
        }
        stdout.printf(Locale.ROOT, "%d^3 particles, box %s Mpc/h, mesh %d^3, %d steps from z = %s%s; particle mass %.3e M_sun/h%n",
                particles, box, sim.mesh(), sim.steps(), zStart, o != null && o.cancelled() ? " (interrupted)" : "", last.particleMass());
        if (o != null) stdout.printf(Locale.ROOT, "simulation %.1f s, analysis %.1f s%n", o.simulationSeconds(), o.analysisSeconds());
        stdout.printf(Locale.ROOT, "z = %s: %d halos of at least %d particles; P(k) in %d bins%n", last.redshift(), halos.size(),
                settings.minMembers(), pk.size());
        stdout.println("output: " + out);
        int status = plots(settings, last, halos, pk, nnn, stdout, err);
        stdout.flush();
        return status;
    }

    private CosmoSim.Settings settings() {
        try {
            var b = SimulationSettings.builder().cosmology(cosmology.cosmology()).boxSize(box).particles(particles).steps(steps)
                    .startRedshift(zStart).outputRedshifts(redshifts).seed(seed).fixedAmplitudes(fixed).paired(paired)
                    .threads(threads.orAllCores());
            if (mesh != null) b.mesh(mesh);
            if (power != null) {
                try {
                    b.power(LinearPower.read(power));
                } catch (IOException e) {
                    throw Failure.data("cannot read " + power + ": " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw Failure.data(e.getMessage());
                }
            }
            if (files < 1 || files > 1024) throw Failure.usage("--files must be in [1, 1024]: " + files);
            return CosmoSim.Settings.builder().simulation(b.build()).build();
        } catch (IllegalArgumentException e) {
            throw Failure.usage(e, "boxSize", "--box", "particles", "--particles", "mesh", "--mesh", "steps", "--steps",
                    "startRedshift", "--z-start", "outputRedshifts", "--redshifts", "threads", "--threads");
        }
    }

    /** Creates DIR, or checks that its settings.txt records the same settings (or --force); writes settings.txt. */
    private void prepareFolder(SimulationSettings sim) {
        Path record = out.resolve("settings.txt");
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) throw Failure.usage("--out " + out + " is not a folder");
            Files.createDirectories(out);
            if (Files.exists(record)) {
                String before = Files.readString(record).strip();
                if (!before.equals(sim.toString())) {
                    if (!force.value) {
                        throw Failure.usage("--out " + out + " holds a run with other settings (" + record + "); use --force to replace it");
                    }
                    for (double z : sim.outputRedshifts()) deleteSnapshot(number(z, sim.outputRedshifts()));
                }
            }
            Files.writeString(record, sim + "\n");
        } catch (IOException e) {
            throw Failure.data("cannot prepare " + out + ": " + e.getMessage());
        }
    }

    private void deleteSnapshot(String nnn) throws IOException {
        try (var list = Files.list(out)) {
            for (Path p : list.toList()) {
                String n = p.getFileName().toString();
                if (n.equals("snap_" + nnn + ".hdf5") || n.startsWith("snap_" + nnn + ".")) Files.delete(p);
            }
        }
    }

    /** The snapshots of a previous run with these settings, lowest redshift first; null when any is missing. */
    private Snapshot[] reuse(double[] zs) {
        Snapshot[] s = new Snapshot[zs.length];
        double[] sorted = zs.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            Path p = out.resolve("snap_" + number(sorted[i], zs));
            if (!Files.exists(p.resolveSibling(p.getFileName() + ".hdf5")) && !Files.exists(p.resolveSibling(p.getFileName() + ".0.hdf5"))) {
                return null;
            }
            s[i] = CosmoFiles.read(p, cosmology.cosmology(), quiet);
        }
        return s;
    }

    private void write(Snapshot s, boolean interrupted) {
        Path file = out.resolve("snap_" + number(s.redshift(), redshifts) + ".hdf5");
        try {
            if (files == 1) GadgetHdf5.write(file, s, true);
            else GadgetHdf5.write(out.resolve("snap_" + number(s.redshift(), redshifts)), s, files, true);
            quiet.say("wrote %s%s", file, interrupted ? " (interrupted run)" : "");
        } catch (IOException e) {
            throw Failure.data("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Quijote's snapshot number of {@code z} (004 for z = 0 … 000 for z = 3), else 100 + its index among the outputs. */
    static String number(double z, double[] outputs) {
        for (int n = 0; n <= 4; n++) if (Math.abs(QuijoteFof.redshiftOf(n) - z) < 1e-9) return String.format(Locale.ROOT, "%03d", n);
        for (int i = 0; i < outputs.length; i++) if (Math.abs(outputs[i] - z) < 1e-9) return String.format(Locale.ROOT, "%03d", 100 + i);
        return String.format(Locale.ROOT, "z%.4f", z);
    }

    private CosmoSim.Listener listener(SimulationSettings sim) {
        SharedOptions.Quiet.Counter counter = quiet.counter();
        return new CosmoSim.Listener() {
            @Override public void onInitialConditions(double a, double seconds) {
                quiet.say("initial conditions (2LPT) at z = %.3g in %.1f s", 1 / a - 1, seconds);
            }

            @Override public void onStep(int step, int total, double a, double seconds) {
                counter.show(String.format(Locale.ROOT, "step (z = %6.3f)", 1 / a - 1), step, total, "");
            }

            @Override public void onHalos(HaloCatalog halos, double seconds) {
                quiet.say("friends-of-friends: %d halos in %.1f s", halos.size(), seconds);
            }

            @Override public void onPower(PowerSpectrum power, double seconds) {
                quiet.say("power spectrum in %.1f s", seconds);
            }
        };
    }

    private int plots(CosmoSim.Settings settings, Snapshot s, HaloCatalog halos, PowerSpectrum pk, String nnn, PrintWriter stdout,
                      PrintWriter err) {
        double a = s.scaleFactor();
        LinearPower linear = org.distill.physics.cosmo.linear.EisensteinHuPower.of(s.cosmology()).totalAt(a);
        String title = String.format(Locale.ROOT, "PM %d^3, %s Mpc/h, z = %.3g", particles, box, s.redshift());
        int status = SharedOptions.Plot.write(out.resolve("pk_" + nnn + ".png"), png -> CosmoPlots.power(png, pk, linear, a, "P(k), " + title),
                stdout, err);
        status |= SharedOptions.Plot.write(out.resolve("massfunction_" + nnn + ".png"),
                png -> CosmoPlots.massFunction(png, halos, s.cosmology(), s.particleMass(), "FoF halos, " + title), stdout, err);
        int n = Math.min(256, settings.simulation().mesh());
        status |= SharedOptions.Plot.write(out.resolve("slice_" + nnn + ".png"), png -> {
            RealGrid rho = DensityField.contrast(s.positions(), null, n, s.boxSize(), MassAssignment.CIC);
            CosmoPlots.slice(png, rho, Math.max(1, n / 16));
        }, stdout, err);
        return status;
    }
}
