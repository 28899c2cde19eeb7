package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CnnCommandsTest {
    @Test void plotsBesideTheMainOneShareItsNameAndFolder() {
        assertThat(CnnCommands.beside(Path.of("out", "unet-nu.png"), "-pdf")).isEqualTo(Path.of("out", "unet-nu-pdf.png"));
        assertThat(CnnCommands.slicesBeside(Path.of("out", "unet-nu.png"))).isEqualTo(Path.of("out", "unet-nu-slices.png"));
        assertThat(CnnCommands.beside(Path.of("plot"), "-pdf")).isEqualTo(Path.of("plot-pdf.png"));
    }
}
