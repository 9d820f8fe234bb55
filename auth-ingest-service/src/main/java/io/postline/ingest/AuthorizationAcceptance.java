package io.postline.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.AuthorizationReceived;
import io.postline.ingest.config.IngestProperties;
import io.postline.ingest.config.IngestProperties.Mode;
import io.postline.ingest.delivery.HeldAuthorizations;
import io.postline.ingest.store.ReceivedAuthorizations;
import io.postline.ingest.store.ReceivedAuthorizations.Received;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.outbox.OutboxRecord;
import io.postline.stage.tracing.EventTracing;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Persists accepted authorizations and their outgoing events in one transaction: straight to the outbox
 * for real-time sources, to the hold for near-realtime and batch sources (released later, still once).
 */
@Service
public class AuthorizationAcceptance {
    static final String SOURCE = "auth-ingest";
    private final ReceivedAuthorizations store;
    private final Outbox outbox;
    private final HeldAuthorizations held;
    private final IngestProperties properties;
    private final MeterRegistry meters;
    private final EventTracing tracing;

    public AuthorizationAcceptance(ReceivedAuthorizations store, Outbox outbox, HeldAuthorizations held,
                                   IngestProperties properties, MeterRegistry meters, EventTracing tracing) {
        this.tracing = tracing;
        this.store = store;
        this.outbox = outbox;
        this.held = held;
        this.properties = properties;
        this.meters = meters;
    }

    /** An authorization with the {@code traceparent} its events carry from here on. */
    public record Entering(Received received, String traceparent) {
    }

    /**
     * Accepts validated authorizations of configured sources, with the event ids they will carry. Each starts
     * its trace here: within the HTTP request's trace when {@code joinRequestTrace} (a single authorization),
     * else a trace of its own (items of a batch or a file).
     *
     * @param callerTraceparent the caller's {@code traceparent} header of a single request, or null
     */
    @Transactional
    public void accept(List<Received> received, boolean joinRequestTrace, String callerTraceparent) {
        acceptEntering(received.stream().map(r -> enter(r, joinRequestTrace, callerTraceparent)).toList());
    }

    /**
     * Where an authorization's trace starts; on the thread that holds the HTTP request's trace when
     * {@code joinRequestTrace}, since the single requests of a group are stored by another thread.
     */
    public Entering enter(Received received, boolean joinRequestTrace, String callerTraceparent) {
        return new Entering(received, tracing.enter(SOURCE, received.event().authorizationId(), joinRequestTrace,
                callerTraceparent));
    }

    /** Accepts authorizations whose traces have started ({@link #enter}). */
    @Transactional
    public void acceptEntering(List<Entering> entering) {
        if (entering.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Map<String, List<Entering>> bySource = entering.stream().collect(Collectors.groupingBy(
                e -> e.received().event().sourceId(), LinkedHashMap::new, Collectors.toList()));
        Map<String, List<OutboxRecord>> recordsBySource = new LinkedHashMap<>();
        Map<UUID, byte[]> payloads = new HashMap<>(entering.size() * 2);
        bySource.forEach((sourceId, items) -> {
            List<OutboxRecord> records = items.stream().map(e -> EventRecords.of(e.received().eventId(),
                    e.received().event(), SOURCE, now, e.traceparent(), false)).toList();
            records.forEach(r -> payloads.put(r.eventId(), r.payload()));
            recordsBySource.put(sourceId, records);
        });
        // the event's JSON as it is published: serialized once
        store.insert(entering.stream().map(Entering::received).toList(), payloads);
        recordsBySource.forEach((sourceId, records) -> {
            Mode mode = properties.source(sourceId).orElseThrow(() -> new IllegalStateException(
                    "source " + sourceId + " is not configured")).mode();
            if (mode == Mode.REALTIME) {
                outbox.append(records);
            } else {
                held.hold(sourceId, records);
            }
            meters.counter("postline.ingest.accepted", "source", sourceId, "mode", mode.name()).increment(records.size());
        });
    }

    public static Received received(UUID eventId, AuthorizationReceived event) {
        return new Received(eventId, event, null);
    }
}
