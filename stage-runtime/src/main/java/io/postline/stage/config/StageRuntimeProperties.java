package io.postline.stage.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Settings of the stage runtime shared by every service ({@code postline.stage.*}). */
@Validated
@ConfigurationProperties("postline.stage")
public record StageRuntimeProperties(
        @Valid @NotNull @DefaultValue Topics topics,
        @Valid @NotNull @DefaultValue Consumer consumer,
        @Valid @NotNull @DefaultValue Outbox outbox,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Retention retention,
        @Valid @NotNull @DefaultValue Metrics metrics) {

    /** How often the broker-offset gauges (DLT depth, consumer lag) read the broker's offsets. */
    public record Metrics(@DefaultValue("30s") @NotNull Duration dltDepthInterval) {
    }

    /** Topic provisioning: every service ensures the whole catalogue (and its DLTs) exists. */
    public record Topics(
            @DefaultValue("6") @Min(1) @Max(1024) int partitions,
            @DefaultValue("1") @Min(1) @Max(7) short replicationFactor) {
    }

    /**
     * The batch consumer. Offsets of committed batches are sent to the broker at most every
     * {@code commitInterval} (0: after every batch): the inbox, not the offset, is what keeps an event from
     * being processed twice, so a crash redelivers at most that interval's batches, which the inbox drops, and
     * the broker is spared an offset commit per batch (docs/benchmarks.md, fifteenth REST round).
     */
    public record Consumer(
            @DefaultValue("1") @Min(1) @Max(64) int concurrency,
            @DefaultValue("2000") @Min(1) @Max(10000) int maxPollRecords,
            @DefaultValue("true") boolean autoStartup,
            @DefaultValue("1s") @NotNull Duration commitInterval) {
        public Consumer {
            if (commitInterval != null && commitInterval.isNegative()) {
                throw new IllegalArgumentException("postline.stage.consumer.commit-interval must not be negative");
            }
        }
    }

    /**
     * The outbox relay: fast path after commit (up to {@code sendQueue} batches queued for its sender
     * thread; beyond that the poller takes them) plus a poller for what a crash or outage left behind.
     */
    public record Outbox(
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("5s") @NotNull Duration leftoverAge,
            @DefaultValue("500") @Min(1) @Max(10000) int pollBatchSize,
            @DefaultValue("30s") @NotNull Duration drainTimeout,
            @DefaultValue("10000") @Min(1) @Max(1000000) int sendQueue) {
    }

    /**
     * How long published outputs and processed input ids are kept. A replay can re-emit stored outputs only
     * within {@code outbox}; the inbox keeps ids at least as long, so a replay inside the window is never
     * mistaken for a new event.
     */
    public record Retention(
            @DefaultValue("7d") @NotNull Duration outbox,
            @DefaultValue("14d") @NotNull Duration inbox,
            @DefaultValue("1h") @NotNull Duration purgeInterval) {
        public Retention {
            if (inbox.compareTo(outbox) < 0) {
                throw new IllegalArgumentException("postline.stage.retention.inbox must be at least as long as "
                        + "postline.stage.retention.outbox");
            }
        }
    }

    /**
     * Transient failures (database or broker unavailable): the batch is retried {@code maxAttempts} times with
     * exponential back-off and jitter, then the consumer pauses and probes the database every
     * {@code probeInterval} until it answers. Never skipped, never dead-lettered.
     */
    public record Retry(
            @DefaultValue("200ms") @NotNull Duration initialInterval,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("30s") @NotNull Duration maxInterval,
            @DefaultValue("100ms") @NotNull Duration jitter,
            @DefaultValue("6") @Min(1) @Max(1000) int maxAttempts,
            @DefaultValue("5s") @NotNull Duration probeInterval) {
    }
}
