package org.distill.physics.cosmo.io;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The writers' rule: an existing file is replaced only when the caller says so. */
final class Targets {
    private Targets() { }

    /** A {@link FileAlreadyExistsException} when {@code target} exists and may not be replaced. */
    static void refuseExisting(Path target, boolean overwrite) throws FileAlreadyExistsException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass overwrite to replace it");
        }
    }
}
