package org.distill.tests.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.sim.ParticleMesh;
import org.distill.physics.cosmo.sim.ParticleState;
import org.distill.physics.cosmo.sim.Simulation;
import org.distill.physics.cosmo.sim.SimulationListener;
import org.distill.physics.cosmo.sim.SimulationResult;
import org.distill.physics.cosmo.sim.SimulationSettings;

/**
 * Times the particle-mesh code: one PM force evaluation (a step's work: paint, 1 forward and 3 inverse
 * FFTs, interpolation) at 128³ particles on a 256³ mesh, and a full default-size simulation
 * ({@code distill cosmo sim} defaults: box 256 Mpc/h, 128³ particles, 256³ mesh, 20 steps, z = 9 → 0).
 *
 * <pre>java -cp tests/target/classes:... org.distill.tests.bench.ParticleMeshBenchmark [--quick] [--threads N]</pre>
 * {@code --quick} runs 64³ particles on a 128³ mesh instead (for a loaded machine).
 */
public final class ParticleMeshBenchmark {
    private ParticleMeshBenchmark() { }

    public static void main(String[] args) {
        boolean quick = false;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) quick = true;
            else if (args[i].equals("--threads")) threads = Integer.parseInt(args[++i]);
            else throw new IllegalArgumentException("unknown argument: " + args[i] + " (expected --quick, --threads N)");
        }
        int n = quick ? 64 : 128;
        System.out.println("# ParticleMeshBenchmark: " + BenchMachine.describe() + ", load " + BenchMachine.loadAverage());
        SimulationSettings s = SimulationSettings.builder().particles(n).threads(threads).build();
        long t0 = System.nanoTime();
        ParticleState ics = Simulation.initialConditions(s);
        double icSeconds = (System.nanoTime() - t0) / 1e9;
        ParticleMesh pm = new ParticleMesh(s.mesh(), s.boxSize(), s.forceMethod(), s.compensation());
        float[] f = new float[ics.positions().length];
        int reps = 5;
        double[] times = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            pm.forces(ics.positions(), Cosmology.QUIJOTE.omegaM(), null, f);
            times[r] = (System.nanoTime() - t) / 1e9;
        }
        System.out.printf(Locale.ROOT, "initial conditions %d³ (2LPT): %.2f s%n", n, icSeconds);
        System.out.printf(Locale.ROOT, "PM force %d³ particles / %d³ mesh: median %.2f s of %d (first %.2f s)%n", n, s.mesh(),
                BenchMachine.median(times), reps, times[0]);
        long t1 = System.nanoTime();
        SimulationResult r = Simulation.run(s, SimulationListener.NONE, new AtomicBoolean());
        System.out.printf(Locale.ROOT, "full simulation %d³ / %d³ mesh / %d steps, box %.0f Mpc/h: %.1f s (%d threads, heap estimate %.2f GB)%n",
                n, s.mesh(), r.stepsDone(), s.boxSize(), (System.nanoTime() - t1) / 1e9, threads, s.memoryBytes() / 1e9);
    }
}
