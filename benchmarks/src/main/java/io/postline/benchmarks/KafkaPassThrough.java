package io.postline.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The physical floor of this design on this machine: the same number of hops on the same broker with no
 * database. A producer writes N records (the size of a pipeline event) to hop 0; each relay consumes a batch
 * from hop i, produces it to hop i+1 with the stages' producer settings (acks=all, idempotent, lz4, linger
 * 5 ms), waits for the broker's acks and only then commits its offsets (at least once, like a stage); a last
 * consumer counts what reaches the end.
 */
final class KafkaPassThrough {
    record Result(int records, int relays, Duration elapsed) {
        double perSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }
    }

    private KafkaPassThrough() {
    }

    static Result run(String bootstrap, int relays, int records, byte[] payload) throws Exception {
        String run = "baseline-" + System.nanoTime();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i <= relays; i++) {
            topics.add(run + ".hop-" + i);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 6, (short) 1)).toList()).all()
                    .get(30, TimeUnit.SECONDS);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong arrived = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < relays; i++) {
            String from = topics.get(i);
            String to = topics.get(i + 1);
            threads.add(Thread.ofPlatform().name("relay-" + i).start(() -> relay(bootstrap, run, from, to, stop)));
        }
        threads.add(Thread.ofPlatform().name("sink").start(() -> {
            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, run + "-sink")) {
                consumer.subscribe(List.of(topics.getLast()));
                while (!stop.get()) {
                    if (arrived.addAndGet(consumer.poll(Duration.ofMillis(100)).count()) >= records) {
                        done.countDown();
                    }
                }
            }
        }));
        Thread.sleep(3000); // let the consumer groups form before the clock starts
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topics.getFirst(), "K-" + i, payload));
            }
            producer.flush();
        }
        boolean finished = done.await(30, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        if (!finished) {
            throw new IllegalStateException("baseline: only " + arrived.get() + " of " + records + " arrived");
        }
        return new Result(records, relays, Duration.ofNanos(elapsed));
    }

    private static void relay(String bootstrap, String run, String from, String to, AtomicBoolean stop) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, run + "-" + from);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            consumer.subscribe(List.of(from));
            while (!stop.get()) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : batch) {
                    producer.send(new ProducerRecord<>(to, r.key(), r.value()));
                }
                producer.flush();
                consumer.commitSync();
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65536, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 131072),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A payload of the given size shaped like an event (JSON text), so compression behaves alike. */
    static byte[] eventLikePayload(String json, int size) {
        byte[] source = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(source, size);
        for (int i = source.length; i < size; i++) {
            out[i] = source[i % source.length];
        }
        return out;
    }
}
