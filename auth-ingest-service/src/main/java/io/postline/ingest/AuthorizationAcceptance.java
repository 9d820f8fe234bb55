package io.postline.ingest;

import io.postline.events.AuthorizationReceived;
import io.postline.ingest.store.ReceivedAuthorizations;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Persists an accepted authorization and its outgoing event in one transaction. */
@Service
public class AuthorizationAcceptance {
    static final String SOURCE = "auth-ingest";
    private final ReceivedAuthorizations store;
    private final Outbox outbox;

    public AuthorizationAcceptance(ReceivedAuthorizations store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** Returns the event id. The root event of an authorization gets a fresh id: accepting it is the act. */
    @Transactional
    public UUID accept(AuthorizationReceived event, String traceparent) {
        UUID eventId = UUID.randomUUID();
        store.insert(eventId, event);
        outbox.append(List.of(EventRecords.of(eventId, event, SOURCE, Instant.now(), traceparent, false)));
        return eventId;
    }
}
