package org.distill.examples.dm2gal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CnnPlotsTest {
    /** Two panels side by side (PDFs, ratios to the first): twice the width of one chart, not blank. */
    @Test void densitiesDrawsBothPanels(@TempDir Path dir) throws Exception {
        double[] x = {-1, -0.5, 0, 0.5, 1};
        double[] target = {0.01, 0.2, 0.6, 0.2, 0}, other = {0.012, 0.21, 0.58, 0.19, 0.001};
        Path png = dir.resolve("pdf.png");
        CnnPlots.densities(png, "PDF", "log10(1 + delta)", x, List.of("target", "other"), List.of(target, other), 0.01);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(450);
        int first = img.getRGB(0, 0);
        boolean drawn = false;
        for (int i = 0; i < img.getWidth() && !drawn; i += 7)
            for (int j = 0; j < img.getHeight() && !drawn; j += 7) drawn = img.getRGB(i, j) != first;
        assertThat(drawn).isTrue();
    }
}
