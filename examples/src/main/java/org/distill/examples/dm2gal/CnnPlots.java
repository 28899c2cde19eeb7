package org.distill.examples.dm2gal;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The figures of the 3-D CNN examples: field slices side by side, and curves against k (P(k) ratios, r(k)). */
public final class CnnPlots {
    private CnnPlots() { }

    /**
     * Slices side by side, each n×n, drawn {@code scale} pixels per cell in grey (black = 0 / the slice's minimum,
     * white = its maximum), with a title above each.
     */
    public static void slices(Path png, List<String> titles, List<float[]> slices, int n, int scale) throws IOException {
        Objects.requireNonNull(png, "png");
        if (titles.size() != slices.size()) throw new IllegalArgumentException(titles.size() + " titles for " + slices.size() + " slices");
        int pad = 4, head = 18, w = n * scale;
        var img = new BufferedImage(slices.size() * (w + pad) + pad, w + head + pad, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int p = 0; p < slices.size(); p++) {
            float[] s = slices.get(p);
            if (s.length != n * n) throw new IllegalArgumentException("slice " + p + " has " + s.length + " values, not " + n * n);
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (float v : s) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            if (lo > 0) lo = 0;
            float range = hi > lo ? hi - lo : 1;
            int x0 = pad + p * (w + pad);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) {
                    int grey = Math.round(255 * (1 - (s[i * n + j] - lo) / range));
                    g.setColor(new Color(grey, grey, grey));
                    g.fillRect(x0 + j * scale, head + i * scale, scale, scale);
                }
            g.setColor(Color.BLACK);
            g.drawString(titles.get(p), x0, head - 5);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    /** Curves y(k) on a log k axis with a dashed line at {@code reference} (1 for ratios and r). */
    public static void curves(Path png, String title, String yLabel, double[] k, List<String> names, List<double[]> ys,
                              double reference) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(720).height(480).title(title).xAxisTitle("k [h/Mpc]").yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(5);
        for (int i = 0; i < names.size(); i++) {
            XYSeries s = chart.addSeries(names.get(i), k, ys.get(i));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries ref = chart.addSeries("reference", new double[] {k[0], k[k.length - 1]}, new double[] {reference, reference});
        ref.setMarker(SeriesMarkers.NONE);
        ref.setLineColor(Color.GRAY);
        ref.setShowInLegend(false);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Two panels side by side: left, densities on a linear x axis and a logarithmic y axis (a PDF whose tails matter),
     * one line per series; right, each series after the first over the first, where the first's density is at least
     * {@code floor} (elsewhere the bins hold too few cells to compare). Empty bins are left out of the left panel.
     */
    public static void densities(Path png, String title, String xLabel, double[] x, List<String> names, List<double[]> ys,
                                 double floor) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart left = new XYChartBuilder().width(600).height(450).title(title).xAxisTitle(xLabel).yAxisTitle("probability density").build();
        left.getStyler().setChartBackgroundColor(Color.WHITE);
        left.getStyler().setYAxisLogarithmic(true);
        left.getStyler().setMarkerSize(4);
        XYChart right = new XYChartBuilder().width(600).height(450).title("over " + names.get(0)).xAxisTitle(xLabel)
                .yAxisTitle("density ratio").build();
        right.getStyler().setChartBackgroundColor(Color.WHITE);
        right.getStyler().setMarkerSize(4);
        double[] ref = ys.get(0);
        for (int i = 0; i < names.size(); i++) {
            double[] y = ys.get(i);
            Color colour = PALETTE[i % PALETTE.length];
            addKept(left, names.get(i), x, y, y, 0, colour);
            if (i > 0) {
                double[] ratio = new double[y.length];
                for (int b = 0; b < y.length; b++) ratio[b] = ref[b] > 0 ? y[b] / ref[b] : 0;
                addKept(right, names.get(i), x, ratio, ref, floor, colour);
            }
        }
        BufferedImage a = BitmapEncoder.getBufferedImage(left), b = BitmapEncoder.getBufferedImage(right);
        var img = new BufferedImage(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth(), 0, null);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    /** Colours of the series of {@link #densities}, the same in both panels (Okabe–Ito: blue, orange, reddish purple, green). */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(204, 121, 167), new Color(0, 158, 115)};

    /** Adds the points of (x, y) where {@code by} exceeds {@code floor} (none: no series). */
    private static void addKept(XYChart chart, String name, double[] x, double[] y, double[] by, double floor, Color colour) {
        int kept = 0;
        for (int b = 0; b < y.length; b++) if (by[b] > floor) kept++;
        if (kept == 0) return;
        double[] xs = new double[kept], vs = new double[kept];
        for (int b = 0, o = 0; b < y.length; b++) if (by[b] > floor) { xs[o] = x[b]; vs[o++] = y[b]; }
        XYSeries series = chart.addSeries(name, xs, vs);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
    }
}
