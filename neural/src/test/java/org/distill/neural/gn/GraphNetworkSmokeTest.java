package org.distill.neural.gn;

import org.distill.neural.SpringGraphs;
import org.distill.neural.analysis.LinearMessageFit;
import org.junit.jupiter.api.Test;

class GraphNetworkSmokeTest {
    @Test void smoke() {
        var train = SpringGraphs.generate(Integer.getInteger("g", 1500), 4, 2, 1);
        var test = SpringGraphs.generate(300, 4, 2, 2);
        var config = GraphNetworkConfig.builder().hiddenSize(Integer.getInteger("h", 64)).hiddenLayers(Integer.getInteger("l", 2))
                .variant(Variant.valueOf(System.getProperty("v", "L1")))
                .epochs(Integer.getInteger("e", 5)).batchSize(Integer.getInteger("b", 32)).learningRate(Double.parseDouble(System.getProperty("lr", "3e-3"))).build();
        long t0 = System.nanoTime();
        try (var gn = GraphNetworkTrainer.of(config).train(train, p -> System.out.printf("epoch %d loss %.4f lr %.2e %s%n", p.epoch(), p.loss(), p.learningRate(), p.elapsed()))) {
            System.out.printf("train %.1f s; zero %.4f test %.4f%n", (System.nanoTime() - t0) / 1e9, SpringGraphs.zeroLoss(test), gn.loss(test));
            var m = gn.messages(test);
            for (var fit : LinearMessageFit.fit(m.messages(), SpringGraphs.forces(m), 4)) System.out.println(fit);
        }
    }
}
