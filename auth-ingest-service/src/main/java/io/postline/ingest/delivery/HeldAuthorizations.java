package io.postline.ingest.delivery;

import io.postline.stage.outbox.Outbox;
import io.postline.stage.outbox.OutboxRecord;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * Outbox records of near-realtime and batch sources, waiting for their release: held in the outbox under the
 * source's id, so a release publishes the rows already stored instead of copying them.
 */
@Repository
public class HeldAuthorizations {
    private final Outbox outbox;

    public HeldAuthorizations(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Stores the records of one source, unpublished; in the caller's transaction. */
    public void hold(String sourceId, List<OutboxRecord> records) {
        outbox.hold(sourceId, records);
    }

    /** How many of the source's authorizations wait, and since when the oldest. */
    public Outbox.Held waiting(String sourceId) {
        return outbox.held(sourceId);
    }

    /**
     * Releases up to {@code limit} of the source's oldest, skipping rows another release holds; they are
     * published once the caller's transaction commits. Returns how many.
     */
    public int release(String sourceId, int limit) {
        return outbox.release(sourceId, limit);
    }
}
