package io.postline.reconciliation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PatchGateTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private final PatchGate gate = new PatchGate(1000, Duration.ofSeconds(60));

    @Test
    void opensOnlyAfterThePipelineHasKeptUpForAWholeGracePeriod() {
        assertThat(gate.observe(T, OptionalLong.of(10))).isFalse();
        assertThat(gate.observe(T.plusSeconds(59), OptionalLong.of(1000))).isFalse();
        assertThat(gate.observe(T.plusSeconds(60), OptionalLong.of(0))).isTrue();
        assertThat(gate.lastLag()).isZero();
    }

    @Test
    void aBacklogClosesItAndTheGracePeriodStartsAgainWhenItIsGone() {
        gate.observe(T, OptionalLong.of(0));
        assertThat(gate.observe(T.plusSeconds(61), OptionalLong.of(0))).isTrue();
        assertThat(gate.observe(T.plusSeconds(62), OptionalLong.of(50_000))).isFalse();
        assertThat(gate.observe(T.plusSeconds(100), OptionalLong.of(3))).isFalse();
        assertThat(gate.observe(T.plusSeconds(159), OptionalLong.of(3))).isFalse();
        assertThat(gate.observe(T.plusSeconds(160), OptionalLong.of(3))).isTrue();
    }

    @Test
    void unknownLagCountsAsNotKeepingUp() {
        gate.observe(T, OptionalLong.of(0));
        assertThat(gate.observe(T.plusSeconds(61), OptionalLong.empty())).isFalse();
        assertThat(gate.lastLag()).isEqualTo(-1);
        assertThat(gate.observe(T.plusSeconds(62), OptionalLong.of(0))).isFalse();
    }
}
