package org.distill.symbolic.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.distill.symbolic.eval.Columns;
import org.distill.symbolic.eval.Loss;
import org.distill.symbolic.expr.Expr;
import org.distill.symbolic.expr.Op;

/**
 * What a worker needs to evolve the islands of one search: its settings and its data (feature
 * columns, target, weights), serialisable, the same for every epoch (a cluster executor sends it
 * once, e.g. as a Spark broadcast). {@link #evolve} runs one island's epoch on a state.
 *
 * <p>The settings travel as the values of every accessor of {@link SearchConfig}, so a setting
 * added there travels too: operators as built-in names with their complexity, losses by name
 * ({@code mse}, {@code mae}, {@code huber(δ)}), other values by Java serialisation. A setting that
 * cannot travel (a user-defined operator or loss) fails {@link #of} with an
 * {@code IllegalArgumentException} naming it; initial expressions stay behind (the islands are
 * created by the search, which seeds them).
 */
public final class IslandContext implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Settings the workers never read. */
    private static final java.util.Set<String> LOCAL_ONLY = java.util.Set.of("executor", "initialExpressions");

    private final LinkedHashMap<String, Serializable> settings;
    private final double[][] x;
    private final double[] y;
    private final double[] w;
    private final int rows;
    private final int batchSize;
    private transient Resolved resolved;

    private IslandContext(LinkedHashMap<String, Serializable> settings, Columns data, int batchSize) {
        this.settings = settings;
        this.x = data.x();
        this.y = data.y();
        this.w = data.w();
        this.rows = data.rows();
        this.batchSize = batchSize;
    }

    /**
     * The context of a search with these settings and data ({@code batchSize}: rows per mini-batch,
     * 0 for all).
     *
     * @throws IllegalArgumentException naming a setting that cannot be sent to another process
     */
    static IslandContext of(SearchConfig options, Columns data, int batchSize) {
        LinkedHashMap<String, Serializable> settings = new LinkedHashMap<>();
        for (Method m : SearchConfig.class.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || LOCAL_ONLY.contains(m.getName())) continue;
            Object v;
            try {
                v = m.invoke(options);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read setting " + m.getName() + ": " + e, e);
            }
            settings.put(m.getName(), portable(m.getName(), v));
        }
        return new IslandContext(settings, data, batchSize);
    }

    private static Serializable portable(String name, Object v) {
        if (v == null) return null;
        if (v instanceof Loss loss) return LossName.of(name, loss);
        if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(o -> o instanceof Op)) {
            List<OpName> ops = new ArrayList<>();
            for (Object o : list) ops.add(OpName.of(name, (Op) o));
            return new OpList(ops);
        }
        if (v instanceof Serializable s) {
            try {
                roundTrip(s);
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException("setting " + name + " (" + v + ") cannot be sent to another process: "
                        + e.getCause().getMessage());
            }
            return s;
        }
        throw new IllegalArgumentException("setting " + name + " (" + v.getClass().getName()
                + ") cannot be sent to another process: it is not serialisable");
    }

    /** A built-in operator by name and complexity. */
    private record OpName(String name, int complexity) implements Serializable {
        static OpName of(String setting, Op op) {
            if (!op.isBuiltin()) {
                throw new IllegalArgumentException("setting " + setting + ": the user-defined operator '" + op.name()
                        + "' cannot be sent to another process (only built-in operators can)");
            }
            return new OpName(op.name(), op.complexity());
        }

        Op op() {
            Op op = Op.builtin(name);
            return op.complexity() == complexity ? op : op.withComplexity(complexity);
        }
    }

    private record OpList(List<OpName> ops) implements Serializable {
        List<Op> resolve() { return ops.stream().map(OpName::op).toList(); }
    }

    /** {@code mse}, {@code mae} or {@code huber(δ)}. */
    private record LossName(String name) implements Serializable {
        static LossName of(String setting, Loss loss) {
            LossName n = new LossName(loss.name());
            Loss back;
            try {
                back = n.resolve();
            } catch (IllegalArgumentException e) {
                back = null;
            }
            if (back == null || !back.name().equals(loss.name()) || back.isMse() != loss.isMse()) {
                throw new IllegalArgumentException("setting " + setting + ": the loss '" + loss.name()
                        + "' cannot be sent to another process (only mse, mae and huber can)");
            }
            return n;
        }

        Loss resolve() {
            if (name.startsWith("huber(") && name.endsWith(")")) {
                return Loss.huber(Double.parseDouble(name.substring(6, name.length() - 1)));
            }
            return Loss.named(name);
        }
    }

    /** The settings as the search reads them, on this side. */
    private static final class Handler implements InvocationHandler {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Handler(Map<String, Serializable> settings) {
            for (Map.Entry<String, Serializable> e : settings.entrySet()) {
                Object v = e.getValue();
                if (v instanceof OpList ops) v = ops.resolve();
                else if (v instanceof LossName loss) v = loss.resolve();
                values.put(e.getKey(), v);
            }
        }

        @Override public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                return switch (name) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "IslandContext.settings" + values;
                };
            }
            if (name.equals("initialExpressions")) return List.of();
            if (!values.containsKey(name)) {
                if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args);
                throw new UnsupportedOperationException("setting " + name + " is not sent to workers");
            }
            return values.get(name);
        }
    }

    /** The objects built from the settings and data, once per process. */
    private record Resolved(SearchConfig config, Columns data, TreeFactory factory, Canonicalizer canonicalizer,
                            IslandCodec codec) { }

    private synchronized Resolved resolved() {
        if (resolved == null) {
            SearchConfig config = (SearchConfig) Proxy.newProxyInstance(SearchConfig.class.getClassLoader(),
                    new Class<?>[] {SearchConfig.class}, new Handler(settings));
            resolved = resolve(config, new Columns(x, y, w, rows));
        }
        return resolved;
    }

    private static Resolved resolve(SearchConfig config, Columns data) {
        Constraints constraints = new Constraints(config.maxComplexity(), config.maxDepth(), config.forbiddenNesting());
        TreeFactory factory = new TreeFactory(config.operators(), data.features(), constraints);
        return new Resolved(config, data, factory, Canonicalizer.of(config.operators()), new IslandCodec(config.operators()));
    }

    /** For the search's own side: the live settings, data and factory it already made (no proxy). */
    void bindLocal(SearchConfig config, Columns data, TreeFactory factory, Canonicalizer canonicalizer) {
        synchronized (this) {
            resolved = new Resolved(config, data, factory, canonicalizer, new IslandCodec(config.operators()));
        }
    }

    /**
     * One epoch of one island: decodes the state, evolves {@code generations} generations (fewer if
     * the deadline passes or {@code stop} turns true, but at least one for an island that has never
     * evolved) and encodes the result. A pure function of its
     * arguments until a deadline or stop cuts it short: a task run twice gives the same state.
     *
     * @param deadlineMillis {@link System#currentTimeMillis()} at which to stop, or {@link Long#MAX_VALUE}
     * @param stop           checked every generation (may be null)
     */
    public IslandState evolve(IslandState state, int generations, long deadlineMillis, BooleanSupplier stop) {
        Objects.requireNonNull(state, "state");
        if (generations < 0) throw new IllegalArgumentException("generations must be >= 0: " + generations);
        Island island = island(state, true);
        BooleanSupplier halt = deadlineMillis == Long.MAX_VALUE
                ? (stop == null ? () -> false : stop)
                : () -> System.currentTimeMillis() > deadlineMillis || (stop != null && stop.getAsBoolean());
        int ran = island.epoch(generations, halt);
        return resolved().codec().encode(state.island(), ran, island);
    }

    /**
     * A scorer's loss cache kept live in a worker's memory between epochs (see
     * {@link #evolve(IslandState, LossCache, int, long, BooleanSupplier, boolean)}). Never changed once
     * made: an epoch that starts from it copies it, so that tasks run twice may share it.
     */
    public static final class LossCache {
        private final Map<Expr, Double> entries;

        private LossCache(Map<Expr, Double> entries) { this.entries = entries; }

        /** Expressions cached. */
        public int size() { return entries.size(); }
    }

    /** An epoch's result with the loss cache it left, live. */
    public record Resident(IslandState state, LossCache cache) { }

    /** The loss cache of an encoded state ({@link IslandState#cache()}), live. */
    public LossCache cache(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        Map<Expr, Double> m = new LinkedHashMap<>(2 * encoded.length / 16 + 16);
        resolved().codec().decodeCache(encoded, m);
        return new LossCache(m);
    }

    /**
     * {@link #evolve(IslandState, int, long, BooleanSupplier)} with the loss cache held by the caller
     * instead of in {@code state} (whose cache bytes are ignored): the same epoch, the same result.
     * The returned state holds the encoded cache only if {@code encodeCache} (else no bytes); the
     * returned cache is the one to start the island's next epoch from.
     */
    public Resident evolve(IslandState state, LossCache cache, int generations, long deadlineMillis, BooleanSupplier stop,
                           boolean encodeCache) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cache, "cache");
        if (generations < 0) throw new IllegalArgumentException("generations must be >= 0: " + generations);
        Resolved r = resolved();
        Island island = new Island(r.config(), new IslandRandom(IslandCodec.randomState(state)), r.factory(),
                r.canonicalizer(), r.data(), batchSize, null);
        r.codec().decode(state, island, false);
        island.receivedCache = null;
        Map<Expr, Double> live = island.scorer().cache();
        live.clear();
        live.putAll(cache.entries); // iterating does not reorder the shared map
        BooleanSupplier halt = deadlineMillis == Long.MAX_VALUE
                ? (stop == null ? () -> false : stop)
                : () -> System.currentTimeMillis() > deadlineMillis || (stop != null && stop.getAsBoolean());
        int ran = island.epoch(generations, halt);
        return new Resident(r.codec().encode(state.island(), ran, island, encodeCache), new LossCache(live));
    }

    /** An island restored from its state ({@code withCache}: ready to evolve; else for the barrier). */
    Island island(IslandState state, boolean withCache) {
        Resolved r = resolved();
        Island island = new Island(r.config(), new IslandRandom(IslandCodec.randomState(state)), r.factory(),
                r.canonicalizer(), r.data(), batchSize, null);
        r.codec().decode(state, island, withCache);
        return island;
    }

    /** The state of a live island. */
    IslandState state(int index, int generationsRun, Island island) {
        return resolved().codec().encode(index, generationsRun, island);
    }

    /** Rows of data sent with the context. */
    public int rows() { return rows; }

    /** A copy through Java serialisation (what another process receives). */
    @SuppressWarnings("unchecked")
    static <T extends Serializable> T roundTrip(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new UncheckedIOException(new InvalidObjectException(e.toString()));
        }
    }
}
