package org.distill.examples.halos;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The figure of a halo run: δ̂ against δ on the test halos, for the distilled formula and the graph network. */
public final class HaloPlot {
    private HaloPlot() { }

    /** Writes the scatter plot to exactly {@code png}. */
    public static void write(Path png, HaloOverdensity.Outcome o) throws IOException {
        Objects.requireNonNull(png, "png");
        double[] d = o.testDelta();
        if (d.length == 0) throw new IllegalArgumentException("no test halos to plot");
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(640).height(600)
                .title(String.format(Locale.ROOT, "test halos: GN %.3f, formula %.3f, hand-made %.3f", o.gnError(), o.formulaError(), o.handMadeError()))
                .xAxisTitle("standardised overdensity δ").yAxisTitle("prediction δ̂").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setMarkerSize(3);
        XYSeries gn = chart.addSeries("graph network", d, o.testGn());
        gn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        gn.setMarker(SeriesMarkers.CIRCLE);
        gn.setMarkerColor(new Color(31, 119, 180, 110));
        double[] f = o.testFormula();
        XYSeries formula = chart.addSeries("distilled formula", d, f);
        formula.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        formula.setMarker(SeriesMarkers.DIAMOND);
        formula.setMarkerColor(new Color(214, 39, 40, 110));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : d) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo < hi) {
            XYSeries diagonal = chart.addSeries("δ̂ = δ", new double[] {lo, hi}, new double[] {lo, hi});
            diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            diagonal.setMarker(SeriesMarkers.NONE);
            diagonal.setLineColor(Color.GRAY);
        }
        // exactly the file asked for (BitmapEncoder.saveBitmap would append ".png" to the name)
        if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile())) throw new IOException("no PNG writer available for " + png);
    }
}
