package org.distill.symbolic.search;

import io.jenetics.EliteSelector;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * One population evolving with its own Jenetics {@link Engine}, its own random generator and its
 * own scorer, so that its course depends only on the seed and the migrants it receives.
 */
final class Island {
    private final IslandRandom random;
    private final TreeFactory factory;
    private final Scorer scorer;
    private final Engine<ExprGene, Double> engine;
    private final Columns full;
    private final int batchSize;
    private final int populationSize;
    private EvolutionStart<ExprGene, Double> start;

    Island(SearchConfig o, long seed, TreeFactory factory, Canonicalizer canonicalizer,
           Columns full, int batchSize, List<Expr> initial) {
        this(o, new IslandRandom(seed), factory, canonicalizer, full, batchSize);
        List<Expr> seeds = initial; // validated by the search: within the limits, at most half the population
        this.start = RandomRegistry.with(random, r -> {
            List<Phenotype<ExprGene, Double>> pop = new ArrayList<>();
            for (Expr e : seeds) pop.add(phenotype(e, 1));
            while (pop.size() < o.populationSize()) pop.add(phenotype(factory.random(r), 1));
            return EvolutionStart.of(ISeq.of(pop), 1);
        });
    }

    /**
     * An island with this generator and no population yet: {@link IslandCodec} restores the rest of
     * an island sent from another process (population, scorer) into it.
     */
    Island(SearchConfig o, IslandRandom random, TreeFactory factory, Canonicalizer canonicalizer,
           Columns full, int batchSize) {
        this.random = random;
        this.factory = factory;
        this.full = full;
        this.batchSize = batchSize;
        this.populationSize = o.populationSize();
        // Least-squares scaling only matches the squared error; robust losses search unscaled.
        // The explicit form a + b·f needs + and ×: without them, no scaling.
        boolean scaling = o.linearScaling() && o.loss().isMse()
                && o.operators().stream().anyMatch(op -> op.kind() == Op.Kind.ADD)
                && o.operators().stream().anyMatch(op -> op.kind() == Op.Kind.MUL);
        this.scorer = new Scorer(o.loss(), scaling, o.parsimony(), o.adaptiveParsimony(),
                o.maxComplexity(), canonicalizer);
        scorer.units(o.units().penalty(scaling)); // dimensional analysis (units package)
        Mutations mutations = new Mutations(factory, canonicalizer);
        TreeAlterer alterer = new TreeAlterer(mutations, factory, scorer, o.crossoverProbability(),
                o.optimizeProbability(), scaling);
        Genotype<ExprGene> prototype = Genotype.of(new ExprChromosome(new ExprGene(Expr.variable(0), factory)));
        this.engine = new Engine.Builder<>(scorer, prototype)
                .minimizing()
                .populationSize(o.populationSize())
                .offspringFraction(0.7)
                .offspringSelector(new TournamentSelector<>(o.tournamentSize()))
                .survivorsSelector(new EliteSelector<ExprGene, Double>(2, new TournamentSelector<>(3)))
                .alterers(alterer)
                .maximalPhenotypeAge(o.maxPhenotypeAge())
                .executor(Runnable::run)
                .build();
        if (batchSize == 0) scorer.rows(full);
    }

    Phenotype<ExprGene, Double> phenotype(Expr e, long generation) {
        return Phenotype.of(Genotype.of(new ExprChromosome(new ExprGene(e, factory))), generation);
    }

    /** Evolves {@code generations} generations, or fewer if {@code stop} turns true; returns how many ran. */
    int epoch(int generations, BooleanSupplier stop) {
        receivedCache = null; // the cache changes now
        return RandomRegistry.with(random, r -> {
            if (batchSize > 0) {
                int[] idx = new int[batchSize];
                for (int i = 0; i < batchSize; i++) idx[i] = r.nextInt(full.rows());
                scorer.rows(full.subset(idx));
                start = EvolutionStart.of(start.population(), start.generation());
            }
            int done = 0;
            for (; done < generations && !stop.getAsBoolean(); done++) {
                EvolutionResult<ExprGene, Double> result = engine.evolve(start);
                start = result.next();
            }
            return done;
        });
    }

    /** The {@code k} fittest distinct expressions of the population. */
    List<Expr> best(int k) {
        List<Phenotype<ExprGene, Double>> sorted = new ArrayList<>(start.population().asList());
        sorted.removeIf(p -> !p.isEvaluated());
        sorted.sort(Comparator.comparing(Phenotype::fitness));
        List<Expr> out = new ArrayList<>();
        for (Phenotype<ExprGene, Double> p : sorted) {
            Expr e = p.genotype().gene().allele();
            if (!out.contains(e)) out.add(e);
            if (out.size() == k) break;
        }
        return out;
    }

    /** Replaces random individuals (never the fittest two) with the migrants. */
    void receive(List<Expr> migrants) {
        if (migrants.isEmpty()) return;
        List<Phenotype<ExprGene, Double>> sorted = new ArrayList<>(start.population().asList());
        sorted.sort(Comparator.comparing(p -> p.isEvaluated() ? p.fitness() : Double.POSITIVE_INFINITY));
        MSeq<Phenotype<ExprGene, Double>> pop = MSeq.of(sorted);
        long gen = start.generation();
        for (Expr e : migrants) {
            if (!factory.constraints().test(e)) continue;
            int slot = 2 + random.nextInt(populationSize - 2);
            pop.set(slot, phenotype(e, gen));
        }
        start = EvolutionStart.of(pop.toISeq(), gen);
    }

    long generation() { return start.generation() - 1; }
    Scorer scorer() { return scorer; }
    RandomGenerator random() { return random; }

    // For IslandCodec: the state an island is sent with.
    IslandRandom islandRandom() { return random; }
    EvolutionStart<ExprGene, Double> start() { return start; }
    void start(EvolutionStart<ExprGene, Double> s) { start = s; }
    /** The scorer's cache as encoded when it was received, while this island has not evolved since (else null). */
    byte[] receivedCache;
}
