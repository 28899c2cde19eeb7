package org.distill.symbolic;

/** Receives progress of long searches; the CLI renders it as a progress bar, tests ignore it. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);
}
