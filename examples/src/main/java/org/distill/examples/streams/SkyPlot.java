package org.distill.examples.streams;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One stream in the sky as a PNG: two panels (the set model, the per-stream forest), each showing the window's
 * field stars in grey, the support stars in black, and every other star by outcome — members found (green),
 * members missed (orange), field stars taken for members (red), in tangent-plane coordinates about the window's
 * centre.
 */
public final class SkyPlot {
    private static final Color FIELD = new Color(150, 150, 150, 60), FOUND = new Color(0, 150, 60),
            MISSED = new Color(240, 140, 0), WRONG = new Color(220, 30, 30), SUPPORT = Color.BLACK;

    private SkyPlot() { }

    /** Writes exactly {@code png}: the set model's panel and, when given, the forest's beside it. */
    public static void write(Path png, Streams.Sky sky, String left, String right) throws IOException {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(sky, "sky");
        System.setProperty("java.awt.headless", "true");
        BufferedImage a = BitmapEncoder.getBufferedImage(panel(sky, sky.deepSets(), left));
        BufferedImage b = sky.forest() == null ? null : BitmapEncoder.getBufferedImage(panel(sky, sky.forest(), right));
        int width = a.getWidth() + (b == null ? 0 : b.getWidth());
        var image = new BufferedImage(width, a.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(a, 0, 0, null);
            if (b != null) g.drawImage(b, a.getWidth(), 0, null);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) throw new IOException("no PNG writer available for " + png);
    }

    private static XYChart panel(Streams.Sky sky, boolean[] predicted, String title) {
        int n = sky.xi().length;
        boolean[] support = new boolean[n];
        for (int i : sky.support()) support[i] = true;
        XYChart chart = new XYChartBuilder().width(640).height(600).title(title)
                .xAxisTitle("ξ [deg] (east)").yAxisTitle("η [deg] (north)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(4);
        int found = 0, missed = 0, wrong = 0;
        for (int i = 0; i < n; i++) {
            if (support[i]) continue;
            if (sky.member()[i] && predicted[i]) found++;
            else if (sky.member()[i]) missed++;
            else if (predicted[i]) wrong++;
        }
        add(chart, "field", sky, predicted, support, 0, FIELD);
        add(chart, "found " + found, sky, predicted, support, 1, FOUND);
        add(chart, "missed " + missed, sky, predicted, support, 2, MISSED);
        add(chart, "false " + wrong, sky, predicted, support, 3, WRONG);
        add(chart, "support " + sky.support().length, sky, predicted, support, 4, SUPPORT);
        return chart;
    }

    /** Adds the stars of one kind: 0 field (not predicted), 1 found, 2 missed, 3 false, 4 support. */
    private static void add(XYChart chart, String name, Streams.Sky sky, boolean[] predicted, boolean[] support, int kind,
                            Color color) {
        int n = sky.xi().length, count = 0;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            int k = support[i] ? 4 : sky.member()[i] ? (predicted[i] ? 1 : 2) : predicted[i] ? 3 : 0;
            if (k != kind) continue;
            x[count] = sky.xi()[i];
            y[count++] = sky.eta()[i];
        }
        if (count == 0) return;
        XYSeries s = chart.addSeries(name, java.util.Arrays.copyOf(x, count), java.util.Arrays.copyOf(y, count));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }
}
