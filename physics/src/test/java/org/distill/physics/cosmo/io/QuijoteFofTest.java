package org.distill.physics.cosmo.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill.physics.cosmo.HaloCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FoF files built byte by byte in the layout Pylians' readfof.FoF_catalog reads. */
class QuijoteFofTest {
    @TempDir Path dir;

    // five halos over three files (the last one empty), as Gadget's P-FoF splits them
    static final int[] LEN = {25, 40, 100, 20, 33};
    static final float[] MASS = {1.6405f, 2.6248f, 6.562f, 1.3124f, 2.16546f};   // 1e10 Msun/h
    static final float[][] POS = {{1000, 250_000, 999_999.5f}, {500_000, 0, 1}, {-2000, 123_456.7f, 1_000_000}, // kpc/h
            {10, 20, 30}, {700_000.25f, 800_000, 900_000}};
    static final float[][] VEL = {{100, -200, 0.5f}, {1, 2, 3}, {-50, 60, 70}, {0, 0, 0}, {300, -300, 12.25f}};
    static final int[][] SPLIT = {{0, 3}, {3, 5}, {5, 5}};

    /** One group_tab file holding halos [from, to); extra = 0, 1 (GroupSFR) or 2 (GroupSFR and GroupType) fields. */
    static void tab(Path file, ByteOrder order, int from, int to, int nfiles, int extra) throws IOException {
        int ng = to - from;
        ByteBuffer b = ByteBuffer.allocate(24 + ng * (84 + 4 * extra)).order(order);
        int nids = 0;
        long totNids = 0;
        for (int i = from; i < to; i++) nids += LEN[i];
        for (int len : LEN) totNids += len;
        b.putInt(ng).putInt(LEN.length).putInt(nids).putLong(totNids).putInt(nfiles);
        int offset = 0;
        for (int i = 0; i < from; i++) offset += LEN[i];
        for (int i = from; i < to; i++) b.putInt(LEN[i]);                                       // GroupLen
        for (int i = from; i < to; i++) { b.putInt(offset); offset += LEN[i]; }                 // GroupOffset
        for (int i = from; i < to; i++) b.putFloat(MASS[i]);                                   // GroupMass
        for (int i = from; i < to; i++) for (float x : POS[i]) b.putFloat(x);                  // GroupPos
        for (int i = from; i < to; i++) for (float x : VEL[i]) b.putFloat(x);                  // GroupVel
        for (int i = from; i < to; i++) for (int t = 0; t < 6; t++) b.putFloat(t == 1 ? LEN[i] : 0);    // GroupTLen
        for (int i = from; i < to; i++) for (int t = 0; t < 6; t++) b.putFloat(t == 1 ? MASS[i] : 0);   // GroupTMass
        for (int k = 0; k < extra; k++) for (int i = from; i < to; i++) b.putInt(k == 0 ? Float.floatToIntBits(0.5f) : 1);
        assertThat(b.remaining()).isZero();
        Files.write(file, b.array());
    }

    /** One group_ids file: the members of halos [from, to), ids 1000·halo + k, uint32 (or uint64). */
    static void ids(Path file, ByteOrder order, int from, int to, int nfiles, boolean longIds) throws IOException {
        int nids = 0;
        long totNids = 0;
        for (int i = from; i < to; i++) nids += LEN[i];
        for (int len : LEN) totNids += len;
        ByteBuffer b = ByteBuffer.allocate(28 + nids * (longIds ? 8 : 4)).order(order);
        b.putInt(to - from).putInt(LEN.length).putInt(nids).putLong(totNids).putInt(nfiles).putInt(0);
        for (int i = from; i < to; i++) {
            for (int k = 0; k < LEN[i]; k++) {
                long id = 3_000_000_000L + 1000L * i + k;  // above 2^31: read as unsigned
                if (longIds) b.putLong(id); else b.putInt((int) id);
            }
        }
        Files.write(file, b.array());
    }

