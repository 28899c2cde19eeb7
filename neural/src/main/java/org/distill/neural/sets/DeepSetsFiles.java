package org.distill.neural.sets;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.distill.neural.Torch;

/**
 * A saved Deep Sets model: {@code deep-sets.properties} (configuration, width, threshold, provenance;
 * plain text) and {@code deep-sets.params} (DJL's parameter format).
 */
final class DeepSetsFiles {
    static final String PROPERTIES = "deep-sets.properties", PARAMETERS = "deep-sets.params";
    private static final String FORMAT = "distill-deep-sets-1";

    private DeepSetsFiles() { }

    static void save(Path dir, DeepSetsBlock block, DeepSetsConfig c, double threshold, SetTrainingProvenance t)
            throws IOException {
        Files.createDirectories(dir);
        var p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("width", Integer.toString(block.width()));
        p.setProperty("threshold", Double.toString(threshold));
        p.setProperty("hidden", Integer.toString(c.hidden()));
        p.setProperty("context", Integer.toString(c.context()));
        p.setProperty("epochs", Integer.toString(c.epochs()));
        p.setProperty("tasksPerBatch", Integer.toString(c.tasksPerBatch()));
        p.setProperty("queriesPerTask", Integer.toString(c.queriesPerTask()));
        p.setProperty("positiveFraction", Double.toString(c.positiveFraction()));
        p.setProperty("minSupport", Integer.toString(c.minSupport()));
        p.setProperty("maxSupport", Integer.toString(c.maxSupport()));
        p.setProperty("learningRate", Double.toString(c.learningRate()));
        p.setProperty("weightDecay", Double.toString(c.weightDecay()));
        p.setProperty("validationFraction", Double.toString(c.validationFraction()));
        p.setProperty("seed", Long.toString(c.seed()));
        p.setProperty("trained.tasks", Integer.toString(t.tasks()));
        p.setProperty("trained.validationTasks", Integer.toString(t.validationTasks()));
        p.setProperty("trained.steps", Long.toString(t.steps()));
        p.setProperty("trained.finalLoss", Double.toString(t.finalLoss()));
        p.setProperty("trained.validationMcc", Double.toString(t.validationMcc()));
        p.setProperty("trained.wallTime", t.wallTime().toString());
        p.setProperty("trained.versions", t.versions());
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(w, "Distill Deep Sets member classifier");
        }
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS))))) {
            block.saveParameters(out);
        }
    }

    static DeepSets load(Path dir) throws IOException {
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!FORMAT.equals(p.getProperty("format")))
            throw new IOException(dir.resolve(PROPERTIES) + ": not a saved Deep Sets model (format "
                    + p.getProperty("format") + ", expected " + FORMAT + ")");
        DeepSetsConfig config;
        int width;
        double threshold;
        SetTrainingProvenance provenance;
        try {
            width = Integer.parseInt(get(p, "width"));
            if (width < 1) throw new IllegalArgumentException("width must be >= 1: " + width);
            threshold = Double.parseDouble(get(p, "threshold"));
            if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
            config = new DeepSetsConfig(Integer.parseInt(get(p, "hidden")), Integer.parseInt(get(p, "context")),
                    Integer.parseInt(get(p, "epochs")), Integer.parseInt(get(p, "tasksPerBatch")),
                    Integer.parseInt(get(p, "queriesPerTask")), Double.parseDouble(get(p, "positiveFraction")),
                    Integer.parseInt(get(p, "minSupport")), Integer.parseInt(get(p, "maxSupport")),
                    Double.parseDouble(get(p, "learningRate")), Double.parseDouble(get(p, "weightDecay")),
                    Double.parseDouble(get(p, "validationFraction")), Long.parseLong(get(p, "seed")));
            provenance = new SetTrainingProvenance(Integer.parseInt(get(p, "trained.tasks")),
                    Integer.parseInt(get(p, "trained.validationTasks")), width, Long.parseLong(get(p, "trained.steps")),
                    Double.parseDouble(get(p, "trained.finalLoss")), Double.parseDouble(get(p, "trained.validationMcc")),
                    Duration.parse(get(p, "trained.wallTime")), get(p, "trained.versions"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException(dir.resolve(PROPERTIES) + ": " + e.getMessage(), e);
        }
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS))))) {
            return read(in, width, config, threshold, provenance, dir.resolve(PARAMETERS).toString());
        }
    }

    /** A model whose parameters are read from {@code in}. */
    static DeepSets read(DataInputStream in, int width, DeepSetsConfig config, double threshold,
                         SetTrainingProvenance provenance, String source) throws IOException {
        Torch.engine();
        Model model = Model.newInstance("deep-sets", Torch.device(), Torch.ENGINE);
        try {
            var block = new DeepSetsBlock(width, config);
            model.setBlock(block);
            block.loadParameters(model.getNDManager(), in);
            return new DeepSets(model, block, config, threshold, provenance);
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException(source + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static String get(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) throw new IllegalArgumentException("missing property '" + key + "'");
        return value;
    }
}
