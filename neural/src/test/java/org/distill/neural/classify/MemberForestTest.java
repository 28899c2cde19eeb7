package org.distill.neural.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.distill.neural.sets.SetTask;
import org.distill.neural.sets.SyntheticSets;
import org.junit.jupiter.api.Test;

class MemberForestTest {
    private static final SetTask TASK = SyntheticSets.generate(1, 1500, 40, 3).get(0);

    private static int[] support(int k) { return Arrays.copyOf(TASK.memberIndices(), k); }

    @Test void forestFindsTheClusterFromTenMembers() {
        var forest = MemberForest.of(MemberForest.Config.builder().trees(30).seed(1).build());
        int[] support = support(10);
        boolean[] predicted = forest.classify(TASK.features(), support);
        BinaryMetrics m = BinaryMetrics.of(TASK.member(), predicted, support);
        assertThat(m.mcc()).as(m.toString()).isGreaterThan(0.5);
        for (int i : support) assertThat(predicted[i]).isTrue();
        // reproducible for a seed
        assertThat(forest.scores(TASK.features(), support)).containsExactly(forest.scores(TASK.features(), support));
    }

    @Test void flatVotesEqualTribuosOwnPredictions() {
        var forest = MemberForest.of(MemberForest.Config.builder().trees(20).seed(4).build());
        float[][] x = TASK.features();
        var model = forest.forest(x, support(10));
        double[] fast = MemberForest.Votes.of(model, new String[] {"f0", "f1", "f2", "f3", "f4", "f5", "f6"}).scores(x);
        assertThat(fast).containsExactly(MemberForest.tribuoScores(model, x));
        assertThat(Arrays.stream(fast).max().orElseThrow()).isGreaterThan(0.5);
    }

    @Test void selfLabellingAddsPositivesAndKeepsRecall() {
        int[] support = support(10);
        var plain = MemberForest.of(MemberForest.Config.builder().trees(30).seed(2).build());
        var self = MemberForest.of(plain.config().withSelfLabellingRounds(2));
        BinaryMetrics a = BinaryMetrics.of(TASK.member(), plain.classify(TASK.features(), support), support);
        BinaryMetrics b = BinaryMetrics.of(TASK.member(), self.classify(TASK.features(), support), support);
        assertThat(b.recall()).as("%s vs %s", b, a).isGreaterThanOrEqualTo(a.recall());
        assertThat(b.mcc()).as("%s vs %s", b, a).isGreaterThan(0.5);
        assertThat(b.recall()).as("%s vs %s", b, a).isGreaterThan(a.recall());
    }

    @Test void badInputIsRejected() {
        var forest = MemberForest.of(MemberForest.Config.builder().trees(2).build());
        float[][] x = {{1, 2}, {3, 4}, {5, 6}};
        assertThatThrownBy(() -> forest.scores(x, new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("support is empty: at least one known member is needed");
        assertThatThrownBy(() -> forest.scores(x, new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("support index must be in [0, 3): 3");
        assertThatThrownBy(() -> forest.scores(x, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("support index repeated: 1");
        assertThatThrownBy(() -> forest.scores(x, new int[] {0, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("support holds all 3 stars: no negatives left");
        assertThatThrownBy(() -> forest.scores(new float[][] {{1, 2}, {3}}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("features row 1 has 1 columns, row 0 has 2");
        assertThatThrownBy(() -> forest.scores(new float[][] {{1, Float.NaN}, {3, 4}}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("features row 0, column 1 is not finite: NaN");
        assertThatThrownBy(() -> MemberForest.Config.builder().trees(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trees must be in [1, 10000]: 0");
        assertThatThrownBy(() -> MemberForest.Config.builder().threshold(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be in (0, 1]: 0.0");
        assertThatThrownBy(() -> MemberForest.Config.builder().featureFraction(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("featureFraction must be in (0, 1): 1.0");
    }
}
