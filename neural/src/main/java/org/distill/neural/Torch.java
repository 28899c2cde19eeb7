package org.distill.neural;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The PyTorch engine, loaded offline from the native CPU jar on the class path, single-threaded
 * unless told otherwise.
 *
 * <p>PyTorch reads its thread counts once, when the engine loads: {@link #engine()} sets
 * {@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} to 1 unless the
 * caller has set them (for example {@code -Dai.djl.pytorch.num_threads=2}). For the small matrices of
 * our models one thread is as fast as two, and the machine is shared. Never set
 * {@code PYTORCH_VERSION}: any value makes DJL download a native library.
 */
public final class Torch {
    /** DJL's name of the engine. */
    public static final String ENGINE = "PyTorch";

    private Torch() { }

    /** The PyTorch engine; the first call loads it (about a second, several on the first run). */
    public static synchronized Engine engine() {
        var properties = System.getProperties();
        properties.putIfAbsent("ai.djl.pytorch.num_threads", "1");
        properties.putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // DJL probes for CUDA and logs a warning when the CPU-only library has none.
        properties.putIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        return Engine.getEngine(ENGINE);
    }

    /** The device models train and run on: the CPU (the native library is the CPU build). */
    public static Device device() { return Device.cpu(); }

    /** Distill, DJL, PyTorch and Java versions, for provenance (loads the engine). */
    public static String versions() {
        Engine engine = engine();
        String distill = Torch.class.getPackage().getImplementationVersion();
        return "distill " + (distill == null ? "dev" : distill) + ", djl " + Engine.getDjlVersion() + ", "
                + engine.getEngineName() + " " + engine.getVersion() + ", java " + Runtime.version();
    }

    /** Seeds PyTorch's global generator (initial weights, sampling noise). */
    public static void seed(long seed) { engine().setRandomSeed(Long.hashCode(seed)); }
}
