package org.distill.physics.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a binary file all or nothing: through a temporary file in the same folder, renamed over the
 * target when the body has finished (atomically where the file system can). A failing body leaves the
 * target as it was and no temporary file behind. The file gets the permissions of the file it replaces,
 * or {@code rw-r--r--} when new (a temporary file starts as {@code rw-------}).
 */
public final class AtomicFile {
    /** Writes the file's content. */
    @FunctionalInterface
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private AtomicFile() { }

    /** Writes {@code file} with {@code body}, buffered by {@code bufferSize} bytes. */
    public static void write(Path file, int bufferSize, Body body) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), bufferSize))) {
                body.write(out);
            }
            setPermissions(temporary, absolute);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void setPermissions(Path temporary, Path target) throws IOException {
        var view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (view == null) return; // not a POSIX file system: its defaults stand
        view.setPermissions(Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--"));
    }
}
