package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationWaitTest {

    @Test
    void theProgressLineNamesTheGroupsBehindLargestFirst() {
        Map<String, Long> lags = new LinkedHashMap<>();
        lags.put("dedup-service", 0L);
        lags.put("reconciliation-service", 9_100L);
        lags.put("posting-service", 412_000L);
        assertThat(ReconciliationWait.where(lags)).isEqualTo(" (posting-service 412,000, reconciliation-service 9,100)");
    }

    @Test
    void noBacklogAddsNothingAndAnUnknownLagSaysSo() {
        assertThat(ReconciliationWait.where(Map.of("dedup-service", 0L))).isEmpty();
        assertThat(ReconciliationWait.where(Map.of())).isEmpty();
        assertThat(ReconciliationWait.where(null)).isEqualTo(" (not known)");
    }
}
