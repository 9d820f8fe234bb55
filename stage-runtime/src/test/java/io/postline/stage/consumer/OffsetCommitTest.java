package io.postline.stage.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postline.stage.config.StageRuntimeProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/** How often a stage's consumer sends its offsets: the container settings a commit interval becomes. */
class OffsetCommitTest {

    @Test
    void anIntervalSendsOffsetsOnATimerAndPollsAtLeastAsOften() {
        ContainerProperties cp = new ContainerProperties("t");
        StageConsumers.commitOffsets(cp, Duration.ofSeconds(1));
        assertThat(cp.getAckMode()).isEqualTo(AckMode.TIME);
        assertThat(cp.getAckTime()).isEqualTo(1_000);
        assertThat(cp.getPollTimeout()).as("an idle consumer's loop comes round to commit").isEqualTo(1_000);
    }

    @Test
    void thePollWaitStaysWithinSensibleBoundsForVeryShortAndVeryLongIntervals() {
        ContainerProperties shortOne = new ContainerProperties("t");
        StageConsumers.commitOffsets(shortOne, Duration.ofMillis(10));
        assertThat(shortOne.getAckTime()).isEqualTo(10);
        assertThat(shortOne.getPollTimeout()).isEqualTo(100);

        ContainerProperties longOne = new ContainerProperties("t");
        StageConsumers.commitOffsets(longOne, Duration.ofHours(1));
        assertThat(longOne.getAckTime()).isEqualTo(3_600_000);
        assertThat(longOne.getPollTimeout()).isEqualTo(ContainerProperties.DEFAULT_POLL_TIMEOUT);
    }

    @Test
    void zeroSendsTheOffsetsAfterEveryBatch() {
        ContainerProperties cp = new ContainerProperties("t");
        StageConsumers.commitOffsets(cp, Duration.ZERO);
        assertThat(cp.getAckMode()).isEqualTo(AckMode.BATCH);
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new StageRuntimeProperties.Consumer(1, 2000, true, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit-interval");
    }
}
