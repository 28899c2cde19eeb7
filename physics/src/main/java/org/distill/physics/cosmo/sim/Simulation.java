package org.distill.physics.cosmo.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleUnaryOperator;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.linear.Growth;
import org.distill.physics.cosmo.linear.LinearPower;
import org.distill.physics.cosmo.mesh.FourierGrid;

/**
 * A particle-mesh N-body simulation of cold matter (CDM + baryons) with FastPM's time stepping
 * (Feng et al. 2016, arXiv:1603.00476) and massive neutrinos by linear response.
 *
 * <ol>
 *   <li>Initial conditions: a Gaussian field ({@link GaussianField}) with the <b>cold-matter</b>
 *       spectrum at the start, P_cb(k, a_s)/D1(a_s)², moved to a_s by 2LPT ({@link Lpt}); particles
 *       start on the n³ lattice.</li>
 *   <li>Time steps: nodes linear in a from a_s to the last output, with each output redshift added
 *       as a node. Kick–drift–kick, one force per step, with FastPM's factors built from the linear
 *       growth D1 (all matter, {@link Growth}) so that a linear mode grows exactly as D1 however
 *       few the steps:
 *       <pre>
 *   g_p(a) = a³ E dD1/da = a² E f1 D1,     g_f(a) = a² E dg_p/da = (3/2) Ω_m D1
 *   kick  a0 → a1 with F(a_c):  p += F (g_p(a1) − g_p(a0)) / g_f(a_c)
 *   drift a0 → a1 with p(a_c):  x += p (D1(a1) − D1(a0)) / g_p(a_c)
 *       </pre>
 *       (a_c the time the force or the momentum is known at: the step's start or end for the two
 *       half kicks, its midpoint for the drift.)</li>
 *   <li>Forces: {@link ParticleMesh} on an m³ mesh, source (3/2) Ω_m δ_m with δ_m from the painted
 *       δ_cb and {@link NeutrinoTreatment}.</li>
 * </ol>
 * For Mν = 0 the neutrino response is exactly 1 and the run is plain CDM, bit for bit. Runs are
 * deterministic for a seed (every parallel loop writes disjoint data in a fixed order), on a
 * {@link ForkJoinPool} of {@code threads} workers; JTransforms uses its own thread count.
 */
public final class Simulation {
    private Simulation() { }

