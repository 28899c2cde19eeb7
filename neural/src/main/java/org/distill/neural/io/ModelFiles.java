package org.distill.neural.io;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.distill.neural.Torch;

/**
 * The on-disk form of every saved network: a directory with {@code <name>.properties} (a format tag, the configuration
 * and the provenance; plain text) and {@code <name>.params} (DJL's parameter format). Each network says what goes into
 * the properties; this class writes and reads the files, checks the format tag, and turns a missing or malformed value
 * into an {@link IOException} that names the file.
 *
 * <pre>{@code
 * static final ModelFiles FILES = ModelFiles.of("graph-network", "distill-graph-network-1", "graph network");
 * FILES.save(dir, properties, block, "Distill graph network");
 * Properties p = FILES.read(dir);                          // checks the format
 * Config c = FILES.parse(dir, p, q -> new Config(...));    // IllegalArgumentException -> IOException
 * GraphNetwork gn = FILES.load(dir, block, model -> new GraphNetwork(model, ...));
 * }</pre>
 */
public final class ModelFiles {
    private final String name, format, description;

    private ModelFiles(String name, String format, String description) {
        this.name = name;
        this.format = format;
        this.description = description;
    }

    /**
     * The files of one kind of network.
     *
     * @param name        base name of both files, also the DJL model's name, e.g. {@code graph-network}
     * @param format      the format tag written to and required in the properties, e.g. {@code distill-graph-network-1}
     * @param description what the files hold, for messages: {@code "not a saved " + description}
     */
    public static ModelFiles of(String name, String format, String description) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) throw new IllegalArgumentException("name must not be blank");
        return new ModelFiles(name, format, description);
    }

    /** The properties file's name. */
    public String properties() { return name + ".properties"; }

    /** The parameter file's name. */
    public String parameters() { return name + ".params"; }

    /** The format tag. */
    public String format() { return format; }

    /**
     * Writes {@code properties} (with the format tag added) and {@code block}'s parameters into {@code dir}, created if
     * needed.
     */
    public void save(Path dir, Properties properties, Block block, String comment) throws IOException {
        Files.createDirectories(dir);
        var p = new Properties();
        p.putAll(properties);
        p.setProperty("format", format);
        try (Writer w = Files.newBufferedWriter(dir.resolve(properties()), StandardCharsets.UTF_8)) {
            p.store(w, comment);
        }
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(parameters()))))) {
            block.saveParameters(out);
        }
    }

    /** The properties saved in {@code dir}; throws if they are missing or of another format. */
    public Properties read(Path dir) throws IOException {
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(properties()), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!format.equals(p.getProperty("format")))
            throw new IOException(dir.resolve(properties()) + ": not a saved " + description + " (format "
                    + p.getProperty("format") + ", expected " + format + ")");
        return p;
    }

    /**
     * {@code parser} applied to the properties read from {@code dir}; an {@link IllegalArgumentException} (a missing
     * value, see {@link #get}, or one out of range) or a {@link DateTimeParseException} becomes an {@link IOException}
     * naming the file.
     */
    public <T> T parse(Path dir, Properties properties, Function<Properties, T> parser) throws IOException {
        try {
            return parser.apply(properties);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException(dir.resolve(properties()) + ": " + e.getMessage(), e);
        }
    }

    /** The value of {@code key}; throws {@link IllegalArgumentException} naming it if it is missing. */
    public static String get(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) throw new IllegalArgumentException("missing property '" + key + "'");
        return value;
    }

    /**
     * A new DJL model around {@code block} with the parameters saved in {@code dir}, handed to {@code make}; the model is
     * closed if anything fails.
     */
    public <M> M load(Path dir, Block block, Function<Model, M> make) throws IOException {
        Path file = dir.resolve(parameters());
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return load(in, block, file.toString(), make);
        }
    }

    /**
     * A new DJL model around {@code block} with parameters read from {@code in} ({@code source} names it in messages),
     * handed to {@code make}; the model is closed if anything fails.
     */
    public <M> M load(DataInputStream in, Block block, String source, Function<Model, M> make) throws IOException {
        Torch.engine();
        Model model = Model.newInstance(name, Torch.device(), Torch.ENGINE);
        try {
            model.setBlock(block);
            block.loadParameters(model.getNDManager(), in);
            return make.apply(model);
        } catch (MalformedModelException e) {
            model.close();
            throw new IOException(source + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A new DJL model around {@code copy} with the parameters of {@code original} (same architecture), in memory. */
    public <M> M copy(Block original, Block copy, Function<Model, M> make) {
        try {
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                original.saveParameters(out);
            }
            return load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), copy, "the model copy", make);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
