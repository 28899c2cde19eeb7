package org.distill.physics.nbody;

/** Hears how far a long data-set generation has got; a CLI renders it as a progress bar, tests ignore it. */
@FunctionalInterface
public interface GenerationListener {
    /** Ignores progress. */
    GenerationListener NONE = (done, total) -> { };

    /** Called on the generating thread after each finished simulation, {@code 1 ≤ done ≤ total}. */
    void onProgress(int done, int total);
}
