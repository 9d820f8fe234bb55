package io.postline.stage.test;

import static org.awaitility.Awaitility.await;

import io.postline.events.CloudEventHeaders;
import io.postline.events.EventJson;
import io.postline.events.PipelineEvent;
import io.postline.events.Topic;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends raw records to, and reads everything from, topics of the test broker. */
public final class TopicProbe implements AutoCloseable {
    private static volatile TopicProbe shared;
    private final String brokers = System.getProperty("spring.embedded.kafka.brokers");
    private final KafkaProducer<String, byte[]> producer;

    /** One probe per test JVM, closed when the JVM ends. */
    public static synchronized TopicProbe shared() {
        if (shared == null) {
            TopicProbe probe = new TopicProbe();
            Runtime.getRuntime().addShutdownHook(new Thread(probe::close));
            shared = probe;
        }
        return shared;
    }

    private TopicProbe() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(p);
    }

    /** Publishes an event as a well-formed pipeline record, with the given event id. */
    public void sendEvent(UUID eventId, PipelineEvent event) {
        sendEvent(eventId, event, false);
    }

    /** Publishes an event, marked as a replay ({@code x-replay}) when {@code replay} is true. */
    public void sendEvent(UUID eventId, PipelineEvent event, boolean replay) {
        OutboxRecord r = EventRecords.of(eventId, event, "test", Instant.now(), null, replay);
        send(r.topic(), r.key(), r.headers(), r.payload());
    }

    public void send(String topic, String key, Map<String, String> headers, byte[] value) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, h)).get();
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /** Every record on the topic so far (from the beginning). */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (System.nanoTime() - idleSince < Duration.ofMillis(1500).toNanos()) {
                var batch = c.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    batch.forEach(out::add);
                    idleSince = System.nanoTime();
                }
            }
        }
        return out;
    }

    /** Waits until the topic holds records matching {@code condition} and returns them all. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
                                                             Predicate<List<ConsumerRecord<String, byte[]>>> condition) {
        List<List<ConsumerRecord<String, byte[]>>> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
            List<ConsumerRecord<String, byte[]>> all = readAll(topic);
            last.clear();
            last.add(all);
            return condition.test(all);
        });
        return last.getFirst();
    }

    public static <T extends PipelineEvent> T payload(ConsumerRecord<String, byte[]> record, Topic topic, Class<T> type) {
        return type.cast(EventJson.read(record.value(), topic.eventClass()));
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static UUID eventId(ConsumerRecord<?, ?> record) {
        return UUID.fromString(header(record, CloudEventHeaders.ID));
    }

    @Override
    public void close() {
        producer.close();
    }
}
