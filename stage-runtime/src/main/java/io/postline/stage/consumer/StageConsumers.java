package io.postline.stage.consumer;

import io.postline.events.Topic;
import io.postline.stage.StageHandler;
import io.postline.stage.config.StageRuntimeProperties;
import io.postline.stage.inbox.Inbox;
import io.postline.stage.metrics.StageMetrics;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.tracing.EventTracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One batch listener container per stage handler, started after the context is ready and stopped first
 * on shutdown (in-flight batch finishes, offsets are committed) before the outbox relay drains.
 */
public class StageConsumers implements SmartLifecycle {
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private final boolean autoStartup;
    private volatile boolean running;
    /** Probes the database for paused consumers. */
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("stage-dependency-probe").daemon().factory());

    public StageConsumers(List<StageHandler> handlers, Map<String, Object> consumerConfig, Inbox inbox, Outbox outbox,
                          TransactionTemplate tx, StageMetrics metrics, StageRuntimeProperties properties,
                          BooleanSupplier databaseAvailable, EventTracing tracing,
                          ConsumerFactory.Listener<String, byte[]> clientMetrics) {
        this.autoStartup = properties.consumer().autoStartup();
        for (StageHandler handler : handlers) {
            Map<String, Object> config = new HashMap<>(consumerConfig);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.consumer().maxPollRecords());
            config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");

            ContainerProperties cp = new ContainerProperties(
                    handler.consumes().stream().map(Topic::topicName).sorted().toArray(String[]::new));
            cp.setGroupId(handler.stageName());
            commitOffsets(cp, properties.consumer().commitInterval());
            var failures = new TransientFailureHandler(properties.retry(), databaseAvailable, prober, metrics);
            cp.setMessageListener(new StageBatchProcessor(handler, inbox, outbox, tx, metrics, tracing,
                    failures::batchSucceeded));

            var factory = new DefaultKafkaConsumerFactory<String, byte[]>(config);
            factory.addListener(clientMetrics); // Kafka's own consumer metrics (fetch rate, lag, rebalances)
            var container = new ConcurrentMessageListenerContainer<>(factory, cp);
            container.setConcurrency(properties.consumer().concurrency());
            container.setBeanName(handler.stageName() + "-consumer");
            container.setCommonErrorHandler(failures);
            containers.add(container);
        }
    }

    /**
     * After every batch, or every {@code interval}: then the poll also returns at least that often (at most every
     * 5 s), so an idle consumer still sends its last offsets soon after its last batch.
     */
    static void commitOffsets(ContainerProperties cp, Duration interval) {
        if (interval.isZero()) {
            cp.setAckMode(ContainerProperties.AckMode.BATCH);
            return;
        }
        cp.setAckMode(ContainerProperties.AckMode.TIME);
        cp.setAckTime(interval.toMillis());
        cp.setPollTimeout(Math.clamp(interval.toMillis(), 100, ContainerProperties.DEFAULT_POLL_TIMEOUT));
    }

    public List<ConcurrentMessageListenerContainer<String, byte[]>> containers() {
        return containers;
    }

    @Override
    public void start() {
        containers.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        prober.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }
}
