package org.distill.tests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.Selection;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.Weighting;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Evaluator;
import org.distill.symbolic.eval.Program;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.expr.Parser;
import org.distill.symbolic.io.CsvTable;

/**
 * The small noisy real-law sets of {@code examples/data/laws/}: each file names its law in a
 * {@code # law:} comment and its relative noise in another. Each is searched with the default
 * settings and a generation budget; the chosen equation, by {@link Selection#BEST} (validation)
 * and by {@link Selection#IN_SAMPLE} (the rule before), counts as the law when its relative RMS
 * deviation from the noise-free law on the data's inputs is at most the noise level and its
 * complexity at most the law's + 3, on the data's inputs and on the inputs stretched by 1.5 (a law
 * extrapolates; a noise fit that happens to lie close on the data does not). "Without the bound"
 * repeats the same search with {@code boundOscillation(false)}; with {@code --denoise} it is
 * replaced by the same search with {@code denoise(true)} (Gaussian-process smoothing of the target),
 * with {@code --weighting relative|auto} by the same search with that {@link Weighting} (row
 * weights 1/y²; with {@code auto}, a law file whose target it leaves unweighted reuses the default
 * search's front, which the same search would repeat exactly), with {@code --no-features} by the same
 * search without candidate features ({@code features(false)}; they are on by default), with {@code --ops +,-,...} by
 * the same search with those operators (for example the defaults plus {@code asin}; with {@code --no-features} too,
 * both).
 *
 * <pre>java -cp "tests/target/classes:$(cat tests/target/classpath.txt)" org.distill.tests.bench.LawsBenchmark
 *     [--generations N] [--seeds 1,2,3] [--dir examples/data/laws] [--denoise | --weighting relative|auto | --no-features | --ops OP,OP,...]</pre>
 */
public final class LawsBenchmark {
    private LawsBenchmark() {}

    private static final Pattern NOISE = Pattern.compile("\\(1 \\+ ([0-9.]+)\\*N\\(0,1\\)\\)");

