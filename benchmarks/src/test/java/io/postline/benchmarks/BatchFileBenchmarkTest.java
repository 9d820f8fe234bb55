package io.postline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postline.benchmarks.BatchFileBenchmark.Delivery;
import org.junit.jupiter.api.Test;

class BatchFileBenchmarkTest {
    @Test
    void theDeliveryIsNamedOnTheCommandLineInAnyCase() {
        assertThat(Delivery.named("streamed")).isEqualTo(Delivery.STREAMED);
        assertThat(Delivery.named("HELD")).isEqualTo(Delivery.HELD);
        assertThatThrownBy(() -> Delivery.named("stream")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery must be held or streamed, not 'stream'");
    }
}
