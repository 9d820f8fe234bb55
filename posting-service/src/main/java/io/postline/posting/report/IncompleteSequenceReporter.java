package io.postline.posting.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.EventIds;
import io.postline.events.TransactionHeld;
import io.postline.posting.config.PostingProperties;
import io.postline.posting.store.IncompleteSequences;
import io.postline.posting.store.IncompleteSequences.Incomplete;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.outbox.OutboxRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports sequences still missing legs after the timeout, once each: a {@code payments.transaction.held}
 * event with reason {@value #REASON} (reconciliation re-drives the authorization), a gauge of how many are
 * overdue, and the operator API. Their legs stay pending: a leg that arrives late still completes the
 * sequence; nothing is posted half.
 */
@Component
public class IncompleteSequenceReporter {
    public static final String REASON = "INCOMPLETE_SEQUENCE";
    private static final Logger log = LoggerFactory.getLogger(IncompleteSequenceReporter.class);

    private final IncompleteSequences sequences;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final PostingProperties properties;
    private final AtomicLong overdue = new AtomicLong();

    public IncompleteSequenceReporter(IncompleteSequences sequences, Outbox outbox, TransactionTemplate tx,
                                      PostingProperties properties, MeterRegistry meters) {
        this.sequences = sequences;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        meters.gauge("postline.posting.sequences.incomplete", overdue);
    }

    @Scheduled(fixedDelayString = "${postline.posting.incomplete-check-interval:5s}",
            initialDelayString = "${postline.posting.incomplete-check-interval:5s}")
    public void report() {
        try {
            overdue.set(sequences.countOlderThan(properties.incompleteAfter()));
            tx.executeWithoutResult(status -> {
                List<Incomplete> fresh = sequences.olderThan(properties.incompleteAfter(), true, 500);
                if (fresh.isEmpty()) {
                    return;
                }
                Instant now = Instant.now();
                outbox.append(fresh.stream().map(i -> record(i, now)).toList());
                sequences.markReported(fresh.stream().map(Incomplete::sequenceId).toList());
                log.warn("{} posting sequences are still incomplete after {}; reported as held", fresh.size(),
                        properties.incompleteAfter());
            });
        } catch (RuntimeException e) {
            log.warn("incomplete-sequence check failed, will try again: {}", e.toString());
        }
    }

    private static OutboxRecord record(Incomplete i, Instant now) {
        var leg = i.anyLeg();
        TransactionHeld held = new TransactionHeld(i.authorizationId(), "posting", REASON,
                "sequence " + i.sequenceId() + " has " + i.present() + " of " + i.expected() + " legs since "
                        + i.since(), leg.authorizedAmount(), now, "HOLD", leg.ruleSetVersion(), leg.ruleId());
        return EventRecords.of(EventIds.derive(i.sequenceId(), "posting/incomplete", 0), held, "posting", now, null,
                false);
    }
}