    /**
     * Runs the simulation.
     *
     * @param settings what to run
     * @param listener progress (may be {@link SimulationListener#NONE})
     * @param cancel   checked before each step: set it to stop; the steps completed are kept
     * @throws IllegalArgumentException if the run needs more memory than the heap allows
     */
    public static SimulationResult run(SimulationSettings settings, SimulationListener listener, AtomicBoolean cancel) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancel, "cancel");
        long need = settings.memoryBytes();
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new IllegalArgumentException(String.format("a run with %d³ particles on a %d³ mesh needs about %.1f GB of heap; the JVM has %.1f GB (-Xmx)",
                    settings.particles(), settings.mesh(), need / 1e9, max / 1e9));
        }
        ForkJoinPool pool = new ForkJoinPool(settings.threads());
        try {
            return pool.submit(() -> runInPool(settings, listener, cancel)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** The linear spectra behind a run: Eisenstein–Hu at σ8, or at A_s when the settings give one. */
    public static EisensteinHuPower spectra(SimulationSettings s) {
        return Double.isNaN(s.primordialAmplitude()) ? EisensteinHuPower.of(s.cosmology())
                : EisensteinHuPower.ofAmplitude(s.cosmology(), s.primordialAmplitude());
    }

    /**
     * The power spectrum of the a = 1-normalised linear field the initial conditions are drawn from:
     * P_cb(k, a_s)/D1(a_s)² (or the given z = 0 spectrum).
     */
    public static LinearPower initialPower(SimulationSettings s, EisensteinHuPower eh) {
        if (s.power() != null) return s.power();
        double as = 1 / (1 + s.startRedshift());
        double d = eh.growth().d1(as);
        double inv = 1 / (d * d);
        return k -> eh.cb(k, as) * inv;
    }

    /** The 2LPT particles at the start redshift (positions, momenta). */
    public static ParticleState initialConditions(SimulationSettings s) {
        EisensteinHuPower eh = spectra(s);
        FourierGrid delta = GaussianField.fourier(initialPower(s, eh), s.particles(), s.boxSize(), s.seed(),
                s.fixedAmplitudes(), s.paired());
        Lpt.Displacements d = Lpt.displacements(delta);
        return Lpt.particles(d, s.cosmology(), eh.growth(), 1 / (1 + s.startRedshift()));
    }

    /** The scale factors of the step nodes: linear in a from the start to the last output, plus the outputs. */
    public static double[] nodes(SimulationSettings s) {
        double a0 = 1 / (1 + s.startRedshift());
        double[] z = s.outputRedshifts();
        double a1 = 1 / (1 + z[0]);
        double[] base = new double[s.steps() + 1];
        for (int i = 0; i <= s.steps(); i++) base[i] = i == s.steps() ? a1 : a0 + (a1 - a0) * i / s.steps();
        double[] all = Arrays.copyOf(base, base.length + z.length);
        for (int i = 0; i < z.length; i++) all[base.length + i] = 1 / (1 + z[i]);
        return Arrays.stream(all).sorted().distinct().toArray();
    }

    private static SimulationResult runInPool(SimulationSettings s, SimulationListener listener, AtomicBoolean cancel) {
        long t0 = System.nanoTime();
        Cosmology c = s.cosmology();
        EisensteinHuPower eh = spectra(s);
        Growth g = eh.growth();
        ParticleState state = initialConditions(s);
        listener.onInitialConditions(state.a(), seconds(t0));
        double[] nodes = nodes(s);
        double[] outA = Arrays.stream(s.outputRedshifts()).map(z -> 1 / (1 + z)).toArray();
        List<Snapshot> out = new ArrayList<>();
        long[] ids = new long[state.count()];
        Arrays.setAll(ids, i -> i);
        double mass = s.particleMass();
        emitIfOutput(s, state, outA, ids, mass, out, listener);
        ParticleMesh pm = new ParticleMesh(s.mesh(), s.boxSize(), s.forceMethod(), s.compensation());
        float[] f = pm.forces(state.positions(), c.omegaM(), response(s, eh, state.a()), null);
        int steps = nodes.length - 1;
        int done = 0;
        boolean cancelled = false;
        float[] x = state.positions(), p = state.momenta();
        double box = s.boxSize();
        for (int step = 1; step <= steps; step++) {
            if (cancel.get()) {
                cancelled = true;
                break;
            }
            double a0 = nodes[step - 1], a1 = nodes[step], ah = 0.5 * (a0 + a1);
            kick(p, f, (gp(c, g, ah) - gp(c, g, a0)) / gf(c, g, a0));
            drift(x, p, (g.d1(a1) - g.d1(a0)) / gp(c, g, ah), box);
            pm.forces(x, c.omegaM(), response(s, eh, a1), f);
            kick(p, f, (gp(c, g, a1) - gp(c, g, ah)) / gf(c, g, a1));
            state.a(a1);
            done = step;
            listener.onStep(step, steps, a1, seconds(t0));
            emitIfOutput(s, state, outA, ids, mass, out, listener);
        }
        Snapshot last = !out.isEmpty() && Math.abs(out.get(out.size() - 1).scaleFactor() - state.a()) < 1e-12
                ? out.get(out.size() - 1) : snapshot(s, state, Math.max(0, 1 / state.a() - 1), ids, mass);
        return new SimulationResult(s, out, last, done, steps, cancelled, seconds(t0));
    }

    /** The source factor δ_m/δ_cb at scale factor a, or null (exactly 1) when there is nothing to do. */
    static DoubleUnaryOperator response(SimulationSettings s, EisensteinHuPower eh, double a) {
        Cosmology c = s.cosmology();
        if (s.neutrinos() == NeutrinoTreatment.SMOOTH) {
            double fcb = 1 - c.fNu();
            return k -> fcb;
        }
        double tiny = 1e-6;
        return k -> eh.totalToCb(Math.max(k, tiny), a);
    }

    /** g_p(a) = a² E(a) f1(a) D1(a). */
    static double gp(Cosmology c, Growth g, double a) { return a * a * c.e(a) * g.f1(a) * g.d1(a); }

    /** g_f(a) = (3/2) Ω_m D1(a). */
    static double gf(Cosmology c, Growth g, double a) { return 1.5 * c.omegaM() * g.d1(a); }

    private static void kick(float[] p, float[] f, double factor) {
        java.util.stream.IntStream.range(0, p.length / 12288 + 1).parallel().forEach(t -> {
            int hi = Math.min(p.length, (t + 1) * 12288);
            for (int i = t * 12288; i < hi; i++) p[i] = (float) (p[i] + f[i] * factor);
        });
    }

    private static void drift(float[] x, float[] p, double factor, double box) {
        java.util.stream.IntStream.range(0, x.length / 12288 + 1).parallel().forEach(t -> {
            int hi = Math.min(x.length, (t + 1) * 12288);
            for (int i = t * 12288; i < hi; i++) x[i] = ParticleState.wrap(x[i] + p[i] * factor, box);
        });
    }

    private static void emitIfOutput(SimulationSettings s, ParticleState state, double[] outA, long[] ids, double mass,
                                     List<Snapshot> out, SimulationListener listener) {
        for (int i = 0; i < outA.length; i++) {
            if (Math.abs(outA[i] - state.a()) < 1e-12) {
                Snapshot snap = snapshot(s, state, s.outputRedshifts()[i], ids, mass);
                out.add(snap);
                listener.onSnapshot(snap);
            }
        }
    }

    private static Snapshot snapshot(SimulationSettings s, ParticleState state, double z, long[] ids, double mass) {
        return new Snapshot(s.boxSize(), z, s.cosmology(), state.positions().clone(), state.velocities(), ids, mass);
    }

    private static double seconds(long t0) { return (System.nanoTime() - t0) / 1e9; }
}
