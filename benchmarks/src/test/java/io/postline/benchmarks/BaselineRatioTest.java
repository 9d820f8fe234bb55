package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaselineRatioTest {
    @Test
    void longRunsOnBothSidesGiveTheShare() {
        BaselineRatio ratio = new BaselineRatio(196_021, 2_528, 200_000, 43_764);
        assertThat(ratio.counts()).isTrue();
        assertThat(ratio.describe()).isEqualTo("pipeline throughput / baseline: 5.8 %");
    }

    @Test
    void aShortSideIsNamedAndNotCounted() {
        BaselineRatio shortBaseline = new BaselineRatio(196_021, 2_528, 2_000, 1_275);
        assertThat(shortBaseline.counts()).isFalse();
        assertThat(shortBaseline.describe()).startsWith("pipeline throughput / baseline: not counted (196,021 and 2,000 records");
        assertThat(new BaselineRatio(1_965, 1_673, 200_000, 43_764).counts()).isFalse();
    }
}
