package io.postline.stage.consumer;

import io.postline.events.Topic;
import io.postline.stage.StageHandler;
import io.postline.stage.config.StageRuntimeProperties;
import io.postline.stage.inbox.Inbox;
import io.postline.stage.metrics.StageMetrics;
import io.postline.stage.outbox.Outbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * One batch listener container per stage handler, started after the context is ready and stopped first
 * on shutdown (in-flight batch finishes, offsets are committed) before the outbox relay drains.
 */
public class StageConsumers implements SmartLifecycle {
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private final boolean autoStartup;
    private volatile boolean running;

    public StageConsumers(List<StageHandler> handlers, Map<String, Object> consumerConfig, Inbox inbox, Outbox outbox,
                          TransactionTemplate tx, StageMetrics metrics, StageRuntimeProperties properties) {
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
            cp.setAckMode(ContainerProperties.AckMode.BATCH);
            cp.setMessageListener(new StageBatchProcessor(handler, inbox, outbox, tx, metrics));

            var container = new ConcurrentMessageListenerContainer<String, byte[]>(
                    new DefaultKafkaConsumerFactory<>(config), cp);
            container.setConcurrency(properties.consumer().concurrency());
            container.setBeanName(handler.stageName() + "-consumer");
            container.setCommonErrorHandler(new DefaultErrorHandler(transientBackOff(properties.retry())));
            containers.add(container);
        }
    }

    /** Transient failures are retried without end: skipping an event would lose it. */
    private static ExponentialBackOff transientBackOff(StageRuntimeProperties.Retry retry) {
        ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        backOff.setMaxInterval(retry.maxInterval().toMillis());
        backOff.setJitter(retry.jitter().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
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
