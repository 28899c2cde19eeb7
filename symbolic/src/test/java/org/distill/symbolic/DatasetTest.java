package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import org.distill.symbolic.eval.Columns;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void columnsAreCopies() {
        Dataset data = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {7, 8, 9})
                .withWeights(new double[] {1, 1, 2});
        Columns c = data.columns();
        assertThat(c.rows()).isEqualTo(3);
        assertThat(c.x()[1]).containsExactly(2, 4, 6);
        c.x()[0][0] = -1;
        c.y()[0] = -1;
        c.w()[0] = -1;
        assertThat(data.column(0)).containsExactly(1, 3, 5);
        assertThat(data.y()).containsExactly(7, 8, 9);
        assertThat(data.weights()).containsExactly(1, 1, 2);
        assertThat(data.columns().x()[0][0]).isEqualTo(1);
        assertThat(Dataset.of(new double[][] {{1}, {2}}, new double[] {3, 4}).columns().w()).isNull();
    }
}
