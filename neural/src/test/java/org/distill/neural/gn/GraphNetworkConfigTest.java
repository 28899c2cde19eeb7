package org.distill.neural.gn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GraphNetworkConfigTest {

    @Test void defaultsFollowThePaper() {
        var c = GraphNetworkConfig.defaults();
        assertThat(c.variant()).isEqualTo(Variant.STANDARD);
        assertThat(c.features()).isEqualTo(Features.RELATIVE);
        assertThat(c.hiddenSize()).isEqualTo(300);
        assertThat(c.hiddenLayers()).isEqualTo(3);
        assertThat(c.messageDim(2)).isEqualTo(100);
        assertThat(c.regularization()).isZero();
        assertThat(c.learningRate()).isEqualTo(1e-3);
        assertThat(c.schedule()).isEqualTo(Schedule.ONE_CYCLE);
        assertThat(c.lossFloor()).isZero();
    }

    @Test void variantSetsMessageSizeAndRegularizerUnlessGiven() {
        assertThat(GraphNetworkConfig.builder().variant(Variant.BOTTLENECK).build().messageDim(3)).isEqualTo(3);
        assertThat(GraphNetworkConfig.builder().variant(Variant.L1).build().regularization()).isEqualTo(0.03);
        assertThat(GraphNetworkConfig.builder().variant(Variant.KL).build().regularization()).isEqualTo(0.05);
        var custom = GraphNetworkConfig.builder().regularization(0.5).messageDim(7).variant(Variant.L1).build();
        assertThat(custom.regularization()).isEqualTo(0.5);
        assertThat(custom.messageDim(2)).isEqualTo(7);
    }

    @Test void toBuilderRoundTripsAndKeepsVariantDefaultsTied() {
        var c = GraphNetworkConfig.builder().variant(Variant.KL).hiddenSize(17).seed(9).translation(0).lossFloor(2).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        var l1 = GraphNetworkConfig.defaults().toBuilder().variant(Variant.L1).build();
        assertThat(l1.regularization()).isEqualTo(0.03);
    }

    private static Arguments invalid(UnaryOperator<GraphNetworkConfig.Builder> change, String message) {
        return Arguments.of(change, message);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                invalid(b -> b.hiddenSize(0), "hiddenSize must be in [1, 4096]: 0"),
                invalid(b -> b.hiddenLayers(17), "hiddenLayers must be in [1, 16]: 17"),
                invalid(b -> b.messageDim(-1), "messageDim must be in [0, 4096]: -1"),
                invalid(b -> b.epochs(0), "epochs must be in [1, 100000]: 0"),
                invalid(b -> b.batchSize(0), "batchSize must be in [1, 65536]: 0"),
                invalid(b -> b.learningRate(0), "learningRate must be in (0, 1]: 0.0"),
                invalid(b -> b.learningRate(Double.NaN), "learningRate must be in (0, 1]: NaN"),
                invalid(b -> b.weightDecay(1), "weightDecay must be in [0, 1): 1.0"),
                invalid(b -> b.translation(-1), "translation must be finite and >= 0: -1.0"),
                invalid(b -> b.lossFloor(-0.5), "lossFloor must be 0 or in [1e-12, 1e12]: -0.5"),
                invalid(b -> b.lossFloor(Double.NaN), "lossFloor must be 0 or in [1e-12, 1e12]: NaN"),
                invalid(b -> b.lossFloor(1e-50), "lossFloor must be 0 or in [1e-12, 1e12]: 1.0E-50"),
                invalid(b -> b.variant(Variant.L1).regularization(Double.POSITIVE_INFINITY),
                        "regularization must be finite and >= 0: Infinity"),
                invalid(b -> b.regularization(0.1),
                        "regularization applies to the L1 and KL variants only, not STANDARD: 0.1"));
    }

    @ParameterizedTest @MethodSource("invalid")
    void rejectsValuesOutOfRange(UnaryOperator<GraphNetworkConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(GraphNetworkConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test void rejectsNullParts() {
        assertThatThrownBy(() -> GraphNetworkConfig.builder().variant(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> GraphNetworkConfig.builder().nodeInput(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> GraphNetworkTrainer.of(null)).isInstanceOf(NullPointerException.class);
    }
}
