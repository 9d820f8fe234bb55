package io.postline.posting.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void aPostingTimeBecomesMicrosecondsSinceTheEpochRoundedToTheNearest() {
        assertThat(Ledger.epochMicros(Instant.EPOCH)).isZero();
        assertThat(Ledger.epochMicros(Instant.ofEpochSecond(1_765_000_000L, 123_456_000))).isEqualTo(1_765_000_000_123_456L);
        assertThat(Ledger.epochMicros(Instant.ofEpochSecond(0, 1_499))).isEqualTo(1);
        assertThat(Ledger.epochMicros(Instant.ofEpochSecond(0, 1_500))).isEqualTo(2);
        // Rounding up the last microsecond of a second carries into the next second.
        assertThat(Ledger.epochMicros(Instant.ofEpochSecond(7, 999_999_600))).isEqualTo(8_000_000);
        // Before the epoch the seconds are negative and the nanoseconds still count forward.
        assertThat(Ledger.epochMicros(Instant.ofEpochSecond(-1, 250_000_000))).isEqualTo(-750_000);
    }
}
