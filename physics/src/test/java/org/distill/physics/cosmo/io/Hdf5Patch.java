package org.distill.physics.cosmo.io;

import io.jhdf.checksum.ChecksumUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Turns the int32 data sets of a file jhdf wrote into uint32 ones, as Gadget writes ParticleIDs: jhdf
 * 0.9.4 writes signed integers only. It walks every version-2 object header ("OHDR", the only kind jhdf
 * writes), clears the sign bit of each 4-byte fixed-point Datatype message (type 3: data sets only;
 * attributes keep their types) and recomputes the header's Jenkins lookup3 checksum.
 */
final class Hdf5Patch {
    private static final byte[] SIGNATURE = "OHDR".getBytes(StandardCharsets.US_ASCII);

    private Hdf5Patch() { }

    /** Returns how many data set types it changed. */
    static int int32DataSetsToUnsigned(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int changed = 0;
        for (int at = indexOf(bytes, 0); at >= 0; at = indexOf(bytes, at + 4)) {
            if (at + 10 > bytes.length || bytes[at + 4] != 2 || bytes[at + 5] != 2) continue; // "OHDR" inside data
            int size = b.getInt(at + 6);
            int end = at + 10 + size;
            if (size < 0 || end + 4 > bytes.length
                    || b.getInt(end) != ChecksumUtils.checksum(Arrays.copyOfRange(bytes, at, end))) continue;
            boolean touched = false;
            for (int m = at + 10; m + 4 <= end; ) {
                int type = bytes[m] & 0xFF;
                int length = b.getShort(m + 1) & 0xFFFF;
                int data = m + 4;
                if (type == 3 && bytes[data] == 0x10 && (bytes[data + 1] & 0x08) != 0 && b.getInt(data + 4) == 4) {
                    bytes[data + 1] &= ~0x08;
                    touched = true;
                    changed++;
                }
                m = data + length;
            }
            if (touched) b.putInt(end, ChecksumUtils.checksum(Arrays.copyOfRange(bytes, at, end)));
        }
        Files.write(file, bytes);
        return changed;
    }

    private static int indexOf(byte[] bytes, int from) {
        outer:
        for (int i = from; i + SIGNATURE.length <= bytes.length; i++) {
            for (int k = 0; k < SIGNATURE.length; k++) if (bytes[i + k] != SIGNATURE[k]) continue outer;
            return i;
        }
        return -1;
    }
}