    public static void main(String[] args) throws IOException {
        long generations = 300;
        List<Long> seeds = List.of(1L, 2L, 3L);
        Path dir = Path.of("examples/data/laws");
        boolean denoise = false;
        boolean noFeatures = false;
        Weighting weighting = Weighting.NONE;
        List<Op> ops = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--generations" -> generations = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Stream.of(args[++i].split(",")).map(Long::parseLong).toList();
                case "--dir" -> dir = Path.of(args[++i]);
                case "--denoise" -> denoise = true;
                case "--no-features" -> noFeatures = true;
                case "--weighting" -> weighting = Weighting.named(args[++i]);
                case "--ops" -> ops = Stream.of(args[++i].split(",")).map(String::strip).map(Op::builtin).toList();
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "': expected --generations N, --seeds 1,2,3, --dir DIR, --denoise, --weighting relative|auto, "
                        + "--no-features or --ops OP,OP,...");
            }
        }
        if ((denoise ? 1 : 0) + (weighting != Weighting.NONE ? 1 : 0) + (noFeatures || ops != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--denoise, --weighting and --no-features/--ops each replace the second search: "
                    + "give one (--no-features and --ops go together)");
        }
        String second = denoise ? "denoised" : weighting != Weighting.NONE ? "weighting " + weighting
                : noFeatures && ops != null ? "no-features+ops" : noFeatures ? "no-features" : ops != null ? "ops" : "unbounded";
        List<Path> files = lawFiles(dir);
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s; load average %s; %d generations, seeds %s%n", BenchMachine.describe(),
                BenchMachine.loadAverage(), generations, seeds);
        int best = 0, unbounded = 0, inSample = 0, runs = 0;
        for (Path f : files) {
            LawFile lf = LawFile.read(f);
            Dataset data = lf.data();
            Expr truth = lf.truth();
            double noise = lf.noise();
            for (long seed : seeds) {
                SymbolicRegressor.Builder solver = SymbolicRegressor.builder().generations(generations).seed(seed).threads(2);
                ParetoFront front = solver.build().fit(data);
                // The same search (same seed and budget) without the bound on sines (only validation
                // differs), or with --denoise on a smoothed target, or with --weighting's row weights.
                ParetoFront free;
                if (denoise) {
                    free = solver.denoise(true).build().fit(data);
                } else if (noFeatures || ops != null) {
                    free = solver.features(!noFeatures).operators(ops != null ? ops : Op.DEFAULTS).build().fit(data);
                } else if (weighting != Weighting.NONE) {
                    free = weighting.resolve(data.y()) == Weighting.NONE ? front // the same search
                            : solver.weighting(weighting).build().fit(data);
                } else {
                    free = solver.boundOscillation(false).build().fit(data);
                }
                Equation b = front.select(Selection.BEST), u = free.select(Selection.BEST), o = front.select(Selection.IN_SAMPLE);
                boolean okB = isLaw(b, truth, data, noise), okU = isLaw(u, truth, data, noise), okO = isLaw(o, truth, data, noise);
                best += okB ? 1 : 0;
                unbounded += okU ? 1 : 0;
                inSample += okO ? 1 : 0;
                runs++;
                System.out.printf(Locale.ROOT, "%-22s seed %d  best %s %s%n%-30s %s %s %s%n%-30s in-sample %s %s%n",
                        f.getFileName(), seed, okB ? "LAW " : "no  ", b, "", second, okU ? "LAW " : "no  ", u,
                        "", okO ? "LAW " : "no  ", o);
            }
        }
        System.out.printf(Locale.ROOT, "chosen equation is the law: best (validation, sines bounded) %d of %d, "
                + "best %s %d of %d, in-sample (the rule before) %d of %d%n", best, runs,
                denoise ? "with --denoise" : weighting != Weighting.NONE ? "with --weighting " + weighting
                        : noFeatures || ops != null ? "with" + (noFeatures ? " --no-features" : "") + (ops != null ? " --ops " + ops : "")
                        : "without the bound",
                unbounded, runs, inSample, runs);
        System.out.printf(Locale.ROOT, "wall time %.1f min; load average %s%n", (System.nanoTime() - start) / 60e9,
                BenchMachine.loadAverage());
    }

    /** The law files (CSV) of a folder, sorted by name. */
    static List<Path> lawFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** A law data set: its rows, the true law (the '# law:' comment) and its relative noise (the noise comment). */
    record LawFile(Dataset data, Expr truth, double noise) {
        static LawFile read(Path f) throws IOException {
            String law = null;
            double noise = Double.NaN;
            String target = null;
            for (String line : Files.readAllLines(f)) {
                if (line.startsWith("# law:")) law = line.substring(6).trim();
                Matcher m = NOISE.matcher(line);
                if (line.startsWith("#") && m.find()) noise = Double.parseDouble(m.group(1));
                if (!line.startsWith("#")) {
                    String[] h = line.split(",");
                    target = h[h.length - 1].trim();
                    break;
                }
            }
            if (law == null || Double.isNaN(noise)) throw new IllegalArgumentException(f + ": no '# law:' or noise comment");
            Dataset data = CsvTable.read(f).toDataset(target, null);
            return new LawFile(data, Parser.parse(law, data.variables()), noise);
        }
    }

    static boolean isLaw(Equation e, Expr truth, Dataset data, double noise) {
        if (e.complexity() > truth.complexity() + 3) return false;
        // On the data's inputs and on the same inputs × 1.5 (a law extrapolates, a fit does not).
        for (double stretch : new double[] {1, 1.5}) {
            Columns c = data.columns();
            for (double[] col : c.x()) for (int i = 0; i < col.length; i++) col[i] *= stretch;
            double[] want = new Evaluator().predict(Program.compile(truth), c);
            double[] got = new Evaluator().predict(Program.compile(e.expression()), c);
            double s = 0;
            for (int i = 0; i < want.length; i++) {
                double r = (got[i] - want[i]) / want[i];
                s += r * r;
            }
            if (!(Math.sqrt(s / want.length) <= noise)) return false;
        }
        return true;
    }
}
