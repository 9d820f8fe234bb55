package io.postline.ingest.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.config.IngestProperties.Mode;
import io.postline.stage.outbox.Outbox;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases held authorizations to the outbox relay: near-realtime sources when a micro-batch is full or its
 * oldest member has waited long enough, batch sources on their schedule or an operator's word. A release
 * hands held outbox rows to the relay in chunks, one transaction each, so each is published once.
 */
@Component
public class HeldReleases {
    private static final Logger log = LoggerFactory.getLogger(HeldReleases.class);
    private static final int CHUNK = 5000;
    private final HeldAuthorizations held;
    private final TransactionTemplate tx;
    private final IngestProperties properties;
    private final MeterRegistry meters;

    public HeldReleases(HeldAuthorizations held, TransactionTemplate tx, IngestProperties properties,
                        MeterRegistry meters) {
        this.held = held;
        this.tx = tx;
        this.properties = properties;
        this.meters = meters;
    }

    /** Publishes every micro-batch of a near-realtime source that is due. */
    @Scheduled(fixedDelayString = "${postline.ingest.release-check-interval:100ms}")
    public void releaseDueMicroBatches() {
        properties.sources().forEach((id, source) -> {
            if (source.mode() != Mode.NEAR_REALTIME) {
                return;
            }
            try {
                Outbox.Held w = held.waiting(id);
                boolean full = w.count() >= source.maxCount();
                boolean old = w.oldest() != null
                        && Duration.between(w.oldest(), Instant.now()).compareTo(source.maxDelay()) >= 0;
                if (full || old) {
                    release(id, full && !old ? source.maxCount() : Integer.MAX_VALUE, "micro-batch");
                }
            } catch (RuntimeException e) {
                log.warn("release check of {} failed, will try again: {}", id, e.toString());
            }
        });
    }

    /** Releases up to {@code max} of a source's held authorizations; returns how many. */
    public long release(String sourceId, int max, String by) {
        long released = 0;
        while (released < max) {
            int want = (int) Math.min(CHUNK, max - released);
            Integer moved = tx.execute(status -> held.release(sourceId, want));
            released += moved == null ? 0 : moved;
            if (moved == null || moved < want) {
                break;
            }
        }
        if (released > 0) {
            meters.counter("postline.ingest.released", "source", sourceId, "by", by).increment(released);
            log.info("released {} held authorizations of {} ({})", released, sourceId, by);
        }
        return released;
    }
}
