package io.postline.reconciliation.patch;

import io.micrometer.core.instrument.MeterRegistry;
import io.postline.events.AuthorizationReceived;
import io.postline.events.EntryType;
import io.postline.events.EventIds;
import io.postline.events.EventJson;
import io.postline.events.PostingCorrection;
import io.postline.reconciliation.config.ReconciliationProperties;
import io.postline.reconciliation.domain.PatchPlanner.Patch;
import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.domain.ReconStatus;
import io.postline.reconciliation.store.ReconItems;
import io.postline.reconciliation.store.ReconPatches.PatchRecord;
import io.postline.reconciliation.store.ReconPatches;
import io.postline.stage.outbox.EventRecords;
import io.postline.stage.outbox.Outbox;
import io.postline.stage.tracing.EventLogContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a patch inside the caller's transaction: the audit row and the outgoing record commit
 * together, so a patch is either done and recorded or neither. Audit ids are deterministic, so the same
 * patch is never recorded (or counted) twice.
 */
@Component
public class PatchExecutor {
    private static final Logger log = LoggerFactory.getLogger(PatchExecutor.class);
    private final ReconItems items;
    private final ReconPatches patches;
    private final Outbox outbox;
    private final ReconciliationProperties properties;
    private final MeterRegistry meters;

    public PatchExecutor(ReconItems items, ReconPatches patches, Outbox outbox, ReconciliationProperties properties,
                         MeterRegistry meters) {
        this.items = items;
        this.patches = patches;
        this.outbox = outbox;
        this.properties = properties;
        this.meters = meters;
        // Every kind exported from the start (at 0), so dashboards and alerts see a series before the first patch.
        for (String kind : List.of("REDRIVE", "REVERSAL", "ADJUSTMENT", "HOLD_FOR_REVIEW")) {
            meters.counter("postline.reconciliation.patches", "kind", kind);
        }
    }

    /**
     * @param actor  who asks: {@code reconciliation/auto-patch} or an operator's name
     * @param reason why, for the audit
     * @return whether the patch was done now (false: it had been done before, or cannot be done)
     */
    public boolean execute(ReconItem item, ReconStatus status, Patch patch, String actor, String reason, Instant now) {
        LocalDate businessDate = item.receivedAt() == null ? null
                : item.receivedAt().atZone(properties.businessZone()).toLocalDate();
        int attempt = item.patchAttempts();
        boolean done = switch (patch) {
            case Patch.Redrive r -> redrive(item, status, actor, reason, businessDate, attempt, now);
            case Patch.Reverse r -> correct(item, status, new PostingCorrection(
                    EventIds.derive(r.journalId(), "reconciliation/reversal", 0), item.authorizationId(),
                    EntryType.REVERSAL, r.journalId(), null, null, reason, actor, now), businessDate, attempt, now);
            case Patch.Adjust a -> correct(item, status, new PostingCorrection(
                    EventIds.derive(a.journalId(), "reconciliation/adjustment", 0), item.authorizationId(),
                    EntryType.ADJUSTMENT, a.journalId(), a.amount(), a.direction(), reason, actor, now), businessDate,
                    attempt, now);
            case Patch.HoldForReview h -> patches.record(new PatchRecord(
                    EventIds.derive(EventIds.of("review/" + item.authorizationId()), "reconciliation/review", attempt),
                    item.authorizationId(), "HOLD_FOR_REVIEW", status.name(), h.reason(), actor, null, null, null,
                    businessDate, now));
        };
        if (done) {
            meters.counter("postline.reconciliation.patches", "kind", kind(patch)).increment();
            try (var ignored = EventLogContext.of(item.authorizationId(), null)) {
                log.info("patch {} for {} ({}) by {}: {}", kind(patch), item.authorizationId(), status, actor, reason);
            }
        }
        return done;
    }

    private boolean redrive(ReconItem item, ReconStatus status, String actor, String reason, LocalDate businessDate,
                            int attempt, Instant now) {
        var received = items.received(item.authorizationId());
        if (received.isEmpty()) {
            try (var ignored = EventLogContext.of(item.authorizationId(), null)) {
                log.warn("cannot re-drive {}: its received event is not kept", item.authorizationId());
            }
            return false;
        }
        var r = received.get();
        boolean recorded = patches.record(new PatchRecord(EventIds.derive(r.eventId(), "reconciliation/redrive",
                attempt), item.authorizationId(), "REDRIVE", status.name(), reason, actor, null, null, null,
                businessDate, now));
        if (recorded) {
            AuthorizationReceived event = EventJson.read(r.payload(), AuthorizationReceived.class);
            outbox.republish(List.of(EventRecords.of(r.eventId(), event, "reconciliation", now, r.traceparent(), true)));
        }
        return recorded;
    }

    private boolean correct(ReconItem item, ReconStatus status, PostingCorrection c, LocalDate businessDate,
                            int attempt, Instant now) {
        boolean recorded = patches.record(new PatchRecord(EventIds.derive(c.correctionId(), "reconciliation/patch",
                attempt), item.authorizationId(), c.kind().name(), status.name(), c.reason(), c.requestedBy(),
                c.targetJournalId(), c.adjustment() == null ? null : c.adjustment().amountMinor(),
                c.adjustment() == null ? null : c.adjustment().currency(), businessDate, now));
        if (recorded) {
            // The correction's event id is fixed, so posting applies it once; a repeat is marked as a replay so
            // posting re-emits what it did, or does it if it never saw it.
            UUID eventId = EventIds.derive(c.correctionId(), "reconciliation/correction", 0);
            outbox.republish(List.of(EventRecords.of(eventId, c, "reconciliation", now, null, attempt > 0)));
        }
        return recorded;
    }

    static String kind(Patch patch) {
        return switch (patch) {
            case Patch.Redrive r -> "REDRIVE";
            case Patch.Reverse r -> "REVERSAL";
            case Patch.Adjust a -> "ADJUSTMENT";
            case Patch.HoldForReview h -> "HOLD_FOR_REVIEW";
        };
    }
}
