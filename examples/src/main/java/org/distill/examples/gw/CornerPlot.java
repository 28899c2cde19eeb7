package org.distill.examples.gw;

import java.awt.Color;
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

/**
 * Two posteriors' corner plots drawn over each other: histograms on the diagonal, thinned samples below it, the truth
 * as black lines and crosses. One PNG.
 */
public final class CornerPlot {
    private static final Color FLOW = new Color(31, 119, 180), EXACT = new Color(230, 120, 20);
    private static final int CELL = 230, BINS = 30;

    private CornerPlot() { }

    /**
     * @param names   parameter names
     * @param truth   true values
     * @param flow    samples of the first posterior (rows × parameters)
     * @param exact   samples of the second
     */
    public static void write(Path png, List<String> names, double[] truth, double[][] flow, double[][] exact) throws IOException {
        Objects.requireNonNull(png, "png");
        System.setProperty("java.awt.headless", "true");
        int d = names.size();
        double[] lo = new double[d], hi = new double[d];
        for (int k = 0; k < d; k++) {
            lo[k] = Math.min(truth[k], Math.min(min(flow, k), min(exact, k)));
            hi[k] = Math.max(truth[k], Math.max(max(flow, k), max(exact, k)));
            double pad = 0.05 * (hi[k] - lo[k] + 1e-12);
            lo[k] -= pad;
            hi[k] += pad;
        }
        var image = new BufferedImage(d * CELL, d * CELL + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++) {
                XYChart c = i == j ? histogram(names.get(i), truth[i], flow, exact, i, lo[i], hi[i])
                        : scatter(names.get(j), names.get(i), truth[j], truth[i], flow, exact, j, i, lo, hi);
                g.drawImage(BitmapEncoder.getBufferedImage(c), j * CELL, i * CELL, null);
            }
        g.setColor(FLOW);
        g.drawString("blue: flow-emulator posterior", d * CELL / 2 + 10, 30);
        g.setColor(EXACT);
        g.drawString("orange: exact-model posterior", d * CELL / 2 + 10, 50);
        g.setColor(Color.BLACK);
        g.drawString("black: truth", d * CELL / 2 + 10, 70);
        g.dispose();
        org.distill.physics.io.AtomicFile.write(png, 1 << 16, out -> {
            if (!ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available for " + png);
        });
    }

    private static XYChart base(String x, String y) {
        XYChart c = new XYChartBuilder().width(CELL).height(CELL).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setChartTitleVisible(false);
        c.getStyler().setAxisTitleFont(c.getStyler().getAxisTitleFont().deriveFont(11f));
        c.getStyler().setAxisTickLabelsFont(c.getStyler().getAxisTickLabelsFont().deriveFont(9f));
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(false);
        return c;
    }

    private static XYChart histogram(String name, double truth, double[][] a, double[][] b, int k, double lo, double hi) {
        XYChart c = base(name, "density");
        double top = 0;
        for (Object[] s : new Object[][] {{"flow", a, FLOW}, {"exact", b, EXACT}}) {
            double[][] h = steps((double[][]) s[1], k, lo, hi);
            for (double v : h[1]) top = Math.max(top, v);
            XYSeries series = c.addSeries((String) s[0], h[0], h[1]);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor((Color) s[2]);
        }
        XYSeries t = c.addSeries("truth", new double[] {truth, truth}, new double[] {0, top});
        t.setMarker(SeriesMarkers.NONE);
        t.setLineColor(Color.BLACK);
        c.getStyler().setXAxisMin(lo).setXAxisMax(hi);
        return c;
    }

    /** A normalised histogram as a step line: {x, y}. */
    private static double[][] steps(double[][] s, int k, double lo, double hi) {
        double[] count = new double[BINS];
        double w = (hi - lo) / BINS;
        for (double[] r : s) {
            int b = (int) ((r[k] - lo) / w);
            if (b >= 0 && b < BINS) count[b]++;
        }
        double[] x = new double[2 * BINS + 2], y = new double[2 * BINS + 2];
        x[0] = lo;
        for (int b = 0; b < BINS; b++) {
            double v = count[b] / (s.length * w);
            x[2 * b + 1] = lo + b * w;
            y[2 * b + 1] = v;
            x[2 * b + 2] = lo + (b + 1) * w;
            y[2 * b + 2] = v;
        }
        x[2 * BINS + 1] = hi;
        return new double[][] {x, y};
    }

    private static XYChart scatter(String xn, String yn, double tx, double ty, double[][] a, double[][] b, int kx, int ky,
                                   double[] lo, double[] hi) {
        XYChart c = base(xn, yn);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(2);
        for (Object[] s : new Object[][] {{"exact", b, EXACT}, {"flow", a, FLOW}}) {
            double[][] r = (double[][]) s[1];
            int n = Math.min(r.length, 1200), stride = Math.max(1, r.length / n);
            double[] x = new double[r.length / stride], y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = r[i * stride][kx];
                y[i] = r[i * stride][ky];
            }
            XYSeries series = c.addSeries((String) s[0], x, y);
            series.setMarkerColor(new Color(((Color) s[2]).getRed(), ((Color) s[2]).getGreen(), ((Color) s[2]).getBlue(), 90));
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        XYSeries t = c.addSeries("truth", new double[] {tx}, new double[] {ty});
        t.setMarker(SeriesMarkers.CROSS);
        t.setMarkerColor(Color.BLACK);
        c.getStyler().setXAxisMin(lo[kx]).setXAxisMax(hi[kx]).setYAxisMin(lo[ky]).setYAxisMax(hi[ky]);
        return c;
    }

    private static double min(double[][] s, int k) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] r : s) m = Math.min(m, r[k]);
        return m;
    }

    private static double max(double[][] s, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] r : s) m = Math.max(m, r[k]);
        return m;
    }
}
