package org.distill.neural.gn;

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
 * A saved graph network: {@code graph-network.properties} (configuration, spatial dimension,
 * provenance; plain text) and {@code graph-network.params} (DJL's parameter format).
 */
final class ModelFiles {
    static final String PROPERTIES = "graph-network.properties", PARAMETERS = "graph-network.params";
    private static final String FORMAT = "distill-graph-network-1";

    private ModelFiles() { }

    static void save(Path dir, GraphNetworkBlock block, GraphNetworkConfig config, int dim,
                     TrainingProvenance provenance) throws IOException {
        Files.createDirectories(dir);
        var p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("dim", Integer.toString(dim));
        p.setProperty("variant", config.variant().name());
        p.setProperty("features", config.features().name());
        p.setProperty("hiddenSize", Integer.toString(config.hiddenSize()));
        p.setProperty("hiddenLayers", Integer.toString(config.hiddenLayers()));
        p.setProperty("messageDim", Integer.toString(config.messageDim()));
        p.setProperty("regularization", Double.toString(config.regularization()));
        p.setProperty("epochs", Integer.toString(config.epochs()));
        p.setProperty("batchSize", Integer.toString(config.batchSize()));
        p.setProperty("learningRate", Double.toString(config.learningRate()));
        p.setProperty("schedule", config.schedule().name());
        p.setProperty("weightDecay", Double.toString(config.weightDecay()));
        p.setProperty("translation", Double.toString(config.translation()));
        p.setProperty("seed", Long.toString(config.seed()));
        p.setProperty("trained.graphs", Integer.toString(provenance.graphs()));
        p.setProperty("trained.bodies", Integer.toString(provenance.bodies()));
        p.setProperty("trained.steps", Long.toString(provenance.steps()));
        p.setProperty("trained.finalLoss", Double.toString(provenance.finalLoss()));
        p.setProperty("trained.wallTime", provenance.wallTime().toString());
        p.setProperty("trained.versions", provenance.versions());
        try (Writer w = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.store(w, "Distill graph network");
        }
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS))))) {
            block.saveParameters(out);
        }
    }

    static GraphNetwork load(Path dir) throws IOException {
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!FORMAT.equals(p.getProperty("format")))
            throw new IOException(dir.resolve(PROPERTIES) + ": not a saved graph network (format "
                    + p.getProperty("format") + ", expected " + FORMAT + ")");
        GraphNetworkConfig config;
        int dim;
        TrainingProvenance provenance;
        try {
            dim = Integer.parseInt(get(p, "dim"));
            config = new GraphNetworkConfig(Variant.valueOf(get(p, "variant")), Features.valueOf(get(p, "features")),
                    Integer.parseInt(get(p, "hiddenSize")), Integer.parseInt(get(p, "hiddenLayers")),
                    Integer.parseInt(get(p, "messageDim")), Double.parseDouble(get(p, "regularization")),
                    Integer.parseInt(get(p, "epochs")), Integer.parseInt(get(p, "batchSize")),
                    Double.parseDouble(get(p, "learningRate")), Schedule.valueOf(get(p, "schedule")),
                    Double.parseDouble(get(p, "weightDecay")), Double.parseDouble(get(p, "translation")),
                    Long.parseLong(get(p, "seed")));
            provenance = new TrainingProvenance(Integer.parseInt(get(p, "trained.graphs")),
                    Integer.parseInt(get(p, "trained.bodies")), dim, Long.parseLong(get(p, "trained.steps")),
                    Double.parseDouble(get(p, "trained.finalLoss")), Duration.parse(get(p, "trained.wallTime")),
                    get(p, "trained.versions"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException(dir.resolve(PROPERTIES) + ": " + e.getMessage(), e);
        }
        Torch.engine();
        Model model = Model.newInstance("graph-network", Torch.device(), Torch.ENGINE);
        try {
            var block = new GraphNetworkBlock(config, dim);
            model.setBlock(block);
            try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS))))) {
                block.loadParameters(model.getNDManager(), in);
            }
            return new GraphNetwork(model, block, config, dim, provenance);
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException(dir.resolve(PARAMETERS) + ": " + e.getMessage(), e);
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
