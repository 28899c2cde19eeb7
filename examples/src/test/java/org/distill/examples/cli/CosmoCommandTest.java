package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill.examples.cli.DistillCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.distill.examples.cli.DistillCommandTest.Result;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.Snapshot;
import org.distill.physics.cosmo.io.GadgetHdf5;
import org.distill.physics.cosmo.io.HaloCsv;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill cosmo halos} and {@code power} on a snapshot made here: planted clusters in a uniform background. */
class CosmoCommandTest {
    static final double BOX = 100, PARTICLE_MASS = 1e11;
    static final int CLUSTERS = 5, MEMBERS = 60, BACKGROUND = 20_000;

    @TempDir Path dir;
    Path snapshot;
    float[] centres = new float[3 * CLUSTERS];

    /** Five tight clusters of 60 particles (one across the periodic boundary) in 20 000 uniform particles. */
    @BeforeEach void writeSnapshot() throws IOException {
        var random = new SplittableRandom(3);
        int n = BACKGROUND + CLUSTERS * MEMBERS;
        float[] x = new float[3 * n], v = new float[3 * n];
        long[] ids = new long[n];
        for (int c = 0; c < CLUSTERS; c++)
            for (int d = 0; d < 3; d++) centres[3 * c + d] = (float) (c == 0 ? (d == 0 ? 0.05 : 50) : 10 + 18 * c + 3 * d);
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            for (int d = 0; d < 3; d++) {
                double p = i < CLUSTERS * MEMBERS ? centres[3 * (i / MEMBERS) + d] + random.nextDouble(-0.1, 0.1)
                        : random.nextDouble(0, BOX);
                x[3 * i + d] = (float) ((p % BOX + BOX) % BOX);
                v[3 * i + d] = i < CLUSTERS * MEMBERS ? 100 * (i / MEMBERS) : 0;
            }
        }
        snapshot = dir.resolve("snap_004.hdf5");
        GadgetHdf5.write(snapshot, new Snapshot(BOX, 0, Cosmology.QUIJOTE, x, v, ids, PARTICLE_MASS), false);
    }

    @Test
    void halosFindsThePlantedClustersAndWritesTheCatalogue() throws IOException {
        Path out = dir.resolve("halos.csv"), png = dir.resolve("mf.png");
        Result r = run("cosmo", "halos", snapshot.toString(), "--out", out.toString(), "--plot", png.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("5 halos of at least 20 particles").contains("halos: " + out);
        assertThat(Files.readString(out)).contains("x,y,z,vx,vy,vz,mass,n");
        HaloCatalog halos = HaloCsv.read(out);
        assertThat(halos.size()).isEqualTo(CLUSTERS);
        for (int h = 0; h < halos.size(); h++) {
            assertThat(halos.counts()[h]).isEqualTo(MEMBERS);
            assertThat(halos.masses()[h]).isCloseTo(MEMBERS * PARTICLE_MASS, org.assertj.core.api.Assertions.withinPercentage(1e-6));
        }
        assertThat(Files.size(png)).isPositive();
        // the same output again is refused without --force, accepted with it
        Result again = run("cosmo", "halos", snapshot.toString(), "--out", out.toString(), "-q");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.error()).contains("exists; use --force");
        assertThat(run("cosmo", "halos", snapshot.toString(), "--out", out.toString(), "-q", "--force").code()).isZero();
    }

    @Test
    void powerWritesTheSpectrumFileWithShotNoiseAndModes() throws IOException {
        Path out = dir.resolve("pk.txt"), png = dir.resolve("pk.png");
        Result r = run("cosmo", "power", snapshot.toString(), "--mesh", "32", "--mas", "TSC", "--out", out.toString(),
                "--plot", png.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        PowerSpectrum pk = PowerSpectrum.read(out);
        assertThat(pk.size()).isGreaterThan(10);
        assertThat(pk.shotNoise()).isCloseTo(BOX * BOX * BOX / (BACKGROUND + CLUSTERS * MEMBERS),
                org.assertj.core.api.Assertions.withinPercentage(1e-6));
        long modes = 0;
        for (long m : pk.modes()) modes += m;
        assertThat(modes).isPositive();
        assertThat(Files.readString(out)).contains("# distill cosmo power").contains("mesh 32, TSC");
        assertThat(Files.size(png)).isPositive();

        Path marked = dir.resolve("mk.txt");
        assertThat(run("cosmo", "power", snapshot.toString(), "--mesh", "32", "--marked", "10,2,0.25", "--out", marked.toString(), "-q")
                .code()).isZero();
        assertThat(Files.readString(marked)).contains("marked field: R = 10.0 Mpc/h, p = 2.0, ds = 0.25");
    }

    @Test
    void badInputGetsOneLine() {
        Result missing = run("cosmo", "halos", dir.resolve("nothing.hdf5").toString(), "--out", dir.resolve("h.csv").toString(), "-q");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.error()).contains("nothing");
        Result mesh = run("cosmo", "power", snapshot.toString(), "--mesh", "31", "--out", dir.resolve("p.txt").toString(), "-q");
        assertThat(mesh.code()).isEqualTo(2);
        assertThat(mesh.error()).isEqualTo("--mesh must be an even number in [8, 4096]: 31");
        Result huge = run("cosmo", "power", snapshot.toString(), "--mesh", "4096", "--out", dir.resolve("p.txt").toString(), "-q");
        assertThat(huge.code()).isEqualTo(2);
        assertThat(huge.error()).startsWith("--mesh 4096 needs about ");
        Result mas = run("cosmo", "power", snapshot.toString(), "--mas", "XYZ", "--out", dir.resolve("p.txt").toString(), "-q");
        assertThat(mas.code()).isEqualTo(2);
        assertThat(mas.error()).contains("XYZ");
        Result cosmo = run("cosmo", "halos", snapshot.toString(), "--out", dir.resolve("h.csv").toString(), "--omega-b", "0.5", "-q");
        assertThat(cosmo.code()).isEqualTo(2);
        assertThat(cosmo.error()).startsWith("--omega-b must be in (0, omegaM");
        Result axis = run("cosmo", "power", snapshot.toString(), "--redshift-space", "w", "--out", dir.resolve("p.txt").toString(), "-q");
        assertThat(axis.error()).isEqualTo("--redshift-space must be x, y or z: w");
    }

    @Test
    void simWritesQuijoteLayoutReusesItsSnapshotAndRefusesOtherSettings() throws IOException {
        Path run = dir.resolve("run");
        String[] args = {"cosmo", "sim", "--box", "200", "--particles", "16", "--steps", "4", "--seed", "3", "--out", run.toString(), "-q"};
        Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : new String[] {"snap_004.hdf5", "halos_004.csv", "pk_004.txt", "pk_004.png", "massfunction_004.png",
                "slice_004.png", "settings.txt"}) {
            assertThat(run.resolve(f)).as(f).exists();
        }
        Snapshot s = GadgetHdf5.read(run.resolve("snap_004"));
        assertThat(s.count()).isEqualTo(16 * 16 * 16);
        assertThat(s.boxSize()).isEqualTo(200);
        assertThat(s.redshift()).isZero();
        assertThat(r.out()).contains("16^3 particles, box 200.0 Mpc/h, mesh 32^3, 4 steps from z = 9.0");

        // the same settings again: the snapshot is reused (not rewritten), the analysis redone
        long written = Files.getLastModifiedTime(run.resolve("snap_004.hdf5")).toMillis();
        Result again = run(args);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Files.getLastModifiedTime(run.resolve("snap_004.hdf5")).toMillis()).isEqualTo(written);
        assertThat(again.out()).doesNotContain("simulation ");

        Result other = run("cosmo", "sim", "--box", "200", "--particles", "16", "--steps", "4", "--seed", "4", "--out", run.toString(), "-q");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.error()).contains("holds a run with other settings").contains("--force");
        Result bad = run("cosmo", "sim", "--particles", "15", "--out", dir.resolve("x").toString(), "-q");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.error()).startsWith("--particles");
    }
}
