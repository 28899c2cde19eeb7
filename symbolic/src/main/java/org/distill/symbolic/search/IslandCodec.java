package org.distill.symbolic.search;

import io.jenetics.Phenotype;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.util.ISeq;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * An island's state as bytes, exactly: the generator's word, the population in order (each
 * expression with its birth generation and fitness), the scorer's complexity histogram, counters,
 * hall of fame and loss cache (in its least-recently-used order). Decoding into an island built from
 * the same settings and data gives an island that evolves exactly as the original would have.
 *
 * <p>Expressions are written in pre-order, one byte per node: a constant is followed by the raw
 * bits of its value (so every double survives), a variable by its index, an operator is an index
 * into the settings' operator list (a built-in outside it by name and complexity). A whole
 * expression met again (the same object) is a back-reference. The cache is a separate array: the
 * driver, which never evolves an island, passes it on without decoding it.
 */
final class IslandCodec {
    private static final int MAGIC = 0x44495331; // "DIS1"
    private static final int CONSTANT = 0, VARIABLE = 1, REFERENCE = 2, OTHER_OP = 3, FIRST_OP = 4;

    private final List<Op> operators;
    private final Map<Op, Integer> index = new HashMap<>();

    IslandCodec(List<Op> operators) {
        if (operators.size() > 255 - FIRST_OP) {
            throw new IllegalArgumentException("at most " + (255 - FIRST_OP) + " operators can be encoded: " + operators.size());
        }
        this.operators = List.copyOf(operators);
        for (int i = 0; i < this.operators.size(); i++) index.putIfAbsent(this.operators.get(i), i);
    }

    /** The island's state; {@code generationsRun} is recorded with it. */
    IslandState encode(int island, int generationsRun, Island is) {
        return encode(island, generationsRun, is, true);
    }

