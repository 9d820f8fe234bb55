package io.postline.dedup.release;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.dedup.store.ParkedDuplicates;
import io.postline.events.AuthorizationUnique;
import io.postline.events.DuplicateReason;
import io.postline.events.EventIds;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's decision that a parked business duplicate is not one: it continues through the pipeline,
 * once. The released event's id is derived from the parked one, so releasing twice emits nothing new.
 */
@Service
public class DuplicateRelease {
    private final ParkedDuplicates parked;
    private final Outbox outbox;
    private final MeterRegistry meters;

    public DuplicateRelease(ParkedDuplicates parked, Outbox outbox, MeterRegistry meters) {
        this.parked = parked;
        this.outbox = outbox;
        this.meters = meters;
    }

    public sealed interface Result {
        record Released(ParkedDuplicates.Row row, UUID releasedEventId) implements Result {
        }

        record NotFound() implements Result {
        }

        record NotReleasable(String why) implements Result {
        }
    }

    @Transactional
    public Result release(UUID eventId, String releasedBy, String reason) {
        Optional<ParkedDuplicates.Row> found = parked.find(eventId, true);
        if (found.isEmpty()) {
            return new Result.NotFound();
        }
        ParkedDuplicates.Row row = found.get();
        UUID releasedEventId = EventIds.derive(eventId, "dedup/release", 0);
        if (row.releasedAt() != null) {
            return new Result.Released(row, releasedEventId);
        }
        if (row.reason() != DuplicateReason.BUSINESS_DUPLICATE) {
            return new Result.NotReleasable("only business duplicates can be released; a " + row.reason()
                    + " must be resolved with the upstream sender");
        }
        parked.markReleased(eventId, releasedBy, reason);
        outbox.append(List.of(EventRecords.of(releasedEventId,
                new AuthorizationUnique(row.authorizationId(), row.authorization(), Instant.now()), "dedup",
                Instant.now(), null, false)));
        meters.counter("postline.dedup.released").increment();
        return new Result.Released(parked.find(eventId, false).orElseThrow(), releasedEventId);
    }
}
