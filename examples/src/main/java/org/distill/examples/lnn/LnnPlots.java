package org.distill.examples.lnn;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts of the Lagrangian examples as PNGs: trajectories, energy error over time, accelerations. */
public final class LnnPlots {
    private static final Color[] COLORS = {Color.BLACK, new Color(31, 119, 180), new Color(214, 39, 40),
            new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14)};

    private LnnPlots() { }

    /**
     * Writes one line per series (name → y over {@code x}) to exactly {@code png}. On a log axis, values ≤ 0 or not
     * finite are dropped from their series; otherwise non-finite values are.
     */
    public static void lines(Path png, String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series,
                             boolean logY) throws IOException {
        Objects.requireNonNull(png, "png");
        if (series.isEmpty()) throw new IllegalArgumentException("no series to plot");
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(0);
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            if (y.length != x.length) throw new IllegalArgumentException(e.getKey() + " has " + y.length + " points, x " + x.length);
            int n = 0;
            double[] xs = new double[x.length], ys = new double[x.length];
            for (int i = 0; i < x.length; i++)
                if (Double.isFinite(y[i]) && (!logY || y[i] > 0)) { xs[n] = x[i]; ys[n++] = y[i]; }
            if (n == 0) continue;
            XYSeries s = chart.addSeries(e.getKey(), java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(COLORS[k++ % COLORS.length]);
        }
        if (chart.getSeriesMap().isEmpty()) chart.addSeries("(nothing finite to plot)", new double[] {0}, new double[] {logY ? 1 : 0});
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile()))
            throw new IOException("no PNG writer available for " + png);
    }

    /** An ordered map of series, for {@link #lines}. */
    public static Map<String, double[]> series(Object... nameThenValues) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValues.length; i += 2) m.put((String) nameThenValues[i], (double[]) nameThenValues[i + 1]);
        return m;
    }
}
