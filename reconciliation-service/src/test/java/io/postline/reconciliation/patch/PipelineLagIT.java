package io.postline.reconciliation.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The lag per consumer group and in all, against the shared in-process broker. */
class PipelineLagIT {
    private static final String TOPIC = "pipeline-lag-it";

    @Test
    void lagIsCountedPerGroupInTheOrderGivenAndSummed() throws Exception {
        String brokers = System.getProperty("spring.embedded.kafka.brokers");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
            try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", brokers),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
                }
            }
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            admin.alterConsumerGroupOffsets("lag-behind", Map.of(partition, new OffsetAndMetadata(2)))
                    .all().get(10, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets("lag-done", Map.of(partition, new OffsetAndMetadata(5)))
                    .all().get(10, TimeUnit.SECONDS);

            PipelineLag lag = new PipelineLag(admin, List.of("lag-done", "lag-never-committed", "lag-behind"));

            assertThat(lag.byGroup()).hasValueSatisfying(groups -> assertThat(groups)
                    .containsExactly(Map.entry("lag-done", 0L), Map.entry("lag-never-committed", 0L),
                            Map.entry("lag-behind", 3L)));
            assertThat(lag.read()).hasValue(3);
        }
    }
}
