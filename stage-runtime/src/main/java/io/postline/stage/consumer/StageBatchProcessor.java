package io.postline.stage.consumer;

import io.postline.stage.InboundEvent;
import io.postline.stage.StageHandler;
import io.postline.stage.inbox.Inbox;
import io.postline.stage.metrics.StageMetrics;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.tracing.EventLogContext;
import io.postline.stage.tracing.EventTracing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The heart of every stage: one consumed batch becomes one database transaction (inbox claim, domain
 * step, outbox), and the offsets are acknowledged by the container only after it returns.
 * <ul>
 *   <li>A batch is written first with plain inserts, as if none of its ids had been stored before; if one had,
 *       it is rolled back and written again with the statements that drop repeats.</li>
 *   <li>Poison (undecodable) records go to the DLT in that same transaction; the partition keeps moving.</li>
 *   <li>If the handler fails for a non-transient reason, the batch is rolled back and re-run one event per
 *       transaction, so only the event that fails goes to the DLT.</li>
 *   <li>A transient failure is thrown to the container, which backs off and redelivers the batch.</li>
 *   <li>A replayed event ({@code x-replay}) the inbox has seen re-emits the outputs stored for it and is
 *       processed again, so outputs that were lost come back under their ids; handlers are idempotent, and
 *       outputs already stored are not written twice (ARCHITECTURE §6).</li>
 * </ul>
 */
public class StageBatchProcessor implements BatchMessageListener<String, byte[]> {
    private static final Logger log = LoggerFactory.getLogger(StageBatchProcessor.class);

    private final StageHandler handler;
    private final Inbox inbox;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final StageMetrics metrics;
    private final Runnable afterSuccess;
    private final EventTracing tracing;

    /** {@code afterSuccess} runs on the consumer thread after a batch commits (it ends a retry sequence). */
    public StageBatchProcessor(StageHandler handler, Inbox inbox, Outbox outbox, TransactionTemplate tx,
                               StageMetrics metrics, EventTracing tracing, Runnable afterSuccess) {
        this.afterSuccess = afterSuccess;
        this.tracing = tracing;
        this.handler = handler;
        this.inbox = inbox;
        this.outbox = outbox;
        this.tx = tx;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        // The same id twice in one batch (a producer retry) counts once. Sized for the batch: growing it from the
        // default through batches of thousands was up to 0.6 % of the services' CPU (JFR, thirtieth round).
        Map<UUID, Decoded> batch = LinkedHashMap.newLinkedHashMap(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Decoded d = RecordDecoder.decode(record);
            if (batch.putIfAbsent(d.eventId(), d) != null) {
                metrics.repeats(record.topic(), 1);
            }
            metrics.received(record.topic(), 1);
        }
        List<Decoded> decoded = new ArrayList<>(batch.values());
        try {
            runExpectingNew(decoded);
            afterSuccess.run();
        } catch (RuntimeException e) {
            if (FailureClassifier.isTransient(e) || decoded.size() == 1) {
                throwOrDeadLetter(decoded, e);
                afterSuccess.run();
                return;
            }
            log.warn("batch of {} failed ({}); retrying one event at a time", decoded.size(), e.toString());
            for (Decoded one : decoded) {
                try {
                    runInTransaction(List.of(one), Repeats.TOLERATED);
                } catch (RuntimeException single) {
                    throwOrDeadLetter(List.of(one), single);
                }
            }
            afterSuccess.run();
        }
    }

    private void throwOrDeadLetter(List<Decoded> decoded, RuntimeException failure) {
        if (FailureClassifier.isTransient(failure)) {
            throw failure;
        }
        Decoded one = decoded.getFirst();
        try (var ignored = one instanceof Decoded.Event e
                ? EventLogContext.of(e.event().authorizationId(), e.event().traceparent())
                : EventLogContext.of(one.record().key(), null)) {
            log.error("event {} from {} fails in {}; sending it to the DLT", one.eventId(), one.record().topic(),
                    handler.stageName(), failure);
        }
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        tx.executeWithoutResult(status -> {
            if (!inbox.claim(List.of(one.eventId())).isEmpty()) {
                BatchOutput out = output(Map.of(), Repeats.TOLERATED);
                out.addPoison(new Decoded.Poison(one.eventId(), one.record(), reason, failure.getClass().getSimpleName()));
                outbox.append(out.outputs());
            }
        });
    }

