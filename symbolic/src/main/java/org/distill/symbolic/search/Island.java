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
    /** With a template: builds and checks the individuals' function trees; null without. */
    private final TemplateAlterer templated;
    private EvolutionStart<ExprGene, Double> start;

    /**
     * @param template the search template, or null; with one, {@code initial} expressions that do
     *                 not have its form are left out
     */
    Island(SearchConfig o, long seed, TreeFactory factory, Canonicalizer canonicalizer,
           Columns full, int batchSize, List<Expr> initial, Template template) {
        this(o, new IslandRandom(seed), factory, canonicalizer, full, batchSize, template);
        List<Expr> seeds = initial; // validated by the search: within the limits, at most half the population
        this.start = RandomRegistry.with(random, r -> {
            List<Phenotype<ExprGene, Double>> pop = new ArrayList<>();
            for (Expr e : seeds) {
                Phenotype<ExprGene, Double> p = phenotype(e, 1);
                if (p != null) pop.add(p);
            }
            while (pop.size() < o.populationSize()) {
                pop.add(templated == null ? phenotype(factory.random(r), 1)
                        : Phenotype.of(templated.genotype(templated.random(r)), 1));
            }
            return EvolutionStart.of(ISeq.of(pop), 1);
        });
    }

    /**
     * An island with this generator and no population yet: {@link IslandCodec} restores the rest of
     * an island sent from another process (population, scorer) into it.
     */
    Island(SearchConfig o, IslandRandom random, TreeFactory factory, Canonicalizer canonicalizer,
           Columns full, int batchSize, Template template) {
        this.random = random;
        this.factory = factory;
        this.full = full;
        this.batchSize = batchSize;
        this.populationSize = o.populationSize();
        // Least-squares scaling only matches the squared error; robust losses search unscaled.
        // The explicit form a + b·f needs + and ×: without them, no scaling.
        // A template has its own constants: no scaling.
        boolean scaling = template == null && o.linearScaling() && o.loss().isMse()
                && o.operators().stream().anyMatch(op -> op.kind() == Op.Kind.ADD)
                && o.operators().stream().anyMatch(op -> op.kind() == Op.Kind.MUL);
        this.scorer = new Scorer(o.loss(), scaling, o.parsimony(), o.adaptiveParsimony(),
                o.maxComplexity(), canonicalizer);
        scorer.units(o.units().penalty(scaling)); // dimensional analysis (units package)
        scorer.linearTerms(o.linear() && scaling && full.rows() >= o.linearMinRows());
        scorer.boundArguments(o.boundOscillation());
        io.jenetics.Alterer<ExprGene, Double> alterer;
        Genotype<ExprGene> prototype;
        if (template == null) {
            this.templated = null;
            alterer = new TreeAlterer(new Mutations(factory, canonicalizer), factory, scorer, o.crossoverProbability(),
                    o.optimizeProbability(), scaling);
            prototype = Genotype.of(new ExprChromosome(new ExprGene(Expr.variable(0), factory)));
        } else {
            scorer.template(template);
            this.templated = new TemplateAlterer(template, partFactories(o, template), canonicalizer, scorer,
                    o.crossoverProbability(), o.optimizeProbability(), o.maxComplexity());
            alterer = templated;
            Expr[] leaves = new Expr[template.functions().size()];
            java.util.Arrays.fill(leaves, Expr.variable(0));
            prototype = templated.genotype(leaves);
        }
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

    /**
     * One tree per searched function, over that function's arguments (variables {@code 0..arity-1}),
     * each within what the template's fixed part leaves of the complexity limit.
     */
    private static TreeFactory[] partFactories(SearchConfig o, Template template) {
        int room = o.maxComplexity() - template.minimumComplexity() + 1;
        TreeFactory[] out = new TreeFactory[template.functions().size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = new TreeFactory(o.operators(), template.arity(k),
                    new Constraints(room, o.maxDepth(), o.forbiddenNesting()));
        }
        return out;
    }

    /** The individual for {@code e}; with a template null when {@code e} does not have its form. */
    Phenotype<ExprGene, Double> phenotype(Expr e, long generation) {
        if (templated != null) {
            Expr[] parts = templated.parts(e);
            return parts == null ? null : Phenotype.of(templated.genotype(parts), generation);
        }
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
            // an island that has never evolved runs its first generation whatever stop says: its population is
            // evaluated only then, and a search cut short before it would have no equation at all
            for (; done < generations && (done == 0 && generation() == 0 || !stop.getAsBoolean()); done++) {
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
            Expr e = scorer.express(p.genotype());
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
            if (templated == null && !factory.constraints().test(e)) continue;
            Phenotype<ExprGene, Double> p = phenotype(e, gen);
            if (p == null) continue; // not of the template's form
            int slot = 2 + random.nextInt(populationSize - 2);
            pop.set(slot, p);
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
