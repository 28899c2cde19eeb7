package org.distill.physics.streams;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The smooth Galactic field behind a stream: a thin disc, a thick disc and a stellar halo with the shapes of
 * Jurić et al. (2008) (thin: scale length 2.6 kpc, height 0.3 kpc; thick: 3.6 and 0.9 kpc, 12 % of the local
 * density; halo: 0.5 %, power law n = 2.77, flattening q = 0.64, with a 1 kpc core), each with its own ages,
 * metallicities and velocity ellipsoid. Stars are drawn in a cone of sky down to a G limit: a grid of cells over
 * the cone's tangent plane and log-spaced distance bins along each cell's line of sight are weighted by density ×
 * volume × the fraction of the population brighter than the limit at that distance, then the star's mass is drawn
 * from the IMF among those bright enough. Instances describe one window; sampling uses the caller's generator.
 */
final class FieldModel {
    /** One stellar population. */
    enum Population {
        THIN(1.0, 5.0, -0.1, 10, 35, 25, 20),
        THICK(0.12, 10.5, -0.6, 45, 65, 55, 45),
        HALO(0.005, 11.5, -1.5, Double.NaN, 160, 110, 100);

        final double localDensity, typicalAge, typicalFeh, drift, sigmaR, sigmaPhi, sigmaZ;
        final double[] sortedMagnitudes;           // M_G of IMF quantiles of the typical isochrone

        Population(double localDensity, double typicalAge, double typicalFeh, double drift, double sigmaR,
                   double sigmaPhi, double sigmaZ) {
            this.localDensity = localDensity;
            this.typicalAge = typicalAge;
            this.typicalFeh = typicalFeh;
            this.drift = drift;
            this.sigmaR = sigmaR;
            this.sigmaPhi = sigmaPhi;
            this.sigmaZ = sigmaZ;
            var iso = new Isochrone(typicalAge, typicalFeh);
            int n = 4000;
            double[] mags = new double[n], out = new double[2];
            for (int i = 0; i < n; i++) {
                iso.star(Isochrone.sampleMass(Isochrone.MIN_MASS, iso.maxMass(), (i + 0.5) / n), out);
                mags[i] = out[0];
            }
            Arrays.sort(mags);
            this.sortedMagnitudes = mags;
        }

        /** Fraction of living stars brighter than absolute magnitude {@code limit}. */
        double brighterFraction(double limit) {
            int k = Arrays.binarySearch(sortedMagnitudes, limit);
            if (k < 0) k = -k - 1;
            return (double) k / sortedMagnitudes.length;
        }

        /** Number density, relative to the thin disc at the Sun, at Galactocentric (R, z). */
        double density(double cylR, double z, double r0) {
            return switch (this) {
                case THIN -> localDensity * Math.exp(-(cylR - r0) / 2.6 - Math.abs(z) / 0.3);
                case THICK -> localDensity * Math.exp(-(cylR - r0) / 3.6 - Math.abs(z) / 0.9);
                case HALO -> {
                    double zq = z / 0.64;
                    yield localDensity * Math.pow((r0 * r0 + 1) / (cylR * cylR + zq * zq + 1), 2.77 / 2);
                }
            };
        }

        double sampleAge(SplittableRandom rng) {
            return switch (this) {
                case THIN -> 1 + 9 * rng.nextDouble();
                case THICK -> 9 + 3 * rng.nextDouble();
                case HALO -> 10 + 3 * rng.nextDouble();
            };
        }

        double sampleFeh(SplittableRandom rng) {
            return switch (this) {
                case THIN -> clamp(-0.1 + 0.2 * rng.nextGaussian(), -1.0, 0.4);
                case THICK -> clamp(-0.6 + 0.25 * rng.nextGaussian(), -1.6, 0.0);
                case HALO -> clamp(-1.5 + 0.4 * rng.nextGaussian(), -2.8, -0.5);
            };
        }
    }

