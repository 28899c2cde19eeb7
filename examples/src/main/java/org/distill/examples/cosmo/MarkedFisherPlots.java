package org.distill.examples.cosmo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.distill.examples.cosmo.MarkedFisher.Analysis;
import org.distill.examples.cosmo.MarkedFisher.Parameter;
import org.distill.physics.cosmo.Cosmology;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The marked-power Fisher plots: confidence ellipses and the derivatives of the statistics. */
public final class MarkedFisherPlots {
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), Color.BLACK,
            new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14)};

    private MarkedFisherPlots() { }

    /** 68 % confidence ellipses (Δχ² = 2.30) of P, M and P+M for 1 (Gpc/h)³: Ωm–σ8 beside σ8–Mν. */
    public static void ellipses(Path png, Analysis a) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        for (Parameter[] pair : new Parameter[][] {{Parameter.OMEGA_M, Parameter.SIGMA8}, {Parameter.SIGMA8, Parameter.MNU}}) {
            XYChart c = chart(pair[0].symbol() + " - " + pair[1].symbol() + ", 68% (1 (Gpc/h)^3)", pair[0].symbol(), pair[1].symbol(), false);
            double x0 = fiducial(pair[0]), y0 = fiducial(pair[1]);
            int color = 0;
            for (MarkedFisher.Forecast f : a.forecasts()) {
                double[][] e = f.fisher().ellipse(pair[0].symbol(), pair[1].symbol(), 2.30, 121);
                for (int i = 0; i < e[0].length; i++) {
                    e[0][i] += x0;
                    e[1][i] += y0;
                }
                XYSeries s = c.addSeries(f.name(), e[0], e[1]);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(COLORS[color++ % COLORS.length]);
            }
            panels.add(BitmapEncoder.getBufferedImage(c));
        }
        write(png, panels, true);
    }

    /**
     * dP/dθ and dM/dθ (first mark) against k, one line per parameter, each in units of the statistic's standard
     * deviation in that bin over the fiducial simulations (the box's volume): the signal-to-noise per unit of θ that
     * the Fisher matrix adds up. (The marked spectrum, shot noise subtracted, crosses zero, so d ln M/dθ would not do.)
     */
    public static void derivatives(Path png, Analysis a) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        String[] names = {"P(k)", "M(k), mark " + a.settings().marks().get(0)};
        for (int b = 0; b < 2; b++) {
            XYChart c = chart("d " + names[b] + " / d theta, per fiducial std (" + a.derivativeSims() + " seeds)", "k [h/Mpc]",
                    "(dX/dtheta) / sigma_X(k)", true);
            for (Parameter p : Parameter.values()) {
                double[] d = a.derivatives()[b][p.ordinal()].clone();
                for (int i = 0; i < d.length; i++) d[i] /= a.sd()[b][i];
                XYSeries s = c.addSeries(p.symbol(), a.k(), d);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(COLORS[p.ordinal() % COLORS.length]);
                s.setLineColor(COLORS[p.ordinal() % COLORS.length]);
            }
            panels.add(BitmapEncoder.getBufferedImage(c));
        }
        write(png, panels, false);
    }

    private static double fiducial(Parameter p) {
        Cosmology c = Cosmology.QUIJOTE;
        return switch (p) {
            case OMEGA_M -> c.omegaM();
            case OMEGA_B -> c.omegaB();
            case H -> c.h();
            case NS -> c.ns();
            case SIGMA8 -> c.sigma8();
            case MNU -> c.mnu();
        };
    }

    private static XYChart chart(String title, String x, String y, boolean logX) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(640).height(520).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setMarkerSize(4);
        return c;
    }

    private static void write(Path png, List<BufferedImage> parts, boolean sideBySide) throws IOException {
        int w = 0, h = 0;
        for (BufferedImage b : parts) {
            w = sideBySide ? w + b.getWidth() : Math.max(w, b.getWidth());
            h = sideBySide ? Math.max(h, b.getHeight()) : h + b.getHeight();
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int x = 0, y = 0;
        for (BufferedImage b : parts) {
            g.drawImage(b, x, y, null);
            if (sideBySide) x += b.getWidth();
            else y += b.getHeight();
        }
        g.dispose();
        if (!ImageIO.write(img, "png", png.toFile())) throw new IOException("no PNG writer available for " + png);
    }
}
