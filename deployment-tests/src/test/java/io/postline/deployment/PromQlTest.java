package io.postline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsAndNotFunctionsLabelsOrKeywords() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le, stage) "
                + "(rate(postline_stage_event_processing_seconds_bucket{stage=~\"a|b\"}[5m])))"))
                .containsExactly("postline_stage_event_processing_seconds_bucket");
        assertThat(PromQl.metricNames("max by (group) (postline_stage_consumer_lag) > 5000\n"
                + "and max by (group) (deriv(postline_stage_consumer_lag[10m])) > 0"))
                .containsExactly("postline_stage_consumer_lag");
        assertThat(PromQl.metricNames("sum(rate(a_total{outcome=\"SERVER_ERROR\"}[5m])) / sum(rate(b_total[5m])) > 0.01"))
                .containsExactly("a_total", "b_total");
        assertThat(PromQl.metricNames("up{pipeline=\"postline\"} == 0")).containsExactly("up");
        assertThat(PromQl.metricNames("x - min_over_time(x[15m] offset 1h)")).containsExactly("x");
    }
}
