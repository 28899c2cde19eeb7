package org.distill.physics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir Path dir;

    @Test
    void newFileIsReadableByAllAndReplacedFileKeepsItsPermissions() throws IOException {
        Path f = dir.resolve("data.bin");
        AtomicFile.write(f, 64, out -> out.writeInt(7));
        assertThat(Files.readAllBytes(f)).containsExactly(0, 0, 0, 7);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFile.write(f, 64, out -> out.writeInt(8));
        assertThat(Files.readAllBytes(f)).containsExactly(0, 0, 0, 8);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-rw----");
    }

    @Test
    void failingBodyLeavesTargetAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("data.bin");
        AtomicFile.write(f, 64, out -> out.writeInt(1));
        assertThatThrownBy(() -> AtomicFile.write(f, 64, out -> { out.writeInt(2); throw new IOException("disk full"); }))
                .hasMessage("disk full");
        assertThat(Files.readAllBytes(f)).containsExactly(0, 0, 0, 1);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }
}
