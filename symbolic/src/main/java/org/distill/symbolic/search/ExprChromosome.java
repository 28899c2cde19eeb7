package org.distill.symbolic.search;

import io.jenetics.Chromosome;
import io.jenetics.util.ISeq;
import java.util.Objects;

/** A chromosome holding one expression gene; {@link #newInstance()} grows a random tree. */
final class ExprChromosome implements Chromosome<ExprGene> {
    private final ExprGene gene;

    ExprChromosome(ExprGene gene) {
        this.gene = Objects.requireNonNull(gene);
    }

    @Override public ExprGene get(int index) {
        if (index != 0) throw new IndexOutOfBoundsException("index must be 0: " + index);
        return gene;
    }

    @Override public int length() { return 1; }

    @Override public Chromosome<ExprGene> newInstance(ISeq<ExprGene> genes) {
        if (genes.length() != 1) throw new IllegalArgumentException("expected one gene, got " + genes.length());
        return new ExprChromosome(genes.get(0));
    }

    @Override public Chromosome<ExprGene> newInstance() {
        return new ExprChromosome(gene.newInstance());
    }

    @Override public boolean equals(Object o) { return o instanceof ExprChromosome c && c.gene.equals(gene); }

    @Override public int hashCode() { return gene.hashCode(); }

    @Override public String toString() { return "[" + gene + "]"; }
}
