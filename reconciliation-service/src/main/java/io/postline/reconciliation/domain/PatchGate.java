package io.postline.reconciliation.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Decides whether a posting that has not arrived is missing or only queued. While the pipeline has a backlog
 * (consumer lag above the threshold) a late posting is most likely still on its way, and re-driving it would
 * only add to the queue: the patcher would feed the very backlog it mistakes for gaps. So missing postings
 * are classified and patched only once the pipeline has kept up for a whole grace period. Unknown lag
 * (broker unreachable) counts as not keeping up. Not thread-safe: one scanner calls it.
 */
public final class PatchGate {
    private final long lagThreshold;
    private final Duration grace;
    private Instant keepingUpSince;
    private long lastLag = -1;

    public PatchGate(long lagThreshold, Duration grace) {
        this.lagThreshold = lagThreshold;
        this.grace = grace;
    }

    /** Records the lag observed now and answers whether missing postings may be classified and patched. */
    public boolean observe(Instant now, OptionalLong lag) {
        lastLag = lag.orElse(-1);
        if (lag.isEmpty() || lag.getAsLong() > lagThreshold) {
            keepingUpSince = null;
            return false;
        }
        if (keepingUpSince == null) {
            keepingUpSince = now;
        }
        return !now.isBefore(keepingUpSince.plus(grace));
    }

    /** The lag last observed, or -1 if it could not be read. */
    public long lastLag() {
        return lastLag;
    }
}
