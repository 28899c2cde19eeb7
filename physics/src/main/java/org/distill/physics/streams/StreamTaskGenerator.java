package org.distill.physics.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.distill.physics.nbody.GenerationListener;

/**
 * Makes mock stellar-stream tasks: a progenitor on a random bound orbit in a {@link MilkyWayPotential} is
 * integrated backwards for its disruption time; stars are then released along that orbit near its Lagrange points
 * by the particle-spray recipe of Fardal, Huang &amp; Weinberg (2015, MNRAS 452, 301), as in gala's
 * {@code FardalStreamDF} (offsets in units of the tidal radius r_t = (G m / (Ω² − ∂²Φ/∂r²))^{1/3}: radial
 * k_r ~ N(2, 0.5), vertical k_z ~ N(0, 0.5); velocity offsets k_vt ~ N(0.3, 0.5) in units of Ω k_r r_t along the
 * orbit and k_vz ~ N(0, 0.5) in units of Ω r_t vertically; trailing stars outward, leading inward), and integrated
 * forward to today by the {@link LeapfrogIntegrator}. A window (a cone of sky) is centred on a random stream star;
 * the stream stars in it get a star of the progenitor's population from an {@link Isochrone} brighter than the
 * magnitude limit, and field stars from a smooth Galactic model (thin and thick disc, halo) fill the window,
 * {@code fieldRatio} times as many as the members. All observables get {@link GaiaErrors Gaia-like errors} and are
 * rounded to float precision (so a task survives {@link StreamTaskFile} unchanged); stars come in random order.
 *
 * <p>Task {@code i} depends only on the settings and {@code (seed, i)}: the same generator always returns the same
 * task, and any task can be regenerated alone. Thread-safe.
 *
 * <pre>{@code
 * var generator = StreamTaskGenerator.builder().seed(1).fieldRatio(100).build();
 * List<StreamTask> tasks = generator.generate(0, 200);
 * StreamTaskFile.save(Path.of("streams.tasks"), tasks);
 * }</pre>
 */
public final class StreamTaskGenerator {
    /** Attempts at drawing a usable progenitor before giving up on a task. */
    static final int MAX_ATTEMPTS = 500;
    /** Tries at drawing a star bright enough before a particle counts as too faint. */
    static final int MAX_STAR_TRIES = 30;
    /** Integrated stars per wanted member before a draw is given up. */
    static final int MAX_INTEGRATED_PER_MEMBER = 40;

    private final long seed;
    private final double fieldRatio, windowRadius, magnitudeLimit;
    private final int minMembers, maxMembers;
    private final double minDistance, maxDistance, minMass, maxMass, minTime, maxTime, minAge, maxAge, minFeh, maxFeh;
    private final double maxFehSpread, minLatitude, minPericenter, maxApocenter, timeStep;
    private final boolean errors;
    private final MilkyWayPotential potential;
    private final Galactocentric galactocentric;
    private final LeapfrogIntegrator integrator;

    private StreamTaskGenerator(Builder b) {
        seed = b.seed;
        fieldRatio = b.fieldRatio;
        windowRadius = b.windowRadius;
        magnitudeLimit = b.magnitudeLimit;
        minMembers = b.minMembers;
        maxMembers = b.maxMembers;
        minDistance = b.minDistance;
        maxDistance = b.maxDistance;
        minMass = b.minMass;
        maxMass = b.maxMass;
        minTime = b.minTime;
        maxTime = b.maxTime;
        minAge = b.minAge;
        maxAge = b.maxAge;
        minFeh = b.minFeh;
        maxFeh = b.maxFeh;
        maxFehSpread = b.maxFehSpread;
        minLatitude = b.minLatitude;
        minPericenter = b.minPericenter;
        maxApocenter = b.maxApocenter;
        timeStep = b.timeStep;
        errors = b.errors;
        potential = b.potential;
        galactocentric = b.galactocentric;
        integrator = LeapfrogIntegrator.of(potential);
    }