    /** As {@link #encode(int, int, Island)}; without {@code withCache} the state's cache is empty (no bytes). */
    IslandState encode(int island, int generationsRun, Island is, boolean withCache) {
        byte[] cache = !withCache ? new byte[0] : is.receivedCache != null ? is.receivedCache : encodeCache(is.scorer());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Writer w = new Writer(out);
            out.writeInt(MAGIC);
            out.writeLong(is.islandRandom().state());
            EvolutionStart<ExprGene, Double> start = is.start();
            out.writeLong(start.generation());
            ISeq<Phenotype<ExprGene, Double>> pop = start.population();
            out.writeInt(pop.size());
            for (Phenotype<ExprGene, Double> p : pop) {
                w.expr(p.genotype().gene().allele());
                out.writeLong(p.generation());
                out.writeBoolean(p.isEvaluated());
                if (p.isEvaluated()) out.writeLong(Double.doubleToRawLongBits(p.fitness()));
            }
            Scorer s = is.scorer();
            double[] f = s.frequency();
            out.writeInt(f.length);
            for (double v : f) out.writeLong(Double.doubleToRawLongBits(v));
            out.writeLong(s.evaluations());
            out.writeLong(s.lookups());
            out.writeLong(s.hits());
            List<HallOfFame.Entry> fame = s.hallOfFame().entries();
            out.writeInt(fame.size());
            for (HallOfFame.Entry e : fame) {
                w.expr(e.expr());
                out.writeLong(Double.doubleToRawLongBits(e.loss()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new IslandState(island, generationsRun, bytes.toByteArray(), cache);
    }

    private byte[] encodeCache(Scorer s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Writer w = new Writer(out);
            Map<Expr, Double> cache = s.cache();
            out.writeInt(cache.size());
            for (Map.Entry<Expr, Double> e : cache.entrySet()) { // iteration does not reorder an LRU map
                w.expr(e.getKey());
                out.writeLong(Double.doubleToRawLongBits(e.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a state into {@code island} (new, from the same settings and data, with the
     * state's generator). {@code withCache}: fill the scorer's cache (to evolve the island), or keep
     * the cache's bytes to pass on unchanged.
     */
    void decode(IslandState state, Island island, boolean withCache) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.core()))) {
            Reader r = new Reader(in);
            if (in.readInt() != MAGIC) throw new IllegalArgumentException("not an island state (bad magic number)");
            in.readLong(); // the generator: the caller made the island with it
            long generation = in.readLong();
            int n = in.readInt();
            List<Phenotype<ExprGene, Double>> pop = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Expr e = r.expr();
                Phenotype<ExprGene, Double> p = island.phenotype(e, in.readLong());
                if (in.readBoolean()) p = p.withFitness(Double.longBitsToDouble(in.readLong()));
                pop.add(p);
            }
            island.start(EvolutionStart.of(ISeq.of(pop), generation));
            Scorer s = island.scorer();
            double[] f = s.frequency();
            int fl = in.readInt();
            if (fl != f.length) throw new IllegalArgumentException("island state for maxComplexity " + (fl - 1) + ", not " + (f.length - 1));
            for (int i = 0; i < fl; i++) f[i] = Double.longBitsToDouble(in.readLong());
            s.counts(in.readLong(), in.readLong(), in.readLong());
            int fame = in.readInt();
            for (int i = 0; i < fame; i++) {
                Expr e = r.expr();
                s.hallOfFame().offer(e, Double.longBitsToDouble(in.readLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!withCache) {
            island.receivedCache = state.cache();
            return;
        }
        Map<Expr, Double> cache = island.scorer().cache();
        cache.clear();
        decodeCache(state.cache(), cache);
    }

    /** Puts the entries of an encoded cache into {@code into}, in their least-recently-used order. */
    void decodeCache(byte[] bytes, Map<Expr, Double> into) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            Reader r = new Reader(in);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                Expr e = r.expr();
                into.put(e, Double.longBitsToDouble(in.readLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generator's word of a state. */
    static long randomState(IslandState state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.core()))) {
            if (in.readInt() != MAGIC) throw new IllegalArgumentException("not an island state (bad magic number)");
            return in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Writer {
        private final DataOutputStream out;
        private final Map<Expr, Integer> seen = new IdentityHashMap<>();

        Writer(DataOutputStream out) { this.out = out; }

        void expr(Expr e) throws IOException {
            Integer ref = seen.get(e);
            if (ref != null) {
                out.writeByte(REFERENCE);
                varint(ref);
                return;
            }
            seen.put(e, seen.size());
            node(e);
        }

        private void node(Expr e) throws IOException {
            if (e.isConstant()) {
                out.writeByte(CONSTANT);
                out.writeLong(Double.doubleToRawLongBits(e.value()));
            } else if (e.isVariable()) {
                out.writeByte(VARIABLE);
                varint(e.variable());
            } else {
                Integer i = index.get(e.op());
                if (i != null) {
                    out.writeByte(FIRST_OP + i);
                } else if (e.op().isBuiltin()) {
                    out.writeByte(OTHER_OP);
                    out.writeUTF(e.op().name());
                    out.writeShort(e.op().complexity());
                } else {
                    throw new IllegalArgumentException("operator '" + e.op().name()
                            + "' is not among the search's operators and not built in: it cannot be encoded");
                }
                for (int k = 0; k < e.arity(); k++) node(e.arg(k));
            }
        }

        private void varint(int v) throws IOException {
            while ((v & ~0x7F) != 0) {
                out.writeByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.writeByte(v);
        }
    }

    private final class Reader {
        private final DataInputStream in;
        private final List<Expr> seen = new ArrayList<>();

        Reader(DataInputStream in) { this.in = in; }

        Expr expr() throws IOException {
            int tag = in.readUnsignedByte();
            if (tag == REFERENCE) return seen.get(varint());
            Expr e = node(tag);
            seen.add(e);
            return e;
        }

        private Expr node(int tag) throws IOException {
            switch (tag) {
                case CONSTANT: return Expr.constant(Double.longBitsToDouble(in.readLong()));
                case VARIABLE: return Expr.variable(varint());
                case REFERENCE: throw new IllegalArgumentException("corrupt island state: a reference inside an expression");
                default:
            }
            Op op;
            if (tag == OTHER_OP) {
                String name = in.readUTF();
                int complexity = in.readShort();
                op = Op.builtin(name);
                if (op.complexity() != complexity) op = op.withComplexity(complexity);
            } else {
                int i = tag - FIRST_OP;
                if (i >= operators.size()) throw new IllegalArgumentException("corrupt island state: operator " + i);
                op = operators.get(i);
            }
            Expr[] args = new Expr[op.arity()];
            for (int k = 0; k < args.length; k++) args[k] = node(in.readUnsignedByte());
            return Expr.of(op, args);
        }

        private int varint() throws IOException {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.readUnsignedByte();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) return v;
            }
        }
    }
}
