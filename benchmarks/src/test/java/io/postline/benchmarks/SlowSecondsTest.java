package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlowSecondsTest {
    private static final Instant START = Instant.parse("2026-12-07T11:40:00Z");

    @Test
    void consecutiveSlowSecondsAreOneSpanWithItsWorstLatencyAndItsLastPosting() {
        var slow = new SlowSeconds(250_000);

        slow.record(START.plusMillis(100), 900_000);
        slow.record(START.plusMillis(1_900), 300_000);
        slow.record(START.plusMillis(2_500), 251_000);
        slow.record(START.plusMillis(2_600), 250_000);
        slow.record(START.plusMillis(3_100), 120_000);
        slow.record(START.plusMillis(10_000), 400_000);

        assertThat(slow.spans()).containsExactly(
                new SlowSeconds.Span(START.getEpochSecond(), START.getEpochSecond() + 2, 3, 900_000,
                        START.plusMillis(2_751)),
                new SlowSeconds.Span(START.getEpochSecond() + 10, START.getEpochSecond() + 10, 1, 400_000,
                        START.plusMillis(10_400)));
        assertThat(slow.describe(3)).isEqualTo("over 250 ms: 4 authorizations scheduled in 2 spans of seconds (UTC): "
                + "11:40:00-11:40:02 (3, worst 900.0 ms, the last posted 11:40:02.751), "
                + "11:40:10 (1, worst 400.0 ms, the last posted 11:40:10.400)");
    }

    @Test
    void onlyTheWorstSpansAreNamedInScheduleOrderAndTheRestCounted() {
        var slow = new SlowSeconds(250_000);

        slow.record(START, 260_000);
        slow.record(START.plusSeconds(5), 800_000);
        slow.record(START.plusSeconds(9), 700_000);

        assertThat(slow.describe(2)).isEqualTo("over 250 ms: 3 authorizations scheduled in 3 spans of seconds (UTC): "
                + "11:40:05 (1, worst 800.0 ms, the last posted 11:40:05.800), "
                + "11:40:09 (1, worst 700.0 ms, the last posted 11:40:09.700), and 1 milder");
    }

    @Test
    void aPhaseWithinTheBoundSaysNone() {
        var slow = new SlowSeconds(250_000);

        slow.record(START, 249_999);

        assertThat(slow.spans()).isEmpty();
        assertThat(slow.describe(3)).isEqualTo("over 250 ms: none");
    }
}
