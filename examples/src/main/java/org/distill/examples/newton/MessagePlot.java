package org.distill.examples.newton;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The paper's Fig. 5 as a PNG: a message component against the linear combination of the true force components
 * that fits it best, one point per edge, with the diagonal {@code y = x} where a perfect fit would lie.
 */
public final class MessagePlot {
    private MessagePlot() { }

    /**
     * Writes the figure of a {@link NewtonGn} run to exactly {@code png}: the strongest message against the fitted
     * combination of the true forces.
     */
    public static void write(Path png, NewtonGn.Outcome o) throws IOException {
        var d = o.distillation();
        String basis = d.basis().symbol();
        write(png, o.figureForce(), o.figureMessage(), String.format(Locale.ROOT,
                "%s, %s: message%d vs fitted %s (trimmed R² = %.3f)", o.settings().law().label(),
                o.settings().variant().name().toLowerCase(Locale.ROOT), d.component(), basis, o.strongest().r2()),
                "fitted linear combination of " + basis, "message" + d.component());
    }

    /**
     * Writes the scatter plot to exactly {@code png}.
     *
     * @param force   x: the fitted combination of the true forces on each edge
     * @param message y: the message component on the same edges
     * @param title   the chart's title
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, double[] force, double[] message, String title, String xLabel, String yLabel)
            throws IOException {
        Objects.requireNonNull(png, "png");
        if (force.length != message.length)
            throw new IllegalArgumentException("force has " + force.length + " points, message " + message.length);
        if (force.length == 0) throw new IllegalArgumentException("no points to plot");
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(700).height(640).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(3);
        XYSeries points = chart.addSeries("edges", force, message);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(31, 119, 180, 90));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] a : List.of(force, message))
            for (double v : a) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        if (lo < hi) {
            XYSeries diagonal = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
            diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diagonal.setMarker(SeriesMarkers.NONE);
            diagonal.setLineColor(Color.GRAY);
        }
        // exactly the file asked for (BitmapEncoder.saveBitmap would append ".png" to the name)
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile()))
            throw new IOException("no PNG writer available for " + png);
    }
}
