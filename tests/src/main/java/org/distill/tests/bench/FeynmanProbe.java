package org.distill.tests.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.distill.examples.bench.BenchResult;
import org.distill.examples.bench.FeynmanBenchmark;
import org.distill.examples.bench.FeynmanProblem;
import org.distill.examples.bench.FeynmanTable;
import org.distill.symbolic.expr.Op;
import org.distill.symbolic.SymbolicRegressor;

/**
 * A/B probe of search parameters on Feynman equations with a generation budget (so that the outcome
 * does not depend on the machine's load): for each named configuration, how many equations are
 * recovered exactly, and the evaluations and wall time spent. Prints a Markdown table.
 *
 * <pre>
 * java -cp "tests/target/classes:$(cat tests/target/classpath.txt)" org.distill.tests.bench.FeynmanProbe \
 *     --problems I.8.14,I.11.19 --generations 300 --seeds 0,1 --configs base,crossover30
 * </pre>
 */
public final class FeynmanProbe {
    private static final Map<String, Consumer<SymbolicRegressor.Builder>> CONFIGS = new LinkedHashMap<>();

    static {
        CONFIGS.put("base", b -> { });
        CONFIGS.put("islands16x100", b -> b.islands(16).populationSize(100));
        CONFIGS.put("islands4x400", b -> b.islands(4).populationSize(400));
        CONFIGS.put("crossover30", b -> b.crossoverProbability(0.3));
        CONFIGS.put("optimize15", b -> b.optimizeProbability(0.15));
        CONFIGS.put("tournament4", b -> b.tournamentSize(4));
        CONFIGS.put("tournament16", b -> b.tournamentSize(16));
        CONFIGS.put("age20", b -> b.maxPhenotypeAge(20));
        CONFIGS.put("age100", b -> b.maxPhenotypeAge(100));
        CONFIGS.put("parsimony0", b -> b.parsimony(0));
        CONFIGS.put("adaptive20", b -> b.adaptiveParsimony(20));
        CONFIGS.put("square", b -> b.operators(with(Op.SQUARE)));
        CONFIGS.put("complexity40", b -> b.maxComplexity(40));
        CONFIGS.put("migrants30", b -> b.migrants(30));
        CONFIGS.put("scaleOff", b -> b.scale(org.distill.symbolic.search.Scaling.Mode.OFF));
        CONFIGS.put("scaleAll", b -> b.scale(org.distill.symbolic.search.Scaling.Mode.ALL));
    }

    private static List<Op> with(Op extra) {
        List<Op> ops = new ArrayList<>(Op.DEFAULTS);
        ops.add(extra);
        return ops;
    }

    public static void main(String[] args) {
        List<String> problems = List.of("I.8.14", "I.11.19", "I.13.4", "I.10.7", "I.15.1", "I.37.4", "I.40.1", "I.24.6");
        List<String> configs = List.of("base");
        long generations = 300;
        List<Long> seeds = List.of(0L);
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--problems" -> problems = Arrays.asList(args[++i].split(","));
                case "--configs" -> configs = Arrays.asList(args[++i].split(","));
                case "--generations" -> generations = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList();
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; configs: " + CONFIGS.keySet());
            }
        }
        for (String c : configs) {
            if (!CONFIGS.containsKey(c)) throw new IllegalArgumentException("unknown config " + c + "; have " + CONFIGS.keySet());
        }
        List<FeynmanProblem> chosen = FeynmanTable.select(FeynmanTable.builtIn(), problems);
        System.out.printf(Locale.ROOT, "# Feynman probe: %d problems x %d seeds, %d generations, %d thread(s)%n%n",
                chosen.size(), seeds.size(), generations, threads);
        System.out.println(BenchMachine.describe());
        System.out.println();
        System.out.println("| config | exact | exact in front | evaluations (M) | wall (s) | solved |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        for (String c : configs) {
            int exact = 0, front = 0;
            long evals = 0;
            double wall = 0;
            List<String> solved = new ArrayList<>();
            for (long seed : seeds) {
                FeynmanBenchmark.Settings s = FeynmanBenchmark.Settings.defaults().withTime(Duration.ofHours(1))
                        .withGenerations(generations).withSeed(seed).withThreads(threads);
                for (FeynmanProblem p : chosen) {
                    BenchResult r = FeynmanBenchmark.run(p, s, b -> CONFIGS.get(c).accept(b.simplify(false)), new AtomicBoolean());
                    if (r.exact()) {
                        exact++;
                        solved.add(p.name() + "/" + seed);
                    }
                    if (r.exactInFront()) front++;
                    evals += r.evaluations();
                    wall += r.elapsed();
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %s |%n", c, exact, front, evals / 1e6, wall,
                    String.join(" ", solved));
            System.out.flush();
        }
    }
}
