package org.distill.neural.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The per-task baseline: a Tribuo random forest trained on one set of stars (one stream's sky window),
 * with the known support members as positives and the other stars of the window as noisy negatives (most
 * are field stars, a few are the members we are looking for). Positives are weighted so that both classes
 * carry the same total weight. A star's score is the forest's vote fraction for "member"; it is called a
 * member when the score is at least {@link Config#threshold()}.
 *
 * <p>With {@link Config#selfLabellingRounds()} &gt; 0 it is the self-labelling variant: after each forest,
 * the non-positive stars predicted members (highest scores first, at most as many as there are positives
 * already) become positives, and a new forest is trained; the last forest gives the scores.
 *
 * <pre>{@code
 * var forest = MemberForest.of(MemberForest.Config.builder().trees(100).seed(1).build());
 * boolean[] members = forest.classify(features, supportIndices);
 * }</pre>
 *
 * Thread-safe: every call builds its own forests from the configuration's seed.
 */
public final class MemberForest {
    private static final Label MEMBER = new Label("member"), FIELD = new Label("field");
    private static final LabelFactory LABELS = new LabelFactory();
    /** Tribuo logs a line per tree at INFO; kept in a field so the setting is not garbage-collected. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        if (TRIBUO_LOG.getLevel() == null) TRIBUO_LOG.setLevel(Level.WARNING);
    }

    /**
     * How to train the forests.
     *
     * @param trees               trees per forest, in [1, 10000]
     * @param maxDepth            maximum tree depth, in [1, 1000]
     * @param featureFraction     fraction of the features tried at each split, in (0, 1)
     * @param maxNegatives        negatives sampled from the window per forest (all when fewer), ≥ 1
     * @param threshold           score from which a star is called a member, in (0, 1]
     * @param selfLabellingRounds forests retrained on self-labelled positives after the first, in [0, 100]
     * @param seed                seeds the negative sample and the forests
     */
    public record Config(int trees, int maxDepth, double featureFraction, int maxNegatives, double threshold,
                         int selfLabellingRounds, long seed) {
        public Config {
            if (trees < 1 || trees > 10_000) throw new IllegalArgumentException("trees must be in [1, 10000]: " + trees);
            if (maxDepth < 1 || maxDepth > 1000) throw new IllegalArgumentException("maxDepth must be in [1, 1000]: " + maxDepth);
            if (!(featureFraction > 0 && featureFraction < 1)) // Tribuo's random forests require a fraction below 1
                throw new IllegalArgumentException("featureFraction must be in (0, 1): " + featureFraction);
            if (maxNegatives < 1) throw new IllegalArgumentException("maxNegatives must be >= 1: " + maxNegatives);
            if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
            if (selfLabellingRounds < 0 || selfLabellingRounds > 100)
                throw new IllegalArgumentException("selfLabellingRounds must be in [0, 100]: " + selfLabellingRounds);
        }

        /**
         * Defaults: 100 trees of depth ≤ 6 trying 40 % of the features per split (about √d of d = 7),
         * 2000 negatives, threshold 0.5, no self-labelling. Shallow trees, because deep ones isolate the few
         * support stars in boxes too tight to hold the other members (on 7-D clusters with 10 known
         * members, depth 20 gave MCC 0 at threshold 0.5, depth 4–6 about 0.7; on 6 mock streams with 10
         * known members, depth 6–8 gave MCC 0.49–0.53, depth 12 0.30–0.49, depth 3 0.21–0.46 over
         * thresholds 0.1–0.5; 5000 negatives instead of 2000 changed MCC by &lt; 0.01 at twice the time).
         */
        public static Builder builder() { return new Builder(); }

        /** This configuration with another threshold. */
        public Config withThreshold(double t) {
            return new Config(trees, maxDepth, featureFraction, maxNegatives, t, selfLabellingRounds, seed);
        }

        /** This configuration with another number of self-labelling rounds. */
        public Config withSelfLabellingRounds(int rounds) {
            return new Config(trees, maxDepth, featureFraction, maxNegatives, threshold, rounds, seed);
        }

        public static final class Builder {
            private int trees = 100, maxDepth = 6, maxNegatives = 2000, selfLabellingRounds = 0;
            private double featureFraction = 0.4, threshold = 0.5;
            private long seed = 0;

            private Builder() { }

            public Builder trees(int v) { trees = v; return this; }
            public Builder maxDepth(int v) { maxDepth = v; return this; }
            public Builder featureFraction(double v) { featureFraction = v; return this; }
            public Builder maxNegatives(int v) { maxNegatives = v; return this; }
            public Builder threshold(double v) { threshold = v; return this; }
            public Builder selfLabellingRounds(int v) { selfLabellingRounds = v; return this; }
            public Builder seed(long v) { seed = v; return this; }

            public Config build() {
                return new Config(trees, maxDepth, featureFraction, maxNegatives, threshold, selfLabellingRounds, seed);
            }
        }
    }

    private final Config config;

    private MemberForest(Config config) { this.config = config; }

    public static MemberForest of(Config config) { return new MemberForest(Objects.requireNonNull(config, "config")); }

    public Config config() { return config; }

    /**
     * Member scores (vote fractions, in [0, 1]) of every star in {@code features} (n rows of equal width),
     * given the indices of the known members.
     */
    public double[] scores(float[][] features, int[] support) {
        int d = checkFeatures(features);
        int n = features.length;
        boolean[] positive = checkSupport(support, n);
        String[] names = names(d);

        var random = new SplittableRandom(config.seed());
        int positives = support.length;
        double[] scores = null;
        for (int round = 0; round <= config.selfLabellingRounds(); round++) {
            Model<Label> forest = train(features, names, positive, positives, random.split(), round);
            scores = Votes.of(forest, names).scores(features);
            if (round == config.selfLabellingRounds()) break;
            // self-labelling: the most confident predicted members become positives, at most doubling them
            Integer[] candidates = candidates(scores, positive);
            int add = Math.min(candidates.length, positives);
            if (add == 0) break;
            for (int k = 0; k < add; k++) positive[candidates[k]] = true;
            positives += add;
        }
        return scores;
    }

    /** Which stars are members: score ≥ threshold; the support stars always are. */
    public boolean[] classify(float[][] features, int[] support) {
        double[] s = scores(features, support);
        boolean[] out = new boolean[s.length];
        for (int i = 0; i < s.length; i++) out[i] = s[i] >= config.threshold();
        for (int i : support) out[i] = true;
        return out;
    }

    private Model<Label> train(float[][] features, String[] names, boolean[] positive, int positives,
                               SplittableRandom random, int round) {
        int n = features.length;
        int[] negatives = new int[n - positives];
        for (int i = 0, k = 0; i < n; i++) if (!positive[i]) negatives[k++] = i;
        int m = Math.min(negatives.length, config.maxNegatives());
        for (int k = 0; k < m; k++) { // partial Fisher–Yates: a uniform sample of m negatives
            int j = k + random.nextInt(negatives.length - k), t = negatives[k];
            negatives[k] = negatives[j];
            negatives[j] = t;
        }
        float weight = m == 0 ? 1f : (float) m / positives;
        var data = new MutableDataset<>(new SimpleDataSourceProvenance("member-forest round " + round, LABELS), LABELS);
        for (int i = 0; i < n; i++) {
            if (!positive[i]) continue;
            var e = new ArrayExample<>(MEMBER, names, toDouble(features[i]));
            e.setWeight(weight);
            data.add(e);
        }
        for (int k = 0; k < m; k++) data.add(new ArrayExample<>(FIELD, names, toDouble(features[negatives[k]])));
        long seed = random.nextLong();
        var cart = new CARTClassificationTrainer(config.maxDepth(), 1f, 0f, (float) config.featureFraction(),
                false, new GiniIndex(), seed);
        var trainer = new RandomForestTrainer<>(cart, new VotingCombiner(), config.trees(), seed);
        return trainer.train(data);
    }

    private static String[] names(int d) {
        String[] names = new String[d];
        for (int j = 0; j < d; j++) names[j] = "f" + j;
        return names;
    }

    /** The forest's scores through Tribuo's own prediction path (slow: objects per star and tree); for tests. */
    static double[] tribuoScores(Model<Label> forest, float[][] features) {
        String[] names = names(features[0].length);
        List<Example<Label>> all = new ArrayList<>(features.length);
        for (float[] row : features) all.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, toDouble(row)));
        return score(forest, all);
    }

    /** The forest of one round, trained on the support and a sample of the window; for tests. */
    Model<Label> forest(float[][] features, int[] support) {
        boolean[] positive = checkSupport(support, features.length);
        return train(features, names(checkFeatures(features)), positive, support.length,
                new SplittableRandom(config.seed()).split(), 0);
    }

    /**
     * A trained Tribuo forest flattened into arrays, to score many stars fast: the same trees, the same splits
     * (a value greater than the split goes right, as in Tribuo's {@code SplitNode}), and the same vote as its
     * {@link VotingCombiner} — the fraction of trees whose leaf says "member".
     */
    static final class Votes {
        private final int[][] feature;        // per tree, per node: feature column, or −1 for a leaf
        private final double[][] split;       // split value
        private final int[][] lessOrEqual, greater;
        private final boolean[][] member;     // leaf output is "member"

        private Votes(int trees) {
            feature = new int[trees][];
            split = new double[trees][];
            lessOrEqual = new int[trees][];
            greater = new int[trees][];
            member = new boolean[trees][];
        }

        static Votes of(Model<Label> forest, String[] names) {
            List<Model<Label>> trees = ((EnsembleModel<Label>) forest).getModels();
            var ids = forest.getFeatureIDMap();
            int[] column = new int[ids.size()];
            java.util.Arrays.fill(column, -1);
            for (int j = 0; j < names.length; j++) {
                int id = ids.getID(names[j]);
                if (id >= 0) column[id] = j;
            }
            var v = new Votes(trees.size());
            for (int t = 0; t < trees.size(); t++) {
                List<Node<Label>> nodes = new ArrayList<>();
                collect(((TreeModel<Label>) trees.get(t)).getRoot(), nodes);
                int m = nodes.size();
                v.feature[t] = new int[m];
                v.split[t] = new double[m];
                v.lessOrEqual[t] = new int[m];
                v.greater[t] = new int[m];
                v.member[t] = new boolean[m];
                var index = new java.util.IdentityHashMap<Node<Label>, Integer>();
                for (int k = 0; k < m; k++) index.put(nodes.get(k), k);
                for (int k = 0; k < m; k++) {
                    Node<Label> node = nodes.get(k);
                    if (node instanceof SplitNode<Label> sp) {
                        int c = sp.getFeatureID() < column.length ? column[sp.getFeatureID()] : -1;
                        if (c < 0) throw new IllegalStateException("split on an unknown feature id " + sp.getFeatureID());
                        v.feature[t][k] = c;
                        v.split[t][k] = sp.splitValue();
                        v.lessOrEqual[t][k] = index.get(sp.getLessThanOrEqual());
                        v.greater[t][k] = index.get(sp.getGreaterThan());
                    } else {
                        v.feature[t][k] = -1;
                        v.member[t][k] = MEMBER.getLabel().equals(((LeafNode<Label>) node).getOutput().getLabel());
                    }
                }
            }
            return v;
        }

        private static void collect(Node<Label> node, List<Node<Label>> out) {
            out.add(node);
            if (node instanceof SplitNode<Label> sp) {
                collect(sp.getLessThanOrEqual(), out);
                collect(sp.getGreaterThan(), out);
            }
        }

        /** The member vote fraction of every row. */
        double[] scores(float[][] rows) {
            int trees = feature.length;
            double[] s = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                float[] x = rows[i];
                int votes = 0;
                for (int t = 0; t < trees; t++) {
                    int[] f = feature[t];
                    int k = 0;
                    while (f[k] >= 0) {
                        double value = x[f[k]];
                        k = value > split[t][k] ? greater[t][k] : lessOrEqual[t][k];
                    }
                    if (member[t][k]) votes++;
                }
                s[i] = (double) votes / trees;
            }
            return s;
        }
    }

    private static double[] score(Model<Label> forest, List<Example<Label>> all) {
        List<Prediction<Label>> predictions = forest.predict(all);
        double[] s = new double[predictions.size()];
        for (int i = 0; i < s.length; i++) {
            Label member = predictions.get(i).getOutputScores().get(MEMBER.getLabel());
            s[i] = member == null ? 0 : member.getScore();
        }
        return s;
    }

    /** Non-positive stars scored at least the threshold, highest first (ties by index). */
    private Integer[] candidates(double[] scores, boolean[] positive) {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) if (!positive[i] && scores[i] >= config.threshold()) c.add(i);
        Integer[] a = c.toArray(new Integer[0]);
        Arrays.sort(a, (x, y) -> scores[x] != scores[y] ? Double.compare(scores[y], scores[x]) : Integer.compare(x, y));
        return a;
    }

    private static double[] toDouble(float[] row) {
        double[] d = new double[row.length];
        for (int j = 0; j < row.length; j++) d[j] = row[j];
        return d;
    }

    static int checkFeatures(float[][] features) {
        Objects.requireNonNull(features, "features");
        if (features.length == 0) throw new IllegalArgumentException("features has no rows");
        int d = features[0].length;
        if (d == 0) throw new IllegalArgumentException("features has no columns");
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d)
                throw new IllegalArgumentException("features row " + i + " has " + features[i].length + " columns, row 0 has " + d);
            for (int j = 0; j < d; j++)
                if (!Float.isFinite(features[i][j]))
                    throw new IllegalArgumentException("features row " + i + ", column " + j + " is not finite: " + features[i][j]);
        }
        return d;
    }

    static boolean[] checkSupport(int[] support, int n) {
        Objects.requireNonNull(support, "support");
        if (support.length == 0) throw new IllegalArgumentException("support is empty: at least one known member is needed");
        boolean[] in = new boolean[n];
        for (int i : support) {
            if (i < 0 || i >= n) throw new IllegalArgumentException("support index must be in [0, " + n + "): " + i);
            if (in[i]) throw new IllegalArgumentException("support index repeated: " + i);
            in[i] = true;
        }
        if (support.length == n) throw new IllegalArgumentException("support holds all " + n + " stars: no negatives left");
        return in;
    }
}
