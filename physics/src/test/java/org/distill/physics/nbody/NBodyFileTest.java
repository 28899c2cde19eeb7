package org.distill.physics.nbody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NBodyFileTest {
    static final NBodyData CONFIG = NBodyData.builder().law(PairLaw.R1).dim(3).bodies(5).simulations(3).steps(30)
            .keepEvery(10).seed(4).build();
    static final GraphDataset DATA = CONFIG.generate();

    @TempDir Path folder;

    @Test
    void graphDatasetRoundTrips() throws IOException {
        Path file = folder.resolve("r1.graphs");
        DATA.save(file);
        assertThat(GraphDataset.load(file)).isEqualTo(DATA);
        assertThat(Files.size(file)).isEqualTo(8 + 5 * 4 + 4L * (9 * 5 * 8 + 9 * 5 * 3));
        assertThat(NBodyFile.load(file).metadata()).isEmpty();
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);                   // no temporary file left behind
        }
    }

    @Test
    void fileWithMetadataRoundTrips() throws IOException {
        Path file = folder.resolve("r1.graphs");
        NBodyFile.of(CONFIG, DATA).save(file);
        NBodyFile loaded = NBodyFile.load(file);
        assertThat(loaded.data()).isEqualTo(DATA);
        assertThat(loaded.metadata()).containsExactlyEntriesOf(CONFIG.metadata());
        assertThat(loaded.config()).isEqualTo(CONFIG);
        assertThat(GraphDataset.load(file)).isEqualTo(DATA);
        // overwrite, and an empty data set
        GraphDataset empty = DATA.slice(0, 0);
        new NBodyFile(Map.of("note", "ünïcode ✓"), empty).save(file);
        assertThat(NBodyFile.load(file)).isEqualTo(new NBodyFile(Map.of("note", "ünïcode ✓"), empty));
    }

    @Test
    void badMagicNamesTheFile() throws IOException {
        Path file = folder.resolve("notes.txt");
        Files.writeString(file, "hello, this is not a graph file");
        assertThatThrownBy(() -> GraphDataset.load(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": not a Distill graph file (the first 8 bytes are not 'DSTLGRPH')");
        Files.write(file, new byte[3]);
        assertThatThrownBy(() -> GraphDataset.load(file)).hasMessageContaining("not a Distill graph file");
    }

    @Test
    void truncatedFileNamesTheFile() throws IOException {
        Path file = folder.resolve("cut.graphs");
        DATA.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
        assertThatThrownBy(() -> GraphDataset.load(file))
                .isInstanceOf(EOFException.class).hasMessage(file + ": truncated (" + (bytes.length - 7) + " bytes)");
        Files.write(file, Arrays.copyOf(bytes, 30));                     // header only
        assertThatThrownBy(() -> GraphDataset.load(file))
                .isInstanceOf(IOException.class).hasMessageStartingWith(file + ": truncated: the header promises 9 graphs");
        Files.write(file, Arrays.copyOf(bytes, 14));                     // inside the header
        assertThatThrownBy(() -> GraphDataset.load(file)).isInstanceOf(EOFException.class).hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesVersionAndContentsAreChecked() throws IOException {
        Path file = folder.resolve("bad.graphs");
        DATA.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 1));
        assertThatThrownBy(() -> GraphDataset.load(file)).hasMessage(file + ": trailing bytes after 9 graphs");

        byte[] version = bytes.clone();
        ByteBuffer.wrap(version).putInt(8, 7);
        Files.write(file, version);
        assertThatThrownBy(() -> GraphDataset.load(file))
                .hasMessage(file + ": unsupported graph file version 7, this reader knows 1");

        byte[] dim = bytes.clone();
        ByteBuffer.wrap(dim).putInt(12, 4);
        Files.write(file, dim);
        assertThatThrownBy(() -> GraphDataset.load(file)).hasMessage(file + ": dim must be 2 or 3: 4");

        byte[] nan = bytes.clone();
        ByteBuffer.wrap(nan).putFloat(nan.length - 4, Float.NaN);
        Files.write(file, nan);
        assertThatThrownBy(() -> GraphDataset.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": invalid contents: acceleration value " + (9 * 5 * 3 - 1) + " is not finite");

        assertThatThrownBy(() -> GraphDataset.load(folder.resolve("missing.graphs"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void metadataIsValidated() {
        assertThatThrownBy(() -> new NBodyFile(Map.of("", "x"), DATA))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("metadata key must be non-empty: ''");
        assertThatThrownBy(() -> new NBodyFile(Map.of("note", "x"), DATA).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata has no 'law'");
    }
}
