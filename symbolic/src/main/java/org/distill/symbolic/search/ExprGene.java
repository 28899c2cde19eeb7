package org.distill.symbolic.search;

import io.jenetics.Gene;
import java.util.Objects;
import org.distill.symbolic.expr.Expr;

/** A Jenetics gene whose allele is a whole expression tree. */
final class ExprGene implements Gene<Expr, ExprGene> {
    private final Expr expr;
    private final TreeFactory factory;

    ExprGene(Expr expr, TreeFactory factory) {
        this.expr = Objects.requireNonNull(expr);
        this.factory = factory;
    }

    @Override public Expr allele() { return expr; }

    @Override public ExprGene newInstance() {
        return new ExprGene(factory.random(io.jenetics.util.RandomRegistry.random()), factory);
    }

    @Override public ExprGene newInstance(Expr value) { return new ExprGene(value, factory); }

    @Override public boolean isValid() { return factory.constraints().test(expr); }

    TreeFactory factory() { return factory; }

    @Override public boolean equals(Object o) { return o instanceof ExprGene g && g.expr.equals(expr); }

    @Override public int hashCode() { return expr.hashCode(); }

    @Override public String toString() { return expr.toString(); }
}