    /** Whether the batch's statements tolerate ids stored before, or fail on them and so are cheaper. */
    private enum Repeats { UNEXPECTED, TOLERATED }

    /**
     * Runs the batch first with the plain inserts, as if no id had been stored before, which holds for almost
     * every batch; if one had (a redelivery after a crash or a rebalance, a replay), that run is rolled back and
     * the batch runs again with the statements that drop repeats (docs/architecture.md §3).
     */
    private void runExpectingNew(List<Decoded> decoded) {
        try {
            runInTransaction(decoded, Repeats.UNEXPECTED);
        } catch (DuplicateKeyException storedBefore) {
            log.info("batch of {} holds an id stored before; running it again, dropping repeats", decoded.size());
            metrics.rerunForRepeats();
            runInTransaction(decoded, Repeats.TOLERATED);
        }
    }

    private void runInTransaction(List<Decoded> decoded, Repeats repeats) {
        long start = System.nanoTime();
        int processed = tx.execute(status -> {
            List<UUID> ids = decoded.stream().map(Decoded::eventId).toList();
            Set<UUID> fresh;
            if (repeats == Repeats.UNEXPECTED) {
                inbox.recordNew(ids);
                fresh = new HashSet<>(ids);
            } else {
                fresh = inbox.claim(ids);
            }
            List<InboundEvent> events = new ArrayList<>(fresh.size());
            Map<UUID, ConsumerRecord<String, byte[]>> records = LinkedHashMap.newLinkedHashMap(decoded.size());
            List<Decoded.Poison> poison = new ArrayList<>();
            List<Decoded.Event> replayedRepeats = new ArrayList<>();
            for (Decoded d : decoded) {
                if (!fresh.contains(d.eventId())) {
                    if (d instanceof Decoded.Event e && e.event().replay()) {
                        replayedRepeats.add(e);
                    } else {
                        metrics.repeats(d.record().topic(), 1);
                    }
                } else if (d instanceof Decoded.Event e) {
                    events.add(e.event());
                    records.put(e.eventId(), e.record());
                } else if (d instanceof Decoded.Poison p) {
                    poison.add(p);
                }
            }
            if (!replayedRepeats.isEmpty()) {
                // Re-emit what is stored, then process again: a cause whose outputs were lost in part or in
                // whole gets them back (same ids), and the stored ones are not written twice.
                Set<UUID> reemitted = outbox.reemit(replayedRepeats.stream().map(Decoded::eventId).toList());
                for (Decoded.Event e : replayedRepeats) {
                    if (reemitted.contains(e.eventId())) {
                        metrics.replayed("reemitted");
                    }
                    metrics.replayed("reprocessed");
                    events.add(e.event());
                    records.put(e.eventId(), e.record());
                }
            }
            BatchOutput out = output(records, repeats);
            poison.forEach(out::addPoison);
            if (!events.isEmpty()) {
                try (EventTracing.TracedBatch traced = tracing.consume(handler.stageName(), events)) {
                    try {
                        handler.handle(traced.events(), out);
                    } catch (RuntimeException e) {
                        traced.failed(e);
                        throw e;
                    }
                }
            }
            if (repeats == Repeats.UNEXPECTED) {
                outbox.appendNew(out.outputs());
            } else {
                outbox.append(out.outputs());
            }
            return events.size();
        });
        metrics.batch(decoded.size(), processed, System.nanoTime() - start);
    }

    private BatchOutput output(Map<UUID, ConsumerRecord<String, byte[]>> records, Repeats repeats) {
        BiConsumer<String, String> onDeadLetter = metrics::deadLettered;
        return new BatchOutput(handler.stageName(), records, onDeadLetter, repeats == Repeats.TOLERATED);
    }
}
