package org.distill.examples.cosmo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.distill.physics.cosmo.Cosmology;
import org.distill.physics.cosmo.HaloCatalog;
import org.distill.physics.cosmo.linear.EisensteinHuPower;
import org.distill.physics.cosmo.linear.LinearPower;
import org.distill.physics.cosmo.linear.MassFunction;
import org.distill.physics.cosmo.mesh.RealGrid;
import org.distill.physics.cosmo.stats.PowerSpectrum;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The cosmology toolkit's validation plots as PNGs: a measured P(k) against linear theory with their ratio, a halo
 * mass function against Tinker et al. (2008) and Sheth–Tormen, and a slice of a density field.
 */
public final class CosmoPlots {
    private static final Color[] COLORS = {Color.BLACK, new Color(31, 119, 180), new Color(214, 39, 40),
            new Color(44, 160, 44), new Color(148, 103, 189)};

    private CosmoPlots() { }

    /**
     * The measured monopole (shot noise subtracted) and the linear P(k) at the snapshot's scale factor {@code a} on
     * log axes, and below it their ratio: one PNG of two panels.
     */
    public static void power(Path png, PowerSpectrum measured, LinearPower linear, double a, String title) throws IOException {
        Objects.requireNonNull(linear, "linear");
        double[] k = measured.k(), lin = new double[k.length], ratio = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            lin[i] = linear.at(k[i]);
            ratio[i] = measured.p0()[i] / lin[i];
        }
        XYChart top = chart(title, "k [h/Mpc]", "P(k) [(Mpc/h)^3]", true, true);
        add(top, "measured (shot noise subtracted)", k, measured.p0(), 0, true);
        add(top, "linear theory at a = " + String.format(java.util.Locale.ROOT, "%.3g", a), k, lin, 1, true);
        XYChart bottom = chart(null, "k [h/Mpc]", "measured / linear", true, false);
        add(bottom, "ratio", k, ratio, 0, false);
        add(bottom, "1", new double[] {k[0], k[k.length - 1]}, new double[] {1, 1}, 1, false);
        stack(png, top, bottom);
    }

    /**
     * The mass function of {@code halos}, dn/dlnM in (h/Mpc)³ in bins of 0.2 dex with Poisson error bars, against
     * Tinker et al. (2008, Δ = 200m) and Sheth–Tormen for {@code cosmology} at the catalogue's redshift; a vertical
     * marker at 100 particles (below it, PM halo masses are approximate).
     */
    public static void massFunction(Path png, HaloCatalog halos, Cosmology cosmology, double particleMass, String title)
            throws IOException {
        MassFunctionBins bins = MassFunctionBins.of(halos, 0.2);
        XYChart c = chart(title, "M [M_sun/h]", "dn/dlnM [(h/Mpc)^3]", true, true);
        if (bins.mass().length > 0) {
            double[] bar = bins.error().clone(); // a log axis takes no bar reaching zero: clip at 90 % of the value
            for (int i = 0; i < bar.length; i++) bar[i] = Math.min(bar[i], 0.9 * bins.dndlnM()[i]);
            XYSeries s = c.addSeries("FoF halos (" + halos.size() + ")", bins.mass(), bins.dndlnM(), bar);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(COLORS[0]);
            EisensteinHuPower power = EisensteinHuPower.of(cosmology);
            double lo = bins.mass()[0] / 1.5, hi = bins.mass()[bins.mass().length - 1] * 1.5;
            int n = 60;
            double[] m = new double[n], tinker = new double[n], st = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
                tinker[i] = MassFunction.TINKER08.dndlnM(power, m[i], halos.redshift());
                st[i] = MassFunction.SHETH_TORMEN.dndlnM(power, m[i], halos.redshift());
            }
            add(c, "Tinker et al. 2008", m, tinker, 1, true);
            add(c, "Sheth-Tormen", m, st, 2, true);
            double m100 = 100 * particleMass, yMax = Arrays.stream(tinker).max().orElse(1);
            add(c, "100 particles", new double[] {m100, m100}, new double[] {yMax * 1e-6, yMax * 10}, 3, true);
        } else {
            c.addSeries("(no halos)", new double[] {1}, new double[] {1});
        }
        stack(png, c);
    }

    /**
     * A slice of {@code contrast} (a density contrast δ, averaged over {@code thickness} cells from plane 0 along z) as
     * an image of log10(1 + δ), one pixel per cell scaled to at least 512 pixels, with a grey scale from the 1st to
     * the 99.9th percentile.
     */
    public static void slice(Path png, RealGrid contrast, int thickness) throws IOException {
        RealGrid grid = contrast;
        int n = grid.n();
        if (thickness < 1 || thickness > n) throw new IllegalArgumentException("thickness must be in [1, " + n + "]: " + thickness);
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < thickness; l++) s += 1 + grid.get(i, j, l);
                v[i * n + j] = Math.log10(Math.max(s / thickness, 1e-3));
            }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double lo = sorted[(int) (0.01 * (sorted.length - 1))], hi = sorted[(int) (0.999 * (sorted.length - 1))];
        int scale = Math.max(1, 512 / n);
        BufferedImage img = new BufferedImage(n * scale, n * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double t = hi > lo ? Math.min(1, Math.max(0, (v[i * n + j] - lo) / (hi - lo))) : 0.5;
                int g = (int) Math.round(255 * t);
                int rgb = (g << 16) | (g << 8) | g;
                for (int a = 0; a < scale; a++)
                    for (int b = 0; b < scale; b++) img.setRGB(i * scale + a, (n - 1 - j) * scale + b, rgb);
            }
        write(png, img);
    }

    private static XYChart chart(String title, String x, String y, boolean logX, boolean logY) {
        System.setProperty("java.awt.headless", "true");
        XYChart c = new XYChartBuilder().width(800).height(title == null ? 300 : 520).title(title == null ? "" : title)
                .xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesVisible(true);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /** A line of the points of {@code y} that are finite (and positive on a log axis). */
    private static void add(XYChart c, String name, double[] x, double[] y, int color, boolean logY) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < x.length; i++)
            if (Double.isFinite(y[i]) && (!logY || y[i] > 0) && x[i] > 0) keep.add(new double[] {x[i], y[i]});
        if (keep.isEmpty()) return;
        XYSeries s = c.addSeries(name, keep.stream().mapToDouble(p -> p[0]).toArray(), keep.stream().mapToDouble(p -> p[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(COLORS[color % COLORS.length]);
    }

    private static void stack(Path png, XYChart... charts) throws IOException {
        List<BufferedImage> parts = new ArrayList<>();
        int width = 0, height = 0;
        for (XYChart c : charts) {
            BufferedImage b = BitmapEncoder.getBufferedImage(c);
            parts.add(b);
            width = Math.max(width, b.getWidth());
            height += b.getHeight();
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (BufferedImage b : parts) {
            g.drawImage(b, 0, y, null);
            y += b.getHeight();
        }
        g.dispose();
        write(png, img);
    }

    private static void write(Path png, BufferedImage img) throws IOException {
        if (!ImageIO.write(img, "png", png.toFile())) throw new IOException("no PNG writer available for " + png);
    }
}
