package org.distill.tests.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.distill.symbolic.Dataset;
import org.distill.symbolic.Equation;
import org.distill.symbolic.ParetoFront;
import org.distill.symbolic.Selection;
import org.distill.symbolic.SymbolicRegressor;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.search.Scaling;

/**
 * The real-law sets of {@code examples/data/laws/} searched with each {@link Scaling.Mode} (same
 * seed and generation budget, default settings otherwise): how often the chosen equation
 * ({@link Selection#BEST}) is the law, by {@link LawsBenchmark}'s rule (relative RMS deviation from
 * the noise-free law at most the noise level, on the data's inputs and on them × 1.5, complexity at
 * most the law's + 3).
 *
 * <pre>java -cp "tests/target/classes:$(cat tests/target/classpath.txt)" org.distill.tests.bench.LawsScalingBenchmark
 *     [--generations 300] [--seeds 1,2,3] [--modes off,auto] [--dir examples/data/laws] [--only gravitation,coulomb]</pre>
 */
public final class LawsScalingBenchmark {
    private LawsScalingBenchmark() {}


    public static void main(String[] args) throws IOException {
        long generations = 300;
        List<Long> seeds = List.of(1L, 2L, 3L);
        List<Scaling.Mode> modes = List.of(Scaling.Mode.OFF, Scaling.Mode.AUTO);
        List<String> only = null;
        Path dir = Path.of("examples/data/laws");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--generations" -> generations = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Stream.of(args[++i].split(",")).map(Long::parseLong).toList();
                case "--modes" -> modes = Stream.of(args[++i].split(",")).map(Scaling.Mode::named).toList();
                case "--only" -> only = List.of(args[++i].split(","));
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "': expected --generations N, --seeds 1,2,3, --modes off,auto, --only NAME,... or --dir DIR");
            }
        }
        List<Path> files = LawsBenchmark.lawFiles(dir);
        System.out.printf(Locale.ROOT, "%s; load average %s; %d generations, seeds %s, modes %s%n", BenchMachine.describe(),
                BenchMachine.loadAverage(), generations, seeds, modes);
        int[] laws = new int[modes.size()];
        int runs = 0;
        List<String> table = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".csv", "");
            if (only != null && !only.contains(name)) continue;
            LawsBenchmark.LawFile lf = LawsBenchmark.LawFile.read(f);
            Dataset data = lf.data();
            Expr truth = lf.truth();
            double noise = lf.noise();
            int[] found = new int[modes.size()];
            for (long seed : seeds) {
                runs++;
                for (int k = 0; k < modes.size(); k++) {
                    ParetoFront front = SymbolicRegressor.builder().generations(generations).seed(seed).threads(2)
                            .scale(modes.get(k)).build().fit(data);
                    Equation b = front.select(Selection.BEST);
                    boolean ok = LawsBenchmark.isLaw(b, truth, data, noise);
                    found[k] += ok ? 1 : 0;
                    laws[k] += ok ? 1 : 0;
                    System.out.printf(Locale.ROOT, "%-18s seed %d  scale %-4s %s c=%d  %s%n", name, seed, modes.get(k),
                            ok ? "LAW" : "no ", b.complexity(), b);
                    System.out.flush();
                }
            }
            StringBuilder row = new StringBuilder("| " + name + " |");
            for (int k = 0; k < modes.size(); k++) row.append(' ').append(found[k]).append('/').append(seeds.size()).append(" |");
            table.add(row.toString());
        }
        System.out.println();
        StringBuilder head = new StringBuilder("| law |");
        for (Scaling.Mode m : modes) head.append(" scale ").append(m).append(" |");
        System.out.println(head);
        for (String row : table) System.out.println(row);
        StringBuilder all = new StringBuilder("| **all** |");
        for (int l : laws) all.append(" **").append(l).append('/').append(runs).append("** |");
        System.out.println(all);
    }
}