    static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }

    static final int GRID = 12, BINS = 160;
    static final double MIN_DISTANCE = 0.02, MAX_DISTANCE = 100;
    private static final Population[] POPULATIONS = Population.values();

    private final double ra0, dec0, radius, tanRadius, magnitudeLimit;
    private final Galactocentric.Converter frame;
    private final MilkyWayPotential potential;
    private final double r0;
    private final double[] cumulative;                  // over (cell, population, bin)
    private final double logMin, logStep;

    FieldModel(double ra0, double dec0, double radius, double magnitudeLimit, Galactocentric galactocentric,
               MilkyWayPotential potential) {
        this.ra0 = ra0;
        this.dec0 = dec0;
        this.radius = radius;
        this.tanRadius = Math.tan(Math.toRadians(radius));
        this.magnitudeLimit = magnitudeLimit;
        this.frame = galactocentric.converter();
        this.potential = potential;
        this.r0 = galactocentric.galcenDistance();
        this.logMin = Math.log(MIN_DISTANCE);
        this.logStep = (Math.log(MAX_DISTANCE) - logMin) / BINS;
        int pops = POPULATIONS.length;
        cumulative = new double[GRID * GRID * pops * BINS];
        double[] sky = new double[2], gc = new double[6];
        double total = 0, cell = 2 * tanRadius / GRID;
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                double xi = -tanRadius + (i + 0.5) * cell, eta = -tanRadius + (j + 0.5) * cell;
                double solidAngle = cell * cell / Math.pow(1 + xi * xi + eta * eta, 1.5);
                deproject(xi, eta, sky);
                for (int b = 0; b < BINS; b++) {
                    double d = Math.exp(logMin + (b + 0.5) * logStep);
                    frame.toGalactocentric(sky[0], sky[1], d, 0, 0, 0, gc);
                    double cylR = Math.hypot(gc[0], gc[1]);
                    double absLimit = magnitudeLimit - distanceModulus(d);
                    double volume = solidAngle * d * d * d * logStep;
                    for (int p = 0; p < pops; p++) {
                        Population pop = POPULATIONS[p];
                        total += pop.density(cylR, gc[2], r0) * volume * pop.brighterFraction(absLimit);
                        cumulative[((i * GRID + j) * pops + p) * BINS + b] = total;
                    }
                }
            }
        }
        if (!(total > 0)) throw new IllegalStateException("no field stars brighter than G = " + magnitudeLimit);
    }

    static double distanceModulus(double kpc) { return 5 * Math.log10(kpc) + 10; }

    /** Tangent-plane (ξ, η) around the window centre to (ra, dec) in degrees. */
    void deproject(double xi, double eta, double[] out) {
        double a0 = Math.toRadians(ra0), d0 = Math.toRadians(dec0);
        double cd = Math.cos(d0), sd = Math.sin(d0);
        double den = cd - eta * sd;
        double ra = a0 + Math.atan2(xi, den);
        double dec = Math.atan2(sd + eta * cd, Math.hypot(xi, den));
        double r = Math.toDegrees(ra) % 360;
        out[0] = r < 0 ? r + 360 : r;
        out[1] = Math.toDegrees(dec);
    }

    /**
     * Draws one field star: {@code out = [ra, dec, distance, pmra, pmdec, G_true, BP−RP_true]} (no errors; the
     * caller adds them and cuts again on observed G).
     */
    void sample(SplittableRandom rng, double[] out) {
        double[] sky = new double[2], gc = new double[6], icrs = new double[6], cmd = new double[2];
        int pops = POPULATIONS.length;
        double total = cumulative[cumulative.length - 1], cell = 2 * tanRadius / GRID;
        while (true) {
            int k = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
            if (k < 0) k = -k - 1;
            k = Math.min(k, cumulative.length - 1);
            int b = k % BINS, p = (k / BINS) % pops, c = k / (BINS * pops), i = c / GRID, j = c % GRID;
            double xi = -tanRadius + (i + rng.nextDouble()) * cell, eta = -tanRadius + (j + rng.nextDouble()) * cell;
            deproject(xi, eta, sky);
            if (Sky.separation(ra0, dec0, sky[0], sky[1]) > radius) continue;
            double d = Math.exp(logMin + (b + rng.nextDouble()) * logStep);
            Population pop = POPULATIONS[p];
            var iso = new Isochrone(pop.sampleAge(rng), pop.sampleFeh(rng));
            double dm = distanceModulus(d);
            if (!StreamTaskGenerator.brightStar(iso, magnitudeLimit - dm, rng, cmd)) continue;
            frame.toGalactocentric(sky[0], sky[1], d, 0, 0, 0, gc);
            velocity(pop, gc, rng);
            frame.toIcrs(gc, 0, icrs);
            out[0] = sky[0];
            out[1] = sky[1];
            out[2] = d;
            out[3] = icrs[3];
            out[4] = icrs[4];
            out[5] = cmd[0] + dm;
            out[6] = cmd[1];
            return;
        }
    }

    /** Fills gc[3..5] with a velocity drawn from the population's ellipsoid at gc[0..2]. */
    private void velocity(Population pop, double[] gc, SplittableRandom rng) {
        double cylR = Math.hypot(gc[0], gc[1]);
        double cx = cylR > 0 ? gc[0] / cylR : 1, cy = cylR > 0 ? gc[1] / cylR : 0;
        double mean = Double.isNaN(pop.drift) ? 0 : Math.max(0, potential.circularVelocity(Math.max(cylR, 0.5)) - pop.drift);
        double vR = pop.sigmaR * rng.nextGaussian();
        double vT = mean + pop.sigmaPhi * rng.nextGaussian();        // along the rotation, (sin φ, −cos φ)
        gc[3] = vR * cx + vT * cy;
        gc[4] = vR * cy - vT * cx;
        gc[5] = pop.sigmaZ * rng.nextGaussian();
    }
}
