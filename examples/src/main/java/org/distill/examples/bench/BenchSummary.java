package org.distill.examples.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Recovery rates, median times and the per-equation table of benchmark results, grouped by settings
 * (rows, noise, seed, time limit); and the plot of recovery rate against time budget.
 */
public final class BenchSummary {
    /** Published symbolic-solution rates at noise 0 (SRBench 2021, Feynman + Strogatz). */
    public static final Map<String, Double> PUBLISHED = publishedRates();

    private final Map<String, List<BenchResult>> groups = new LinkedHashMap<>();

    private BenchSummary(List<BenchResult> results) {
        for (BenchResult r : results) groups.computeIfAbsent(r.settings(), k -> new ArrayList<>()).add(r);
    }

    /** A summary of {@code results} (in file order; a problem run twice with the same settings counts once, the last run). */
    public static BenchSummary of(List<BenchResult> results) {
        Map<String, BenchResult> last = new LinkedHashMap<>();
        for (BenchResult r : results) {
            last.remove(r.key());
            last.put(r.key(), r);
        }
        return new BenchSummary(new ArrayList<>(last.values()));
    }

    /** The settings groups, in first-seen order. */
    public List<String> settings() { return List.copyOf(groups.keySet()); }

    /** The results of one settings group. */
    public List<BenchResult> results(String settings) {
        List<BenchResult> r = groups.get(settings);
        if (r == null) throw new IllegalArgumentException("no results with settings '" + settings + "'; have " + groups.keySet());
        return List.copyOf(r);
    }

    /** Fraction of the group's runs whose chosen equation is exact. */
    public double exactRate(String settings) {
        List<BenchResult> r = results(settings);
        return r.stream().filter(BenchResult::exact).count() / (double) r.size();
    }

    /** Fraction of the group's runs whose chosen equation reaches R² > 0.999. */
    public double accuracyRate(String settings) {
        List<BenchResult> r = results(settings);
        return r.stream().filter(BenchResult::accurate).count() / (double) r.size();
    }

    /** Median time to the first exact solution over the exact runs (NaN if none). */
    public double medianTimeToExact(String settings) {
        return median(results(settings).stream().filter(BenchResult::exact).mapToDouble(BenchResult::timeToExact).toArray());
    }

    /**
     * Fraction of the group's runs that are exact with a time to solution within {@code budget}
     * seconds: the recovery rate a run with that budget would have had (the search does not depend
     * on its budget until the budget ends).
     */
    public double exactRateWithin(String settings, double budget) {
        List<BenchResult> r = results(settings);
        return r.stream().filter(x -> x.exact() && x.timeToExact() <= budget).count() / (double) r.size();
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The summary as Markdown: one headline block and one table per settings group. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        for (String g : groups.keySet()) {
            List<BenchResult> r = groups.get(g);
            long exact = r.stream().filter(BenchResult::exact).count();
            long inFront = r.stream().filter(BenchResult::exactInFront).count();
            long accurate = r.stream().filter(BenchResult::accurate).count();
            sb.append(String.format(Locale.ROOT, "### %d problems, %s%n%n", r.size(), g));
            sb.append(String.format(Locale.ROOT, "- exact (symbolic) solutions: **%d / %d = %.1f %%** (an exact equation anywhere in the final front: %d)%n",
                    exact, r.size(), 100.0 * exact / r.size(), inFront));
            sb.append(String.format(Locale.ROOT, "- accuracy solutions (test R² > 0.999): %d / %d = %.1f %%%n",
                    accurate, r.size(), 100.0 * accurate / r.size()));
            sb.append(String.format(Locale.ROOT, "- median time to an exact solution: %s s (over the exact runs); median run time %s s%n",
                    fmt(medianTimeToExact(g)), fmt(median(r.stream().mapToDouble(BenchResult::elapsed).toArray()))));
            sb.append(String.format(Locale.ROOT, "- median complexity of the chosen equations: %s%n%n",
                    fmt(median(r.stream().mapToDouble(BenchResult::complexity).toArray()))));
            sb.append("| problem | vars | exact | R² (test) | time to exact (s) | run (s) | complexity | chosen equation |\n");
            sb.append("|---|---:|:---:|---:|---:|---:|---:|---|\n");
            for (BenchResult x : r) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %d | `%s` |%n", x.problem(), x.variables(),
                        x.exact() ? "yes" : x.exactInFront() ? "in front" : "no", r2(x.r2()), fmt(x.timeToExact()),
                        fmt(x.elapsed()), x.complexity(), x.equation().replace("|", "\\|")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String r2(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Double.NEGATIVE_INFINITY) return "−∞";
        if (v >= 1) return "1";
        if (v > 0.999) return String.format(Locale.ROOT, "1 − %.1e", 1 - v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /**
     * Writes a PNG of the exact-recovery rate against the time budget (log scale), one line per
     * settings group, with the published rates as dashed reference lines.
     */
    public void plot(Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Feynman benchmark: exact recovery vs time budget")
                .xAxisTitle("time budget per equation (s)").yAxisTitle("exact (symbolic) solutions (%)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        double lo = 0.1, hi = 1;
        for (String g : groups.keySet()) hi = Math.max(hi, groups.get(g).get(0).timeLimit());
        int n = 200;
        for (String g : groups.keySet()) {
            double limit = groups.get(g).get(0).timeLimit();
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i <= n; i++) {
                double t = lo * Math.pow(limit / lo, i / (double) n);
                xs.add(t);
                ys.add(100 * exactRateWithin(g, t));
            }
            XYSeries s = chart.addSeries("Distill (" + groups.get(g).size() + " problems, " + g + ")", xs, ys);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(2.5f);
        }
        Color[] colors = {Color.GRAY, new Color(0x8c564b), new Color(0x9467bd), new Color(0x17becf), new Color(0xbcbd22),
            new Color(0x7f7f7f)};
        int k = 0;
        for (Map.Entry<String, Double> e : PUBLISHED.entrySet()) {
            XYSeries s = chart.addSeries(e.getKey() + " (SRBench 2021, " + e.getValue() + " %)", List.of(lo, hi),
                    List.of(e.getValue(), e.getValue()));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(colors[k++ % colors.length]);
            s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        System.setProperty("java.awt.headless", "true");
        // exactly the file asked for (BitmapEncoder.saveBitmap would append ".png" to the name)
        if (!javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile())) {
            throw new IOException("no PNG writer available for " + png);
        }
    }

    private static Map<String, Double> publishedRates() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("AI Feynman", 52.6);
        m.put("GP-GOMEA", 27.1);
        m.put("AFP_FE", 26.2);
        m.put("DSR", 19.7);
        m.put("Operon", 16.0);
        m.put("gplearn", 15.5);
        return java.util.Collections.unmodifiableMap(m);
    }
}
