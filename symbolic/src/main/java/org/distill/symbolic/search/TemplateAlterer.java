package org.distill.symbolic.search;

import io.jenetics.Alterer;
import io.jenetics.AltererResult;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.optimize.ConstantFitter;

/**
 * The alterer of an island searching a {@link Template}: an individual's genotype holds one tree
 * per searched function (chromosome {@code k} is function {@code k}, over its arguments). Each
 * offspring changes one function's tree: sub-tree crossover with the same function of another
 * offspring, or one mutation from the mix; then, with some probability, all its constants are
 * fitted by Levenberg–Marquardt on the composed expression and written back into its trees. A
 * child whose composed expression exceeds the complexity limit is not made.
 */
final class TemplateAlterer implements Alterer<ExprGene, Double> {
    private static final int FIT_ROWS = 64;

    private final Template template;
    private final TreeFactory[] factories;
    private final Mutations[] mutations;
    private final Scorer scorer;
    private final ConstantFitter fitter;
    private final double crossoverProbability;
    private final double optimizeProbability;
    private final int maxComplexity;
    private Columns fitRows;
    private Columns fitSource;

    TemplateAlterer(Template template, TreeFactory[] factories, Canonicalizer canonicalizer, Scorer scorer,
                    double crossoverProbability, double optimizeProbability, int maxComplexity) {
        this.template = template;
        this.factories = factories.clone();
        this.mutations = new Mutations[factories.length];
        for (int k = 0; k < factories.length; k++) mutations[k] = new Mutations(factories[k], canonicalizer);
        this.scorer = scorer;
        this.fitter = new ConstantFitter(scorer.evaluator(), 15);
        this.crossoverProbability = crossoverProbability;
        this.optimizeProbability = optimizeProbability;
        this.maxComplexity = maxComplexity;
    }

    /**
     * One tree per function for the template, within the limits: the function trees of
     * {@code composed} when it has the template's form and fits them, else null.
     */
    Expr[] parts(Expr composed) {
        Expr[] parts = template.decompose(composed);
        return parts != null && fits(parts) ? parts : null;
    }

    /** Random trees for every function whose composition is within the limits. */
    Expr[] random(RandomGenerator r) {
        Expr[] parts = new Expr[factories.length];
        for (int attempt = 0; attempt < 20; attempt++) {
            for (int k = 0; k < parts.length; k++) parts[k] = factories[k].random(r);
            if (fits(parts)) return parts;
        }
        for (int k = 0; k < parts.length; k++) parts[k] = factories[k].variable(r);
        return parts;
    }

    boolean fits(Expr[] parts) {
        for (int k = 0; k < parts.length; k++) {
            if (parts[k].maxVariable() >= template.arity(k) || !factories[k].constraints().test(parts[k])) return false;
        }
        return template.compose(parts).complexity() <= maxComplexity;
    }

    Genotype<ExprGene> genotype(Expr[] parts) {
        List<ExprChromosome> chromosomes = new ArrayList<>(parts.length);
        for (int k = 0; k < parts.length; k++) chromosomes.add(new ExprChromosome(new ExprGene(parts[k], factories[k])));
        return Genotype.of(chromosomes);
    }

    private static Expr[] parts(Genotype<ExprGene> g) {
        Expr[] parts = new Expr[g.length()];
        for (int k = 0; k < parts.length; k++) parts[k] = g.get(k).gene().allele();
        return parts;
    }

    @Override
    public AltererResult<ExprGene, Double> alter(Seq<Phenotype<ExprGene, Double>> population, long generation) {
        RandomGenerator r = RandomRegistry.random();
        MSeq<Phenotype<ExprGene, Double>> pop = MSeq.of(population);
        int altered = 0;
        int n = pop.size();
        for (int i = 0; i < n; i++) {
            Expr[] parent = parts(pop.get(i).genotype());
            Expr[] child = parent.clone();
            int k = r.nextInt(parent.length);
            if (n > 1 && r.nextDouble() < crossoverProbability) {
                int j = r.nextInt(n - 1);
                if (j >= i) j++;
                Expr[] mate = parts(pop.get(j).genotype());
                Expr[] kids = mutations[k].crossover(parent[k], mate[k], r);
                child[k] = kids[0];
                Expr[] mateChild = mate.clone();
                mateChild[k] = kids[1];
                if (!kids[1].equals(mate[k]) && fits(mateChild)) {
                    pop.set(j, Phenotype.of(genotype(mateChild), generation));
                    altered++;
                }
            } else {
                child[k] = mutations[k].mutate(parent[k], r);
            }
            if (!fits(child)) child = parent;
            if (optimizeProbability > 0 && r.nextDouble() < optimizeProbability) child = optimize(child);
            if (child != parent) {
                pop.set(i, Phenotype.of(genotype(child), generation));
                altered++;
            }
        }
        return new AltererResult<>(pop.toISeq(), altered);
    }

    /**
     * Fits every constant of the composed expression on a fixed subset of the scoring rows and
     * writes the functions' constants back; keeps the fit only if it helps.
     */
    Expr[] optimize(Expr[] parts) {
        Expr composed = template.compose(parts);
        if (composed.constantCount() == 0) return parts;
        Columns rows = scorer.rows();
        if (fitSource != rows) {
            fitSource = rows;
            fitRows = rows.evenlySpaced(FIT_ROWS);
        }
        double before = scorer.rawLoss(composed);
        ConstantFitter.Fit fit = fitter.fit(composed, fitRows, false, template.parameters(composed)); // tied across calls
        scorer.addEvaluations(fit.evaluations());
        Expr[] fitted = parts(composed.withConstants(fit.constants()));
        if (fitted == null) return parts;
        boolean same = true;
        for (int k = 0; k < parts.length; k++) same &= fitted[k].equals(parts[k]);
        if (same) return parts;
        double after = scorer.rawLoss(template.compose(fitted));
        return after < before ? fitted : parts;
    }
}
