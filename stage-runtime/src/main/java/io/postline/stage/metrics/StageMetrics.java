package io.postline.stage.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standard metrics of every stage, so one dashboard reads them all (names in docs/operations.md):
 * events in and out, processing time per event, batch size, inbox repeats, outbox backlog, DLT records.
 */
public class StageMetrics {
    private final MeterRegistry registry;
    private final String stage;
    private final Timer processing;
    private final DistributionSummary batchSize;
    private final Counter rerunsForRepeats;
    private final AtomicLong outboxBacklog = new AtomicLong();
    private final java.util.Map<String, AtomicLong> pausedConsumers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, InputCounters> inputs = new java.util.concurrent.ConcurrentHashMap<>();
    // Looked up per topic, not built per event: building a meter id per published event was 0.7 % of the
    // stages' CPU (JFR, batch-file benchmark).
    private final java.util.Map<String, Counter> published = new java.util.concurrent.ConcurrentHashMap<>();

    public StageMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.stage = stage;
        this.processing = Timer.builder("postline.stage.event.processing")
                .description("Processing time per event: the batch transaction divided by the new events in it")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        this.batchSize = DistributionSummary.builder("postline.stage.batch.size")
                .description("Records per consumed batch").tag("stage", stage).register(registry);
        this.rerunsForRepeats = Counter.builder("postline.stage.batch.reruns")
                .description("Batches rolled back and run again tolerating repeats: their first run met an id stored before")
                .tag("stage", stage).register(registry);
        registry.gauge("postline.stage.outbox.backlog", java.util.List.of(io.micrometer.core.instrument.Tag.of("stage", stage)),
                outboxBacklog);
    }

    public void received(String topic, int count) {
        inputCounters(topic).received().increment(count);
    }

    public void repeats(String topic, int count) {
        if (count > 0) {
            inputCounters(topic).repeats().increment(count);
        }
    }

    public void published(String topic) {
        published.computeIfAbsent(topic, t -> counter("postline.stage.events.out",
                "Events published and acknowledged by the broker", t)).increment();
    }

    public void batch(int records, int processed, long nanos) {
        batchSize.record(records);
        if (processed > 0) {
            long perEvent = nanos / processed;
            for (int i = 0; i < processed; i++) {
                processing.record(perEvent, TimeUnit.NANOSECONDS);
            }
        }
    }

    public void deadLettered(String topic, String cause) {
        Counter.builder("postline.stage.dlt.records").description("Records sent to a dead-letter topic")
                .tags("stage", stage, "topic", topic, "cause", cause).register(registry).increment();
    }

    /** A replayed event the inbox had seen: its stored outputs re-emitted, or (none stored) processed again. */
    public void replayed(String outcome) {
        Counter.builder("postline.stage.replays").description("Replayed events the inbox had already seen")
                .tags("stage", stage, "outcome", outcome).register(registry).increment();
    }

    /** A batch that met an id stored before on its first run, and was rolled back and run again tolerating repeats. */
    public void rerunForRepeats() {
        rerunsForRepeats.increment();
    }

    /** One more back-off of a batch that failed for a transient reason (database or broker away). */
    public void transientRetry() {
        Counter.builder("postline.stage.consumer.retries").description("Batches retried after a transient failure")
                .tag("stage", stage).register(registry).increment();
    }

    /** 1 while a consumer is paused waiting for its database, 0 otherwise. */
    public void consumerPaused(String consumer, boolean paused) {
        pausedConsumers.computeIfAbsent(consumer, c -> registry.gauge("postline.stage.consumer.paused",
                java.util.List.of(io.micrometer.core.instrument.Tag.of("stage", stage),
                        io.micrometer.core.instrument.Tag.of("consumer", c)), new AtomicLong())).set(paused ? 1 : 0);
    }

    public void outboxBacklog(long rows) {
        outboxBacklog.set(rows);
    }

    /**
     * The counters of one input topic, registered together when the topic is first seen: inbox repeats are then
     * exported (at 0) from the first batch on, and the per-record path does no meter lookup.
     */
    private InputCounters inputCounters(String topic) {
        return inputs.computeIfAbsent(topic, t -> new InputCounters(
                counter("postline.stage.events.in", "Events consumed", t),
                counter("postline.stage.inbox.repeats", "Events dropped by the inbox as already processed", t)));
    }

    private record InputCounters(Counter received, Counter repeats) {
    }

    private Counter counter(String name, String description, String topic) {
        return Counter.builder(name).description(description).tags("stage", stage, "topic", topic).register(registry);
    }
}
