package io.postline.ingest.admission;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many ingest requests work at once. Each one holds a database connection while it stores its
 * authorizations; with no bound, a burst takes the whole pool and the outbox relay and the scheduled jobs
 * wait for connections until they time out. A request over the bound waits for a place in arrival order, and
 * is turned away after a while so that the client sends it again later.
 */
public final class RequestAdmission {
    private final int limit;
    private final Semaphore places;

    public RequestAdmission(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one request must be admitted, not " + limit);
        }
        this.limit = limit;
        this.places = new Semaphore(limit, true); // first come, first served: a burst drains in order
    }

    /** True when the caller got a place (and must {@link #leave()}), false when none freed up within {@code wait}. */
    public boolean enter(Duration wait) {
        try {
            return places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void leave() {
        places.release();
    }

    public int limit() {
        return limit;
    }

    public int inFlight() {
        return limit - places.availablePermits();
    }
}
