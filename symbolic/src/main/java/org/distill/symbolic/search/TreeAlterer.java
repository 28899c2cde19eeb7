package org.distill.symbolic.search;

import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.random.RandomGenerator;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.optimize.ConstantFitter;

/**
 * The Jenetics alterer of an island: every offspring is either crossed with another offspring
 * (sub-tree crossover) or mutated once from the mutation mix, then, with some probability, has its
 * constants fitted by Levenberg–Marquardt (the fitted tree replaces it: Lamarckian learning).
 */
final class TreeAlterer implements Alterer<ExprGene, Double> {
    private static final int FIT_ROWS = 64;

    private final Mutations mutations;
    private final TreeFactory factory;
    private final Scorer scorer;
    private final ConstantFitter fitter;
    private final double crossoverProbability;
    private final double optimizeProbability;
    private final boolean linearScaling;
    private Columns fitRows;
    private Columns fitSource;

    TreeAlterer(Mutations mutations, TreeFactory factory, Scorer scorer, double crossoverProbability,
                double optimizeProbability, boolean linearScaling) {
        this.mutations = mutations;
        this.factory = factory;
        this.scorer = scorer;
        this.fitter = new ConstantFitter(scorer.evaluator(), 15);
        this.crossoverProbability = crossoverProbability;
        this.optimizeProbability = optimizeProbability;
        this.linearScaling = linearScaling;
    }

    @Override
    public AltererResult<ExprGene, Double> alter(Seq<Phenotype<ExprGene, Double>> population, long generation) {
        RandomGenerator r = RandomRegistry.random();
        MSeq<Phenotype<ExprGene, Double>> pop = MSeq.of(population);
        int altered = 0;
        int n = pop.size();
        for (int i = 0; i < n; i++) {
            Expr parent = pop.get(i).genotype().gene().allele();
            Expr child;
            if (n > 1 && r.nextDouble() < crossoverProbability) {
                int j = r.nextInt(n - 1);
                if (j >= i) j++;
                Expr[] kids = mutations.crossover(parent, pop.get(j).genotype().gene().allele(), r);
                child = kids[0];
                if (!kids[1].equals(pop.get(j).genotype().gene().allele())) {
                    pop.set(j, phenotype(kids[1], generation));
                    altered++;
                }
            } else {
                child = mutations.mutate(parent, r);
            }
            if (optimizeProbability > 0 && child.constantCount() > 0 && r.nextDouble() < optimizeProbability) {
                child = optimize(child);
            }
            if (child != parent) {
                pop.set(i, phenotype(child, generation));
                altered++;
            }
        }
        return new AltererResult<>(pop.toISeq(), altered);
    }

    /** Fits the constants on a fixed subset of the scoring rows; keeps the fit only if it helps. */
    Expr optimize(Expr e) {
        Columns rows = scorer.rows();
        if (fitSource != rows) {
            fitSource = rows;
            fitRows = rows.evenlySpaced(FIT_ROWS);
        }
        double before = scorer.rawLoss(e);
        ConstantFitter.Fit fit = fitter.fit(e, fitRows, linearScaling);
        scorer.addEvaluations(fit.evaluations());
        Expr fitted = e.withConstants(fit.constants());
        if (fitted.equals(e)) return e;
        double after = scorer.rawLoss(fitted);
        return after < before ? fitted : e;
    }

    private Phenotype<ExprGene, Double> phenotype(Expr e, long generation) {
        return Phenotype.of(Genotype.of(new ExprChromosome(new ExprGene(e, factory))), generation);
    }
}
