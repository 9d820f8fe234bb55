package io.postline.reconciliation.patch;

import io.postline.reconciliation.config.ReconciliationProperties;
import io.postline.reconciliation.domain.PatchPlanner.Patch;
import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.domain.ReconStatus;
import io.postline.reconciliation.store.ReconItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator's re-drive from the start of the pipeline: one authorization, or every one received in a time
 * range with a status that still waits for a posting. It is the auto-patcher's re-drive (the received
 * event again, under its own id, marked {@code x-replay}), audited under the operator's name and reason.
 * Re-driving what is already posted changes no balance: posting is idempotent per sequence.
 */
@Component
public class OperatorRedrive {
    /** At most this many items per range call; the answer says whether more were left. */
    public static final int MAX_RANGE = 10_000;

    private final ReconItems items;
    private final PatchExecutor executor;
    private final TransactionTemplate tx;
    private final ReconciliationProperties properties;

    public OperatorRedrive(ReconItems items, PatchExecutor executor, TransactionTemplate tx,
                           ReconciliationProperties properties) {
        this.items = items;
        this.executor = executor;
        this.tx = tx;
        this.properties = properties;
    }

    public enum Outcome { REDRIVEN, UNKNOWN, NOT_POSSIBLE }

    public record RangeResult(int redriven, List<String> notPossible, boolean more) {
    }

    public Outcome redrive(String authorizationId, String by, String why) {
        if (items.find(authorizationId).isEmpty()) {
            return Outcome.UNKNOWN;
        }
        Boolean done = tx.execute(status -> redriveLocked(authorizationId, by, why));
        return Boolean.TRUE.equals(done) ? Outcome.REDRIVEN : Outcome.NOT_POSSIBLE;
    }

    /** Items received in [from, to) whose status is one of {@code statuses}, oldest first. */
    public RangeResult redrive(Instant from, Instant to, Collection<ReconStatus> statuses, String by, String why) {
        List<String> ids = items.receivedBetween(statuses, from, to, MAX_RANGE + 1);
        boolean more = ids.size() > MAX_RANGE;
        int redriven = 0;
        List<String> notPossible = new ArrayList<>();
        for (String id : more ? ids.subList(0, MAX_RANGE) : ids) {
            if (Boolean.TRUE.equals(tx.execute(status -> redriveLocked(id, by, why)))) {
                redriven++;
            } else {
                notPossible.add(id);
            }
        }
        return new RangeResult(redriven, notPossible, more);
    }

    private boolean redriveLocked(String authorizationId, String by, String why) {
        Instant now = Instant.now();
        ReconItem item = items.lock(List.of(authorizationId)).get(authorizationId);
        ReconStatus current = item.status(now, properties.policy());
        boolean ok = executor.execute(item, current, new Patch.Redrive(), by, "operator: " + why, now);
        if (ok) {
            items.save(List.of(new ReconItems.Row(item.patched(now, false), current, item.receivedAt() == null ? null
                    : item.receivedAt().atZone(properties.businessZone()).toLocalDate())), Map.of());
        }
        return ok;
    }
}
