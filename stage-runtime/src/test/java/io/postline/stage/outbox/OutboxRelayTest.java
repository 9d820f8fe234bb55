package io.postline.stage.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.postline.stage.config.StageRuntimeProperties;
import io.postline.stage.metrics.StageMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * With the broker away a Kafka producer blocks its caller while it waits for metadata (up to
 * {@code max.block.ms}). The relay must not pass that on: REST requests and consumers that commit outbox
 * rows go on while the broker is down, and the rows stay pending until it is back.
 */
class OutboxRelayTest {

    @Test
    void committingThreadsNeverWaitForAnAbsentBroker() throws Exception {
        var producers = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9", // nothing listens here
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000));
        OutboxRelay relay = new OutboxRelay(new KafkaTemplate<>(producers), null,
                new StageMetrics(new SimpleMeterRegistry(), "relay-test"),
                new StageRuntimeProperties.Outbox(Duration.ofHours(1), Duration.ofHours(1), 500, Duration.ofSeconds(1), 100),
                new StageRuntimeProperties.Retention(Duration.ofDays(7), Duration.ofDays(14), Duration.ofHours(1)));
        relay.start();
        try {
            Thread committer = Thread.ofPlatform().start(() -> {
                for (long batch = 1; batch <= 200; batch++) { // more than the send queue holds
                    relay.publish(batch, List.of(new OutboxRecord(UUID.randomUUID(), "payments.authorization.received",
                            "AUTH-" + batch, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), null)));
                }
            });
            committer.join(Duration.ofSeconds(30)); // far less than the producer's 120 s block
            assertThat(committer.isAlive()).as("a committing thread is waiting for the broker").isFalse();
            assertThat(relay.isIdle()).as("batches are still waiting for the broker, not forgotten").isFalse();
        } finally {
            relay.stop();
            producers.destroy();
        }
    }
}
