package io.postline.stage.consumer;

import io.postline.stage.config.StageRuntimeProperties;
import io.postline.stage.metrics.StageMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What a consumer does when its batch fails for a transient reason (the processor has already sent
 * poison to the DLT, so whatever reaches here is the database or broker, not the event). It never skips and
 * never commits the failed batch: it rewinds to the batch's first offsets and retries with exponential
 * back-off and jitter, a bounded number of times. Then it pauses the consumer (it stays in its group) and
 * probes the dependency; when the probe answers, the consumer resumes where it stopped.
 */
public class TransientFailureHandler implements CommonErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(TransientFailureHandler.class);

    private final BackOff backOff;
    private final BooleanSupplier dependencyAvailable;
    private final Duration probeInterval;
    private final ScheduledExecutorService prober;
    private final StageMetrics metrics;
    /** Where the back-off of the consumer thread's current run of failures stands; none after a success. */
    private final ThreadLocal<BackOffExecution> retrying = new ThreadLocal<>();

    public TransientFailureHandler(StageRuntimeProperties.Retry retry, BooleanSupplier dependencyAvailable,
                                   ScheduledExecutorService prober, StageMetrics metrics) {
        ExponentialBackOff exponential = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
        exponential.setMaxInterval(retry.maxInterval().toMillis());
        exponential.setJitter(retry.jitter().toMillis());
        exponential.setMaxAttempts(retry.maxAttempts());
        this.backOff = exponential;
        this.dependencyAvailable = dependencyAvailable;
        this.probeInterval = retry.probeInterval();
        this.prober = prober;
        this.metrics = metrics;
    }

    /** The failed batch is rewound, so its offsets must not be committed. */
    @Override
    public boolean seeksAfterHandling() {
        return true;
    }

    @Override
    public boolean isAckAfterHandle() {
        return false;
    }

    @Override
    public void handleBatch(Exception failure, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
                            MessageListenerContainer container, Runnable invokeListener) {
        if (data.isEmpty()) {
            return;
        }
        if (!FailureClassifier.isTransient(failure)) {
            // Only a defect gets here (the processor dead-letters bad events itself): retry rather than lose.
            log.error("batch failed for a reason not known to be transient; it is retried, not skipped", failure);
        }
        rewind(data, consumer);
        BackOffExecution execution = retrying.get();
        if (execution == null) {
            execution = backOff.start();
            retrying.set(execution);
        }
        long wait = execution.nextBackOff();
        if (wait != BackOffExecution.STOP) {
            metrics.transientRetry();
            log.warn("batch of {} records failed ({}); retrying in {} ms", data.count(),
                    NestedExceptionUtils.getMostSpecificCause(failure).toString(), wait);
            sleep(wait, container);
            return;
        }
        retrying.remove();
        pauseUntilAvailable(container, failure);
    }

    /** A batch committed on this consumer thread: the next failure starts a fresh back-off. */
    public void batchSucceeded() {
        retrying.remove();
    }

    private void pauseUntilAvailable(MessageListenerContainer container, Exception failure) {
        log.error("batch still fails after its retries ({}); consumer {} paused until the database answers",
                NestedExceptionUtils.getMostSpecificCause(failure).toString(), container.getListenerId());
        container.pause();
        metrics.consumerPaused(container.getListenerId(), true);
        prober.schedule(() -> probe(container), probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe(MessageListenerContainer container) {
        boolean available;
        try {
            available = dependencyAvailable.getAsBoolean();
        } catch (RuntimeException e) {
            available = false;
        }
        if (available || !container.isRunning()) {
            log.info("dependency available again; consumer {} resumes", container.getListenerId());
            container.resume();
            metrics.consumerPaused(container.getListenerId(), false);
        } else {
            prober.schedule(() -> probe(container), probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Seeks every partition of the batch back to its first record, so the batch is polled again. */
    private static void rewind(ConsumerRecords<?, ?> data, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        for (ConsumerRecord<?, ?> r : data) {
            firstOffsets.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        firstOffsets.forEach(consumer::seek);
    }

    /** Sleeps in short steps so that stopping the container is not held up by a long back-off. */
    private static void sleep(long millis, MessageListenerContainer container) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline && container.isRunning()) {
            LockSupport.parkNanos(Math.min(100_000_000L, deadline - System.nanoTime()));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
