package io.postline.reconciliation.patch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.postline.reconciliation.config.ReconciliationProperties;
import io.postline.reconciliation.domain.PatchPlanner;
import io.postline.reconciliation.domain.PatchPlanner.Patch;
import io.postline.reconciliation.domain.PatchGate;
import io.postline.reconciliation.domain.ReconItem;
import io.postline.reconciliation.domain.ReconStatus;
import io.postline.reconciliation.store.ReconItems;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every scan: re-classifies items whose status can change with time alone (awaiting → missing, held → held
 * too long), patches breaks that have been quiet for the grace period, and refreshes the per-status gauges.
 * Rows are taken with {@code FOR UPDATE SKIP LOCKED}, so several instances share the work.
 */
@Component
public class AutoPatcher {
    public static final String ACTOR = "reconciliation/auto-patch";
    private static final Logger log = LoggerFactory.getLogger(AutoPatcher.class);
    private static final List<ReconStatus> WATCHED = List.of(ReconStatus.AWAITING_POSTING, ReconStatus.HELD,
            ReconStatus.MISSING_POSTING, ReconStatus.AMOUNT_MISMATCH, ReconStatus.DUPLICATE_POSTING);
    /** While the pipeline is behind, items that may only be queued are left alone (see {@link PatchGate}). */
    private static final List<ReconStatus> WATCHED_WHILE_BEHIND = List.of(ReconStatus.HELD,
            ReconStatus.AMOUNT_MISMATCH, ReconStatus.DUPLICATE_POSTING);

    private final ReconItems items;
    private final PatchExecutor executor;
    private final TransactionTemplate tx;
    private final ReconciliationProperties properties;
    private final PipelineLag lag;
    private final PatchGate gate;
    private static final long GAUGE_REFRESH_NANOS = 15_000_000_000L;
    private static final long FULL_COUNT_NANOS = 60_000_000_000L;
    private final AtomicLong deferring = new AtomicLong();
    private final AtomicLong oldestBreakAge = new AtomicLong();
    private long lastCounted;
    private long lastCountedAll;
    private long nextFullCountAfter = FULL_COUNT_NANOS;
    private final Map<ReconStatus, AtomicLong> byStatus = new EnumMap<>(ReconStatus.class);

    public AutoPatcher(ReconItems items, PatchExecutor executor, TransactionTemplate tx,
                       ReconciliationProperties properties, PipelineLag lag, MeterRegistry meters) {
        this.items = items;
        this.executor = executor;
        this.tx = tx;
        this.properties = properties;
        this.lag = lag;
        this.gate = new PatchGate(properties.lagThreshold(), properties.grace());
        Gauge.builder("postline.reconciliation.pipeline.lag", gate, PatchGate::lastLag)
                .description("Consumer lag of the pipeline's groups seen by the last scan (-1: unknown)")
                .register(meters);
        Gauge.builder("postline.reconciliation.missing.deferred", deferring, AtomicLong::get)
                .description("1 while missing postings are not classified or patched because the pipeline is behind")
                .register(meters);
        Gauge.builder("postline.reconciliation.breaks.oldest.age", oldestBreakAge, AtomicLong::get)
                .baseUnit("seconds")
                .description("Age of the oldest open break since reconciliation first saw its item (0: none); "
                        + "refreshed with the status counts")
                .register(meters);
        for (ReconStatus s : ReconStatus.values()) {
            AtomicLong n = new AtomicLong();
            byStatus.put(s, n);
            meters.gauge("postline.reconciliation.items", Tags.of("status", s.name(), "break",
                    Boolean.toString(s.isBreak())), n);
        }
    }

    @Scheduled(fixedDelayString = "${postline.reconciliation.scan-interval:5s}",
            initialDelayString = "${postline.reconciliation.scan-interval:5s}")
    public void scan() {
        try {
            boolean keepingUp = gate.observe(Instant.now(), lag.read());
            deferring.set(keepingUp ? 0 : 1);
            List<ReconStatus> watched = keepingUp ? WATCHED : WATCHED_WHILE_BEHIND;
            int handled;
            do {
                handled = tx.execute(status -> scanOnce(watched));
            } while (handled == 500);
            refreshGauges();
        } catch (RuntimeException e) {
            log.warn("reconciliation scan failed, will try again: {}", e.toString());
        }
    }

    /**
     * Open items (breaks, holds, items awaiting their posting) are counted from their own small index at most every
     * 15 s. Counting settled items is a scan of the whole table (a million items took 1.7 s), so it is done at most
     * every minute, and never more often than every 20 times what the last such count took: the gauges cost the
     * database at most 5 % of a core however large the table grows.
     */
    private void refreshGauges() {
        long now = System.nanoTime();
        if (lastCounted != 0 && now - lastCounted < GAUGE_REFRESH_NANOS) {
            return;
        }
        if (lastCountedAll == 0 || now - lastCountedAll >= nextFullCountAfter) {
            items.countByStatus().forEach((s, n) -> byStatus.get(s).set(n));
            lastCountedAll = System.nanoTime();
            nextFullCountAfter = Math.max(FULL_COUNT_NANOS, 20 * (lastCountedAll - now));
        } else {
            items.countOpenByStatus().forEach((s, n) -> byStatus.get(s).set(n));
        }
        Instant oldest = items.oldestOpenBreak();
        oldestBreakAge.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toSeconds()));
        lastCounted = System.nanoTime();
    }

    private int scanOnce(List<ReconStatus> watched) {
        Instant now = Instant.now();
        List<ReconItem> quiet = items.lockQuiet(watched, properties.grace(), 500);
        List<ReconItems.Row> rows = new ArrayList<>(quiet.size());
        for (ReconItem item : quiet) {
            ReconStatus status = item.status(now, properties.policy());
            List<Patch> patches = properties.autoPatch() ? PatchPlanner.plan(item, status, properties.policy())
                    : List.of();
            boolean review = false;
            for (Patch p : patches) {
                executor.execute(item, status, p, ACTOR, reason(item, status, p), now);
                review |= p instanceof Patch.HoldForReview;
            }
            ReconItem after = patches.isEmpty() ? item : item.patched(now, review);
            rows.add(new ReconItems.Row(after, status, item.receivedAt() == null ? null
                    : item.receivedAt().atZone(properties.businessZone()).toLocalDate()));
        }
        if (!rows.isEmpty()) {
            items.save(rows, Map.of());
        }
        return quiet.size();
    }

    private static String reason(ReconItem item, ReconStatus status, Patch patch) {
        return switch (patch) {
            case Patch.Redrive r -> status + (item.held() != null && item.held().lostLegs()
                    ? ": posting reported its sequence incomplete" : ": no posting within the grace period")
                    + "; re-driven with the replay marker (attempt " + (item.patchAttempts() + 1) + ")";
            case Patch.Reverse r -> status + ": " + item.livePostings().size() + " postings; reversing "
                    + r.journalId() + ", keeping the first";
            case Patch.Adjust a -> status + ": expected " + item.expected() + ", posted "
                    + item.netPrincipal(item.livePostings().getFirst()) + "; adjusting by " + a.direction() + " "
                    + a.amount();
            case Patch.HoldForReview h -> status + ": " + h.reason();
        };
    }
}
