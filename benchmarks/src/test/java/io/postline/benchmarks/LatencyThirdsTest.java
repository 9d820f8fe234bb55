package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatencyThirdsTest {
    private static final Instant START = Instant.parse("2026-12-05T23:00:00Z");

    @Test
    void eachAuthorizationCountsInTheThirdOfItsScheduledSend() {
        var thirds = new LatencyThirds(START, START.plusSeconds(60));

        thirds.record(START, 100_000);
        thirds.record(START.plusSeconds(19), 110_000);
        thirds.record(START.plusSeconds(21), 2_000_000);
        thirds.record(START.plusSeconds(41), 5_000_000);
        thirds.record(START.plusSeconds(60), 9_000_000);

        assertThat(thirds.third(0).getTotalCount()).isEqualTo(2);
        assertThat(thirds.third(1).getTotalCount()).isEqualTo(1);
        assertThat(thirds.third(2).getTotalCount()).isEqualTo(2);
        assertThat(thirds.describe()).matches("p99 by thirds of the schedule: 110\\.\\d / 200\\d\\.\\d / 900\\d\\.\\d ms");
    }

    @Test
    void aThirdWithoutAuthorizationsSaysSoAndAOneInstantPhaseFitsTheFirst() {
        var thirds = new LatencyThirds(START, START);

        thirds.record(START, 5_000);

        assertThat(thirds.third(0).getTotalCount()).isEqualTo(1);
        assertThat(thirds.describe()).isEqualTo("p99 by thirds of the schedule: 5.0 / - / - ms");
    }
}
