package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTaskFileTest {
    static final List<StreamTask> TASKS = StreamTaskGenerator.builder().seed(2).members(20, 40).fieldRatio(10).build()
            .generate(0, 3);

    @TempDir Path folder;

    @Test
    void generatedTasksRoundTripExactly() throws IOException {
        Path file = folder.resolve("streams.tasks");
        StreamTaskFile.save(file, TASKS);
        assertThat(StreamTaskFile.load(file)).isEqualTo(TASKS);
        long stars = TASKS.stream().mapToLong(StreamTask::size).sum();
        long bits = TASKS.stream().mapToLong(t -> (t.size() + 7) / 8).sum();
        assertThat(Files.size(file)).isEqualTo(8 + 12 + TASKS.size() * (4 + 18 * 8 + 4) + 28 * stars + bits);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);                  // no temporary file left behind
        }
        StreamTaskFile.save(file, List.of());                          // overwrite with nothing
        assertThat(StreamTaskFile.load(file)).isEmpty();
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path file = folder.resolve("x.tasks");
        Files.writeString(file, "not a stream file at all");
        assertThatThrownBy(() -> StreamTaskFile.load(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": not a Distill stream-task file (the first 8 bytes are not 'DSTLSTRM')");
        StreamTaskFile.save(file, TASKS);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> StreamTaskFile.load(file)).isInstanceOf(EOFException.class)
                .hasMessageContaining(file + ": truncated");
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 1));
        assertThatThrownBy(() -> StreamTaskFile.load(file)).hasMessage(file + ": trailing bytes after 3 tasks");
        bytes[11] = 9;                                                 // version
        Files.write(file, bytes);
        assertThatThrownBy(() -> StreamTaskFile.load(file))
                .hasMessage(file + ": unsupported stream-task file version 9, this reader knows 1");
    }
}