    /** A generator with the defaults of {@link Builder}. */
    public static StreamTaskGenerator of() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    public long seed() { return seed; }
    public double fieldRatio() { return fieldRatio; }
    public double windowRadius() { return windowRadius; }
    public double magnitudeLimit() { return magnitudeLimit; }
    public int minMembers() { return minMembers; }
    public int maxMembers() { return maxMembers; }
    public boolean errors() { return errors; }
    public double timeStep() { return timeStep; }
    public MilkyWayPotential potential() { return potential; }
    public Galactocentric galactocentric() { return galactocentric; }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().seed(seed).fieldRatio(fieldRatio).windowRadius(windowRadius).magnitudeLimit(magnitudeLimit)
                .members(minMembers, maxMembers).distance(minDistance, maxDistance).mass(minMass, maxMass)
                .disruptionTime(minTime, maxTime).age(minAge, maxAge).feh(minFeh, maxFeh).maxFehSpread(maxFehSpread)
                .minLatitude(minLatitude).minPericenter(minPericenter).maxApocenter(maxApocenter).timeStep(timeStep)
                .errors(errors).potential(potential).galactocentric(galactocentric);
    }

    /** The seed of task {@code index}, mixed from the master seed and the index (SplitMix64). */
    public long taskSeed(int index) {
        long z = seed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Tasks {@code first, …, first + count − 1}, generated in parallel, in index order. */
    public List<StreamTask> generate(int first, int count) { return generate(first, count, GenerationListener.NONE); }

    /**
     * Tasks {@code first, …, first + count − 1} in index order, generated in parallel on the common fork-join pool;
     * {@code listener} hears of each finished task (from worker threads, in any order, with a growing count).
     */
    public List<StreamTask> generate(int first, int count, GenerationListener listener) {
        if (first < 0 || count < 0 || (long) first + count > Integer.MAX_VALUE)
            throw new IllegalArgumentException("need first >= 0 and count >= 0 within int range: " + first + ", " + count);
        Objects.requireNonNull(listener, "listener");
        var done = new java.util.concurrent.atomic.AtomicInteger();
        return IntStream.range(first, first + count).parallel().mapToObj(i -> {
            StreamTask t = generate(i);
            int n = done.incrementAndGet();
            synchronized (listener) {
                listener.onProgress(n, count);
            }
            return t;
        }).toList();
    }

    /**
     * Task {@code index}.
     *
     * @throws IllegalArgumentException if index is negative
     * @throws IllegalStateException    if no usable stream was found in {@value #MAX_ATTEMPTS} draws (settings that
     *                                  leave too few visible stars in the window, e.g. very distant streams)
     */
    public StreamTask generate(int index) {
        if (index < 0) throw new IllegalArgumentException("index must be non-negative: " + index);
        var rng = new SplittableRandom(taskSeed(index));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StreamTask task = attempt(index, rng);
            if (task != null) return task;
        }
        throw new IllegalStateException("task " + index + ": no usable stream in " + MAX_ATTEMPTS
                + " draws; widen the window, raise the magnitude limit or bring the streams closer");
    }

    /** The progenitor orbit of a task, today's state integrated over [−backGyr, +forwardGyr], flattened states. */
    public double[] progenitorOrbit(StreamParameters p, double backGyr, double forwardGyr) {
        double[] today = {p.x(), p.y(), p.z(), p.vx(), p.vy(), p.vz()};
        int back = (int) Math.ceil(backGyr * 1000 / timeStep), forward = (int) Math.ceil(forwardGyr * 1000 / timeStep);
        double[] past = integrator.integrate(today, -timeStep, back);
        double[] future = integrator.integrate(today, timeStep, forward);
        double[] out = new double[6 * (back + forward + 1)];
        for (int s = 0; s <= back; s++) System.arraycopy(past, 6 * (back - s), out, 6 * s, 6);
        System.arraycopy(future, 6, out, 6 * (back + 1), 6 * forward);
        return out;
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) { return lo + (hi - lo) * rng.nextDouble(); }

    private StreamTask attempt(int index, SplittableRandom rng) {
        var frame = galactocentric.converter();
        // --- progenitor today
        double distance = uniform(rng, minDistance, maxDistance);
        double ra, dec;
        do {
            ra = 360 * rng.nextDouble();
            dec = Math.toDegrees(Math.asin(2 * rng.nextDouble() - 1));
        } while (Math.abs(Galactocentric.galacticLatitude(ra, dec)) < minLatitude);
        double mass = Math.exp(uniform(rng, Math.log(minMass), Math.log(maxMass)));
        double time = uniform(rng, minTime, maxTime);
        double age = uniform(rng, minAge, maxAge), feh = uniform(rng, minFeh, maxFeh);
        double fehSpread = maxFehSpread * rng.nextDouble();
        int target = minMembers + rng.nextInt(maxMembers - minMembers + 1);
        double[] state = new double[6];
        frame.toGalactocentric(ra, dec, distance, 0, 0, 0, state);
        double r = Math.sqrt(state[0] * state[0] + state[1] * state[1] + state[2] * state[2]);
        double speed = potential.circularVelocity(r) * uniform(rng, 0.5, 1.05);
        double ux = rng.nextGaussian(), uy = rng.nextGaussian(), uz = rng.nextGaussian();
        double un = Math.sqrt(ux * ux + uy * uy + uz * uz);
        state[3] = speed * ux / un;
        state[4] = speed * uy / un;
        state[5] = speed * uz / un;
        if (integrator.energy(state, 0) >= 0) return null;
        // --- the orbit back to the start of disruption; track[k] at time −T + k·dt
        int steps = Math.max(1, (int) Math.round(time * 1000 / timeStep));
        double[] back = integrator.integrate(state, -timeStep, steps);
        double peri = Double.POSITIVE_INFINITY, apo = 0;
        for (int s = 0; s <= steps; s++) {
            double rr = Math.sqrt(back[6 * s] * back[6 * s] + back[6 * s + 1] * back[6 * s + 1]
                    + back[6 * s + 2] * back[6 * s + 2]);
            peri = Math.min(peri, rr);
            apo = Math.max(apo, rr);
        }
        if (peri < minPericenter || apo > maxApocenter) return null;
        double[] track = new double[back.length];
        for (int s = 0; s <= steps; s++) System.arraycopy(back, 6 * (steps - s), track, 6 * s, 6);
        // --- spray until the window holds enough visible members. A pilot batch is integrated in full; it fixes the
        // window and, per arm, the range of release steps whose stars reached the window. Later stars released
        // outside that range (plus a margin) would land elsewhere along the stream and are not integrated.
        double dt = timeStep / MilkyWayPotential.MYR_PER_TIME_UNIT;
        double[][] members = new double[target][];
        int found = 0, integrated = 0, pilot = Math.max(64, 2 * target);
        int[] first = {Integer.MAX_VALUE, Integer.MAX_VALUE}, last = {-1, -1};
        int[] from = null, to = null;
        double windowRa = Double.NaN, windowDec = Double.NaN;
        double[] particle = new double[6], icrs = new double[6], a = new double[3], cmd = new double[2];
        for (long drawn = 0; found < target; drawn++) {
            if (integrated > MAX_INTEGRATED_PER_MEMBER * target || drawn > 50L * MAX_INTEGRATED_PER_MEMBER * target)
                return null;
            int arm = (int) (drawn & 1);                          // 0 trailing, 1 leading
            int k = rng.nextInt(steps);                           // release at track[k], integrate steps − k steps
            spray(track, 6 * k, mass, arm == 0 ? 1 : -1, rng, particle);
            if (from != null && (k < from[arm] || k > to[arm])) continue;
            integrator.advance(particle, 0, dt, steps - k, a);
            integrated++;
            frame.toIcrs(particle, 0, icrs);
            if (Double.isNaN(windowRa)) {
                if (Math.abs(Galactocentric.galacticLatitude(icrs[0], icrs[1])) < minLatitude) {
                    if (integrated >= pilot) return null;
                    continue;
                }
                windowRa = icrs[0];
                windowDec = icrs[1];
            }
            boolean inside = Sky.separation(windowRa, windowDec, icrs[0], icrs[1]) <= windowRadius;
            if (inside && from == null) {
                first[arm] = Math.min(first[arm], k);
                last[arm] = Math.max(last[arm], k);
            }
            if (from == null && integrated == pilot) {
                from = new int[2];
                to = new int[2];
                for (int s = 0; s < 2; s++) {
                    int margin = Math.max(steps / 20, (last[s] - first[s]) / 4);
                    from[s] = last[s] < 0 ? Integer.MAX_VALUE : first[s] - margin;
                    to[s] = last[s] < 0 ? -1 : last[s] + margin;
                }
            }
            if (!inside) continue;
            double starFeh = FieldModel.clamp(feh + fehSpread * rng.nextGaussian(), -3, 0.5);
            var iso = new Isochrone(age, starFeh);
            double dm = FieldModel.distanceModulus(icrs[2]);
            if (!brightStar(iso, magnitudeLimit - dm, rng, cmd)) continue;
            double[] star = observe(icrs[0], icrs[1], icrs[2], icrs[3], icrs[4], cmd[0] + dm, cmd[1], rng);
            if (star != null) members[found++] = star;
        }
        // --- field stars
        var field = new FieldModel(windowRa, windowDec, windowRadius, magnitudeLimit, galactocentric, potential);
        int nField = (int) Math.round(fieldRatio * target);
        int n = target + nField;
        double[][] rows = new double[n][];
        boolean[] member = new boolean[n];
        double[] raw = new double[7];
        for (int i = 0; i < target; i++) rows[i] = members[i];
        for (int i = target; i < n; ) {
            field.sample(rng, raw);
            double[] star = observe(raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], rng);
            if (star != null) rows[i++] = star;
        }
        for (int i = 0; i < target; i++) member[i] = true;
        for (int i = n - 1; i > 0; i--) {                      // shuffle
            int j = rng.nextInt(i + 1);
            double[] t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
            boolean m = member[i];
            member[i] = member[j];
            member[j] = m;
        }
        var parameters = new StreamParameters(state[0], state[1], state[2], state[3], state[4], state[5], distance, mass,
                time, peri, apo, age, feh, fehSpread, windowRa, windowDec, windowRadius, magnitudeLimit);
        return new StreamTask(index, parameters, StarCatalog.fromRows(rows), member);
    }

    /**
     * Releases a star from the progenitor state {@code track[o..o+5]} (Fardal et al. 2015): {@code side} +1 trailing
     * (outer Lagrange point), −1 leading (inner). Writes the star's state into {@code out}.
     */
    void spray(double[] track, int o, double mass, int side, SplittableRandom rng, double[] out) {
        double x = track[o], y = track[o + 1], z = track[o + 2], vx = track[o + 3], vy = track[o + 4], vz = track[o + 5];
        double r = Math.sqrt(x * x + y * y + z * z);
        double rx = x / r, ry = y / r, rz = z / r;
        double lx = y * vz - z * vy, ly = z * vx - x * vz, lz = x * vy - y * vx;
        double l = Math.sqrt(lx * lx + ly * ly + lz * lz);
        double nx = lx / l, ny = ly / l, nz = lz / l;            // orbit normal
        double px = ny * rz - nz * ry, py = nz * rx - nx * rz, pz = nx * ry - ny * rx;   // along the orbit
        double omega = l / (r * r);
        double curvature = potential.radialCurvature(x, y, z);
        double rt = Math.cbrt(MilkyWayPotential.G * mass / Math.max(omega * omega - curvature, 1e-12));
        double kr = 2.0 + 0.5 * rng.nextGaussian(), kz = 0.5 * rng.nextGaussian();
        double kvt = 0.3 + 0.5 * rng.nextGaussian(), kvz = 0.5 * rng.nextGaussian();
        double dr = side * kr * rt, dz = kz * rt;
        double dvt = side * kvt * omega * kr * rt, dvz = kvz * omega * rt;
        out[0] = x + dr * rx + dz * nx;
        out[1] = y + dr * ry + dz * ny;
        out[2] = z + dr * rz + dz * nz;
        out[3] = vx + dvt * px + dvz * nx;
        out[4] = vy + dvt * py + dvz * ny;
        out[5] = vz + dvt * pz + dvz * nz;
    }

    /**
     * Draws a star of {@code iso} brighter than absolute magnitude {@code absLimit} into {@code cmd = [M_G, BP−RP]};
     * false if none was found in {@value #MAX_STAR_TRIES} tries (the limit is above the tip of the giant branch).
     */
    static boolean brightStar(Isochrone iso, double absLimit, SplittableRandom rng, double[] cmd) {
        if (absLimit < iso.tipMagnitude()) return false;
        double lo = iso.minMassBrighterThan(absLimit), hi = iso.maxMass();
        for (int t = 0; t < MAX_STAR_TRIES; t++) {
            double m = Isochrone.sampleMass(lo, hi, rng.nextDouble());
            if (iso.star(m, cmd) && cmd[0] < absLimit) return true;
        }
        return false;
    }

    /**
     * The observed row (ra, dec, pmra, pmdec, parallax, G, BP−RP) with Gaia-like errors (if enabled), rounded to
     * float precision; null when the observed G is not brighter than the limit.
     */
    private double[] observe(double ra, double dec, double distance, double pmra, double pmdec, double g, double colour,
                             SplittableRandom rng) {
        double parallax = 1 / distance;
        if (errors) {
            double sp = GaiaErrors.parallax(g), sm = GaiaErrors.properMotion(g);
            double sg = GaiaErrors.g(g), sc = GaiaErrors.colour(g);
            pmra += sm * rng.nextGaussian();
            pmdec += sm * rng.nextGaussian();
            parallax += sp * rng.nextGaussian();
            colour += sc * rng.nextGaussian();
            g += sg * rng.nextGaussian();
        }
        if (!(g < magnitudeLimit)) return null;
        return new double[] {(float) ra, (float) dec, (float) pmra, (float) pmdec, (float) parallax, (float) g,
                (float) colour};
    }

    /**
     * Settings with defaults: seed 0; 100 field stars per member; 160–320 members; a window of radius 5°; G &lt; 20;
     * progenitors 5–20 kpc from the Sun at |b| ≥ 20°, masses 10⁴–5·10⁵ M☉ (log-uniform), disrupting for 1–4 Gyr,
     * stars 8–13 Gyr old with [Fe/H] in [−2.3, −0.7] and a spread up to 0.15 dex; orbits with pericentres ≥ 4 kpc
     * and apocentres ≤ 80 kpc; steps of 1 Myr; Gaia-like errors on; gala's Milky Way and astropy's frame.
     */
    public static final class Builder {
        private long seed = 0;
        private double fieldRatio = 100, windowRadius = 5, magnitudeLimit = 20;
        private int minMembers = 160, maxMembers = 320;
        private double minDistance = 5, maxDistance = 20, minMass = 1e4, maxMass = 5e5, minTime = 1, maxTime = 4;
        private double minAge = 8, maxAge = 13, minFeh = -2.3, maxFeh = -0.7, maxFehSpread = 0.15;
        private double minLatitude = 20, minPericenter = 4, maxApocenter = 80, timeStep = 1;
        private boolean errors = true;
        private MilkyWayPotential potential = MilkyWayPotential.of();
        private Galactocentric galactocentric = Galactocentric.ASTROPY;

        private Builder() { }

        public Builder seed(long seed) { this.seed = seed; return this; }
        /** Field stars per stream member, in [0, 10000]. */
        public Builder fieldRatio(double ratio) { this.fieldRatio = ratio; return this; }
        /** Window radius in degrees, in (0, 60]. */
        public Builder windowRadius(double degrees) { this.windowRadius = degrees; return this; }
        /** Faintest G, in [10, 22]. */
        public Builder magnitudeLimit(double g) { this.magnitudeLimit = g; return this; }
        /** Members per task, drawn uniformly from [min, max], 1 ≤ min ≤ max ≤ 100000. */
        public Builder members(int min, int max) { this.minMembers = min; this.maxMembers = max; return this; }
        /** A fixed number of members per task. */
        public Builder members(int count) { return members(count, count); }
        /** Heliocentric progenitor distance range, kpc, 0.5 ≤ min ≤ max ≤ 100. */
        public Builder distance(double min, double max) { this.minDistance = min; this.maxDistance = max; return this; }
        /** Progenitor mass range, M☉, drawn log-uniformly, 1 ≤ min ≤ max ≤ 1e9. */
        public Builder mass(double min, double max) { this.minMass = min; this.maxMass = max; return this; }
        /** Disruption time range, Gyr, 0.01 ≤ min ≤ max ≤ 10. */
        public Builder disruptionTime(double min, double max) { this.minTime = min; this.maxTime = max; return this; }
        /** Stellar age range, Gyr, within [0.5, 14]. */
        public Builder age(double min, double max) { this.minAge = min; this.maxAge = max; return this; }
        /** [Fe/H] range, within [−3, 0.5]. */
        public Builder feh(double min, double max) { this.minFeh = min; this.maxFeh = max; return this; }
        /** Largest [Fe/H] spread within a stream (drawn uniformly from [0, this]), in [0, 1]. */
        public Builder maxFehSpread(double spread) { this.maxFehSpread = spread; return this; }
        /** Smallest |Galactic latitude| of the progenitor and the window centre, degrees, in [0, 80]. */
        public Builder minLatitude(double degrees) { this.minLatitude = degrees; return this; }
        /** Smallest allowed pericentre, kpc, in [0, 50]. */
        public Builder minPericenter(double kpc) { this.minPericenter = kpc; return this; }
        /** Largest allowed apocentre, kpc, in [10, 1000]. */
        public Builder maxApocenter(double kpc) { this.maxApocenter = kpc; return this; }
        /** Leapfrog step in Myr, in [0.01, 10]. */
        public Builder timeStep(double myr) { this.timeStep = myr; return this; }
        /** Whether to add Gaia-like errors (off: true values, for tests). */
        public Builder errors(boolean on) { this.errors = on; return this; }
        public Builder potential(MilkyWayPotential p) { this.potential = Objects.requireNonNull(p, "potential"); return this; }
        public Builder galactocentric(Galactocentric g) { this.galactocentric = Objects.requireNonNull(g, "galactocentric"); return this; }

        private static void range(String name, double lo, double hi, double min, double max) {
            if (!(lo >= min && lo <= hi && hi <= max))
                throw new IllegalArgumentException(name + " range must satisfy " + min + " <= min <= max <= " + max
                        + ": [" + lo + ", " + hi + "]");
        }

        private static void in(String name, double v, double min, double max) {
            if (!(v >= min && v <= max)) throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + v);
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public StreamTaskGenerator build() {
            in("fieldRatio", fieldRatio, 0, 10_000);
            if (!(windowRadius > 0 && windowRadius <= 60))
                throw new IllegalArgumentException("windowRadius must be in (0, 60] degrees: " + windowRadius);
            in("magnitudeLimit", magnitudeLimit, 10, 22);
            range("members", minMembers, maxMembers, 1, 100_000);
            range("distance", minDistance, maxDistance, 0.5, 100);
            range("mass", minMass, maxMass, 1, 1e9);
            range("disruptionTime", minTime, maxTime, 0.01, 10);
            range("age", minAge, maxAge, 0.5, 14);
            range("feh", minFeh, maxFeh, -3, 0.5);
            in("maxFehSpread", maxFehSpread, 0, 1);
            in("minLatitude", minLatitude, 0, 80);
            in("minPericenter", minPericenter, 0, 50);
            in("maxApocenter", maxApocenter, 10, 1000);
            in("timeStep", timeStep, 0.01, 10);
            if ((long) Math.round(fieldRatio * maxMembers) + maxMembers > 50_000_000)
                throw new IllegalArgumentException("fieldRatio × maxMembers is too large: " + fieldRatio * maxMembers);
            return new StreamTaskGenerator(this);
        }
    }

    @Override public String toString() {
        return "StreamTaskGenerator[seed=" + seed + ", fieldRatio=" + fieldRatio + ", members=[" + minMembers + ", "
                + maxMembers + "], window=" + windowRadius + " deg, G<" + magnitudeLimit + ", errors=" + errors + "]";
    }
}
