package org.distill.physics.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The numbers and the figure of docs/STREAM-DATA.md: generation time for 200 tasks at two sizes, and one task's sky,
 * proper motions and colour–magnitude diagram ({@code physics/target/stream-task.png}). Run with
 * {@code ./test --slow -pl physics -Dtest=StreamDataReportTest}.
 */
@Tag("slow")
class StreamDataReportTest {

    @Test
    void timingAndFigure() throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.println("| settings | tasks | stars | members/task | wall s | CPU s | CPU ms/task |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var settings : List.of(
                StreamTaskGenerator.builder().seed(1),
                StreamTaskGenerator.builder().seed(1).members(20, 40))) {
            var generator = settings.build();
            generator.generate(1000, 4);                                   // warm up
            long start = System.nanoTime(), cpuStart = os.getProcessCpuTime();
            List<StreamTask> tasks = generator.generate(0, 200);
            double seconds = (System.nanoTime() - start) / 1e9, cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
            long stars = tasks.stream().mapToLong(StreamTask::size).sum();
            double members = tasks.stream().mapToInt(StreamTask::members).average().orElseThrow();
            System.out.printf("| members %d–%d, fieldRatio %.0f | 200 | %d | %.0f | %.1f | %.1f | %.0f |%n",
                    generator.minMembers(), generator.maxMembers(), generator.fieldRatio(), stars, members, seconds,
                    cpu, 1000 * cpu / 200);
            assertThat(tasks).hasSize(200);
        }
        StreamTask task = StreamTaskGenerator.builder().seed(1).members(150).fieldRatio(100).build().generate(3);
        System.out.println(task + " " + task.parameters());
        Path png = Path.of("target", "stream-task.png");
        Files.createDirectories(png.getParent());
        write(png, task);
    }

    /**
     * How hard the tasks are: a naive one-class baseline scores each star by its distance to the nearest of K
     * support members (features standardised by the field's 16–84 % range), and the best threshold is chosen with
     * the true labels (an optimistic oracle). Mean best MCC over 10 tasks.
     */
    @Test
    void nearestSupportBaseline() {
        System.out.println("| members | support K | mean best F1 | mean best MCC |");
        System.out.println("|---|---|---|---|");
        for (int[] setting : new int[][] {{160, 320, 10}, {160, 320, 100}, {20, 40, 10}}) {
            var generator = StreamTaskGenerator.builder().seed(1).members(setting[0], setting[1]).build();
            double f1 = 0, mcc = 0;
            for (int task = 0; task < 10; task++) {
                double[] best = nearestSupport(generator.generate(task), setting[2], new java.util.Random(task));
                f1 += best[0] / 10;
                mcc += best[1] / 10;
            }
            System.out.printf("| %d–%d | %d | %.3f | %.3f |%n", setting[0], setting[1], setting[2], f1, mcc);
            assertThat(mcc).isBetween(0.1, 0.95);                      // neither hopeless nor trivial
        }
    }

    private static double[] nearestSupport(StreamTask t, int support, java.util.Random rng) {
        float[][] x = t.localFeatures();
        int d = 7;
        double[] scale = new double[d];
        for (int c = 0; c < d; c++) {
            double[] v = new double[x.length];
            for (int i = 0; i < x.length; i++) v[i] = x[i][c];
            java.util.Arrays.sort(v);
            scale[c] = (v[(int) (v.length * 0.84)] - v[(int) (v.length * 0.16)]) / 2;
        }
        var members = new java.util.ArrayList<Integer>();
        for (int i : t.memberIndices()) members.add(i);
        java.util.Collections.shuffle(members, rng);
        var chosen = new java.util.HashSet<>(members.subList(0, support));
        int q = x.length - support, positives = t.members() - support, k = 0;
        double[] score = new double[q];
        boolean[] label = new boolean[q];
        for (int i = 0; i < x.length; i++) {
            if (chosen.contains(i)) continue;
            double best = Double.POSITIVE_INFINITY;
            for (int s : chosen) {
                double dd = 0;
                for (int c = 0; c < d; c++) {
                    double z = (x[i][c] - x[s][c]) / scale[c];
                    dd += z * z;
                }
                best = Math.min(best, dd);
            }
            score[k] = best;
            label[k++] = t.member()[i];
        }
        Integer[] order = new Integer[q];
        for (int i = 0; i < q; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double bestF1 = 0, bestMcc = 0;
        long tp = 0, fp = 0;
        for (int i = 0; i < q; i++) {
            if (label[order[i]]) tp++;
            else fp++;
            long fn = positives - tp, tn = q - positives - fp;
            bestF1 = Math.max(bestF1, 2.0 * tp / (2 * tp + fp + fn));
            double den = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
            if (den > 0) bestMcc = Math.max(bestMcc, ((double) tp * tn - (double) fp * fn) / den);
        }
        return new double[] {bestF1, bestMcc};
    }

    static void write(Path png, StreamTask task) throws IOException {
        System.setProperty("java.awt.headless", "true");
        var s = task.stars();
        int[] members = task.memberIndices(), field = task.fieldIndices();
        XYChart sky = chart("sky", "ra (deg)", "dec (deg)");
        add(sky, "field", pick(s.ra(), field), pick(s.dec(), field), new Color(120, 120, 120, 60));
        add(sky, "members", pick(s.ra(), members), pick(s.dec(), members), new Color(214, 39, 40, 200));
        XYChart pm = chart("proper motions", "pmra (mas/yr)", "pmdec (mas/yr)");
        add(pm, "field", pick(s.pmra(), field), pick(s.pmdec(), field), new Color(120, 120, 120, 60));
        add(pm, "members", pick(s.pmra(), members), pick(s.pmdec(), members), new Color(214, 39, 40, 200));
        pm.getStyler().setXAxisMin(-25.0).setXAxisMax(25.0).setYAxisMin(-25.0).setYAxisMax(25.0);
        XYChart cmd = chart("colour–magnitude", "BP−RP", "−G (up = brighter)");
        add(cmd, "field", pick(s.bpRp(), field), negate(pick(s.g(), field)), new Color(120, 120, 120, 60));
        add(cmd, "members", pick(s.bpRp(), members), negate(pick(s.g(), members)), new Color(214, 39, 40, 200));
        cmd.getStyler().setXAxisMin(-0.5).setXAxisMax(3.0);
        XYChart plx = chart("parallax vs G", "G", "parallax (mas)");
        add(plx, "field", pick(s.g(), field), pick(s.parallax(), field), new Color(120, 120, 120, 60));
        add(plx, "members", pick(s.g(), members), pick(s.parallax(), members), new Color(214, 39, 40, 200));
        plx.getStyler().setYAxisMin(-1.5).setYAxisMax(3.0);
        List<XYChart> charts = List.of(sky, pm, cmd, plx);
        int w = 520, h = 480;
        var image = new BufferedImage(2 * w, 2 * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < charts.size(); i++)
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % 2) * w, (i / 2) * h, null);
        g.dispose();
        if (!ImageIO.write(image, "png", png.toFile())) throw new IOException("no PNG writer for " + png);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(520).height(480).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(3);
        c.getStyler().setLegendVisible(true);
        return c;
    }

    private static void add(XYChart c, String name, double[] x, double[] y, Color colour) {
        XYSeries series = c.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colour);
    }

    private static double[] pick(double[] column, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = column[rows[i]];
        return out;
    }

    private static double[] negate(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) out[i] = -out[i];
        return out;
    }
}