    Path catalogue(String snap, ByteOrder order, int extra, boolean longIds) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("groups_" + snap));
        for (int f = 0; f < SPLIT.length; f++) {
            tab(folder.resolve("group_tab_" + snap + "." + f), order, SPLIT[f][0], SPLIT[f][1], SPLIT.length, extra);
            ids(folder.resolve("group_ids_" + snap + "." + f), order, SPLIT[f][0], SPLIT[f][1], SPLIT.length, longIds);
        }
        return folder;
    }

    static void assertHalos(HaloCatalog h, double box, double z) {
        assertThat(h.size()).isEqualTo(5);
        assertThat(h.boxSize()).isEqualTo(box);
        assertThat(h.redshift()).isEqualTo(z);
        assertThat(h.counts()).containsExactly(LEN);
        for (int i = 0; i < 5; i++) {
            assertThat(h.masses()[i]).isEqualTo(MASS[i] * 1e10);
            for (int k = 0; k < 3; k++) {
                double x = POS[i][k] / 1000.0;
                x -= box * Math.floor(x / box);
                assertThat(h.positions()[3 * i + k]).as("pos %d %d", i, k).isEqualTo((float) x);
                assertThat(h.velocities()[3 * i + k]).as("vel %d %d", i, k).isEqualTo((float) (VEL[i][k] * (1 + z)));
            }
        }
    }

    @Test
    void readsALittleEndianCatalogueSplitOverThreeFiles() throws IOException {
        Path folder = catalogue("002", ByteOrder.LITTLE_ENDIAN, 0, false);
        HaloCatalog h = QuijoteFof.read(dir, 2);                  // readfof.FoF_catalog(dir, 2): z = 1, box 1000 Mpc/h
        assertHalos(h, 1000, 1);
        assertThat(h.positions()[0]).isEqualTo(1f);               // 1000 kpc/h
        assertThat(h.positions()[8]).isEqualTo(0f);               // 1e6 kpc/h = the box side
        assertThat(h.positions()[6]).isEqualTo(998f);             // -2000 kpc/h wraps
        assertThat(h.velocities()[0]).isEqualTo(200f);            // GroupVel·(1+z), as Pylians' documentation does
        assertThat(h.masses()[2]).isEqualTo(6.562f * 1e10);
        assertHalos(QuijoteFof.read(folder), 1000, 1);
        assertHalos(QuijoteFof.read(folder, 1000, 0.25), 1000, 0.25);

        long[] ids = QuijoteFof.memberIds(folder);
        assertThat(ids).hasSize(218);
        assertThat(ids[0]).isEqualTo(3_000_000_000L);
        assertThat(ids[25]).isEqualTo(3_000_001_000L);            // halo 1 starts after halo 0's 25 members
        assertThat(ids[217]).isEqualTo(3_000_004_032L);
    }

    @Test
    void readsBigEndianFilesWithSfrAndTypeFieldsAndLongIds() throws IOException {
        Path folder = catalogue("004", ByteOrder.BIG_ENDIAN, 2, true);
        assertHalos(QuijoteFof.read(folder), 1000, 0);
        assertThat(QuijoteFof.memberIds(folder)[217]).isEqualTo(3_000_004_032L);
        Path sfr = catalogue("000", ByteOrder.LITTLE_ENDIAN, 1, false);
        assertHalos(QuijoteFof.read(sfr, 500, 3), 500, 3);
    }

    @Test
    void quijoteSnapshotNumbersGiveTheRedshift() {
        assertThat(new double[] {QuijoteFof.redshiftOf(0), QuijoteFof.redshiftOf(1), QuijoteFof.redshiftOf(2),
                QuijoteFof.redshiftOf(3), QuijoteFof.redshiftOf(4)}).containsExactly(3, 2, 1, 0.5, 0);
        assertThatThrownBy(() -> QuijoteFof.redshiftOf(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Quijote's snapshot numbers are 0 to 4 (z = 3, 2, 1, 0.5, 0): 5; pass the redshift instead");
    }

    @Test
    void errorsNameTheFileAndWhatWasExpected() throws IOException {
        assertThatThrownBy(() -> QuijoteFof.read(dir, 3)).isInstanceOf(FormatException.class)
                .hasMessage(dir.resolve("groups_003") + ": no such folder (expected a FoF folder groups_XXX holding group_tab_XXX.0, ...)");

        Path folder = catalogue("001", ByteOrder.LITTLE_ENDIAN, 0, false);
        Files.delete(folder.resolve("group_tab_001.1"));
        assertThatThrownBy(() -> QuijoteFof.read(folder)).isInstanceOf(FormatException.class)
                .hasMessage(folder.resolve("group_tab_001.1") + ": no such file (group_tab_001.0 says Nfiles = 3)");

        tab(folder.resolve("group_tab_001.1"), ByteOrder.LITTLE_ENDIAN, 3, 5, 3, 0);
        Path second = folder.resolve("group_tab_001.1");
        byte[] bytes = Files.readAllBytes(second);
        Files.write(second, java.util.Arrays.copyOf(bytes, bytes.length - 4)); // truncated
        assertThatThrownBy(() -> QuijoteFof.read(folder)).isInstanceOf(FormatException.class)
                .hasMessage(second + ": not a Gadget FoF group_tab file: its header says Ngroups = 2, Nfiles = 3 (little-endian),"
                        + " the file has 188 bytes; expected 24 + 84·Ngroups bytes (88 or 92 with GroupSFR/GroupType), in either byte order");

        Path other = Files.createDirectories(dir.resolve("fof"));
        assertThatThrownBy(() -> QuijoteFof.read(other)).isInstanceOf(FormatException.class)
                .hasMessage(other + ": expected a Quijote folder groups_000 to groups_004 (whose number gives the redshift);"
                        + " for another folder pass the box size and redshift");
        assertThatThrownBy(() -> QuijoteFof.read(other, 1000, 0)).isInstanceOf(FormatException.class)
                .hasMessage(other + ": holds no group_tab_XXX.0 file");
    }
}
