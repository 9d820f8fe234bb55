package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RestLoadPlanTest {

    @Test
    void sevenNumbersMeanSinglePostsInTheLatencyPhase() {
        var plan = RestLoadBenchmark.Plan.parse("4000", "150", "9000", "5000", "2000", "100", "5000");

        assertThat(plan.latencyRate()).isEqualTo(150);
        assertThat(plan.batchSize()).isEqualTo(100);
        assertThat(plan.latencyBatchSize()).isEqualTo(1);
    }

    @Test
    void anEighthNumberIsTheLatencyPhasesBatchSize() {
        var plan = RestLoadBenchmark.Plan.parse("4000", "1000", "60000", "5000", "2000", "100", "5000", "20");

        assertThat(plan.latencyBatchSize()).isEqualTo(20);
        assertThat(plan.latencyCount()).isEqualTo(60_000);
    }

    @Test
    void namedFormsAndNothingMeanTheirPlans() {
        assertThat(RestLoadBenchmark.Plan.parse()).isEqualTo(RestLoadBenchmark.Plan.full());
        assertThat(RestLoadBenchmark.Plan.parse("full")).isEqualTo(RestLoadBenchmark.Plan.full());
        assertThat(RestLoadBenchmark.Plan.parse("short")).isEqualTo(RestLoadBenchmark.Plan.shortForm());
    }

    @Test
    void theFullFormMeasuresTheTargetsAndARatioThatCounts() {
        var full = RestLoadBenchmark.Plan.full();

        assertThat(full.latencyRate()).isEqualTo(1_000);
        assertThat(full.latencyBatchSize()).isEqualTo(20);
        assertThat(full.throughputCount()).isGreaterThanOrEqualTo((int) BaselineRatio.MINIMUM_RECORDS);
        assertThat(full.baselineRecords()).isGreaterThanOrEqualTo((int) BaselineRatio.MINIMUM_RECORDS);
        assertThat(full.settleSeconds()).isPositive(); // measured once the JIT is quiet
    }

    @Test
    void theShortFormMeasuresRightAfterItsWarmUpAndNumberedPlansSettle() {
        assertThat(RestLoadBenchmark.Plan.shortForm().settleSeconds()).isZero();
        assertThat(RestLoadBenchmark.Plan.parse("4000", "150", "9000", "5000", "2000", "100", "5000").settleSeconds())
                .isEqualTo(RestLoadBenchmark.Plan.full().settleSeconds());
    }

    @Test
    void anythingElseIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> RestLoadBenchmark.Plan.parse("fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 or 8 numbers");
        assertThatThrownBy(() -> RestLoadBenchmark.Plan.parse("4000", "1000", "60000", "5000", "2000", "100", "5000", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
