package org.distill.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.distill.symbolic.Progress;
import org.distill.symbolic.ProgressListener;

/**
 * Renders search progress on standard error: on a terminal, one line redrawn in place (at most ten
 * times a second); otherwise a plain line every ten seconds, so logs stay readable.
 *
 * <pre>
 * gen 40/100 [########------------]  40%  52.1k eval/s  best loss 1.234e-05  ETA 0:03
 * </pre>
 * Thread-safe: the search may report from any thread.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 20;

    private final PrintWriter err;
    private final boolean terminal;
    private final long totalGenerations; // 0 when the budget is not in generations
    private final long intervalNanos;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;
    private Progress last;

    ProgressBar(PrintWriter err, boolean terminal, long totalGenerations) {
        this.err = err;
        this.terminal = terminal;
        this.totalGenerations = totalGenerations;
        this.intervalNanos = terminal ? 100_000_000L : 10_000_000_000L;
    }

    /** Is this process's standard error a terminal? Exact on Linux, a guess elsewhere. */
    static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // fall through to the console check
        }
        java.io.Console console = System.console();
        if (console == null) return false;
        try { // Java 22+: a console exists even when redirected; ask whether it is a terminal
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: System.console() is null unless interactive
        }
    }

    @Override public synchronized void onProgress(Progress p) {
        last = p;
        long now = System.nanoTime();
        if (lastDraw != Long.MIN_VALUE && now - lastDraw < intervalNanos) return;
        lastDraw = now;
        draw(p);
    }

    /** Draws the last state and ends the line, before other output follows. */
    synchronized void finish() {
        if (terminal && last != null) {
            draw(last);
            err.print('\n');
            err.flush();
        }
        lastLength = 0;
    }

    private void draw(Progress p) {
        String line = render(p, totalGenerations, terminal);
        if (terminal) {
            int pad = Math.max(0, lastLength - line.length());
            err.print('\r' + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            err.print("distill: " + line + '\n');
        }
        err.flush();
    }

    /** One progress line, e.g. {@code gen 40/100 [####----]  40%  52.1k eval/s  best loss 1.2e-05  ETA 0:03}. */
    static String render(Progress p, long totalGenerations, boolean withBar) {
        StringBuilder sb = new StringBuilder();
        sb.append("gen ").append(p.generation());
        if (totalGenerations > 0) sb.append('/').append(totalGenerations);
        double f = p.fraction();
        if (f >= 0 && f <= 1) {
            if (withBar) {
                int filled = (int) Math.round(f * WIDTH);
                sb.append(" [").append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append(']');
            }
            sb.append(String.format(Locale.ROOT, " %3d%%", (int) Math.floor(100 * f)));
        }
        sb.append("  ").append(si(p.evaluationsPerSecond())).append(" eval/s");
        sb.append("  best loss ").append(Double.isFinite(p.bestLoss())
                ? String.format(Locale.ROOT, "%.4g", p.bestLoss()) : "-");
        if (f > 0 && f < 1) {
            double elapsed = p.elapsed().toNanos() / 1e9;
            sb.append("  ETA ").append(clock(elapsed * (1 - f) / f));
        }
        return sb.toString();
    }

    /** 1234 -> 1.2k, 5_600_000 -> 5.6M. */
    static String si(double v) {
        if (v >= 1e9) return String.format(Locale.ROOT, "%.1fG", v / 1e9);
        if (v >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        if (v >= 1e3) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** A whole number without decimals ({@code 60}), else three significant digits ({@code 0.125}). */
    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
    static String clock(double seconds) {
        long s = Math.round(Math.max(0, Math.min(seconds, 360_000 * 99.0)));
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
