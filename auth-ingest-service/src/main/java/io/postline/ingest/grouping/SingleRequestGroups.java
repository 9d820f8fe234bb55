package io.postline.ingest.grouping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.postline.ingest.api.Problems;
import io.postline.stage.consumer.FailureClassifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Group commit of single requests. A request thread hands its checked request over and returns at once (the
 * request stays open, asynchronously, holding no thread); one committer thread stores whatever has queued up
 * meanwhile in one transaction ({@link GroupCommit}) and answers each request once that has committed. Nothing
 * waits on purpose: under a light load a group is one request, and under a heavy one the requests that arrive
 * while a group commits form the next. A single request then no longer pays a transaction, a WAL flush, an
 * outbox batch and a relay acknowledgement of its own.
 *
 * <p>A group whose transaction fails for a reason that is not transient is stored again one request at a
 * time, so that only the request that fails is answered with the failure. A repeated key waits for the next
 * group, where it finds its first request's answer.
 */
@Component
public class SingleRequestGroups implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SingleRequestGroups.class);
    private final GroupCommit commit;
    private final SingleRequestProperties properties;
    private final LinkedBlockingQueue<SingleRequest> waiting;
    private final DistributionSummary groupSizes;
    private final Counter turnedAway;
    private volatile boolean running;
    private Thread committer;

    public SingleRequestGroups(GroupCommit commit, SingleRequestProperties properties, MeterRegistry meters) {
        this.commit = commit;
        this.properties = properties;
        this.waiting = new LinkedBlockingQueue<>(properties.maxWaiting());
        this.groupSizes = DistributionSummary.builder("postline.ingest.single.group.size")
                .description("Single requests stored in one transaction").register(meters);
        this.turnedAway = Counter.builder("postline.ingest.requests.turned.away")
                .description("Authorization requests answered 503 because as many as allowed were in progress")
                .register(meters);
        Gauge.builder("postline.ingest.single.waiting", waiting, LinkedBlockingQueue::size)
                .description("Single requests waiting for their group's commit").register(meters);
    }

    /**
     * Queues a checked request; its answer is set once its group has committed. No request thread waits for it
     * (the web server's threads would otherwise bound how many requests can wait, far below {@code max-waiting}),
     * so an overload is answered 503 here rather than left queuing for a connection.
     *
     * @return the answer to come: the group's answer, its failure, 503 at once when too many wait, or 503 when the
     *         group takes longer than {@code max-wait}
     */
    public DeferredResult<ResponseEntity<?>> submit(SingleRequest request) {
        var answer = new DeferredResult<ResponseEntity<?>>(properties.maxWait().toMillis(), this::notStoredInTime);
        if (!running || !waiting.offer(request)) {
            turnedAway.increment();
            answer.setResult(unavailable("overloaded", "Too many requests at once", "Ingest already has "
                    + properties.maxWaiting() + " single requests waiting to be stored. Nothing of this request "
                    + "was stored. Send it again after Retry-After; with the same Idempotency-Key it takes effect "
                    + "once."));
            return answer;
        }
        // A failure is answered as any failure of a request's own transaction would be.
        request.result().whenComplete((stored, failure) -> {
            if (failure instanceof RuntimeException) {
                answer.setErrorResult(failure);
            } else if (failure != null) { // an Error: still a problem-details 500, not the container's page
                answer.setErrorResult(new IllegalStateException("storing a group of single requests failed", failure));
            } else {
                answer.setResult(stored);
            }
        });
        return answer;
    }

    private ResponseEntity<?> notStoredInTime() {
        return unavailable("not-stored-in-time", "Not stored in time", "The request was not stored within "
                + properties.maxWait().toSeconds() + " s. It may still be. Send it again after Retry-After with the "
                + "same Idempotency-Key: it then takes effect once, and you get its answer.");
    }

    private ResponseEntity<?> unavailable(String type, String title, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail).getBody());
    }

    private void commitWhileRunning() {
        List<SingleRequest> carried = new ArrayList<>();
        while (true) {
            List<SingleRequest> drained = new ArrayList<>(carried);
            carried.clear();
            if (drained.isEmpty()) {
                SingleRequest first;
                try {
                    first = waiting.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    first = null;
                }
                if (first == null) {
                    if (!running) {
                        return;
                    }
                    continue;
                }
                drained.add(first);
            }
            waiting.drainTo(drained, properties.maxGroupSize() - drained.size());
            Set<String> keys = new HashSet<>();
            List<SingleRequest> group = new ArrayList<>(drained.size());
            for (SingleRequest request : drained) {
                (request.key() == null || keys.add(request.key()) ? group : carried).add(request);
            }
            store(group);
        }
    }

    void store(List<SingleRequest> group) {
        try {
            List<ResponseEntity<?>> answers = commit.store(group);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(answers.get(i));
            }
            groupSizes.record(group.size());
        } catch (RuntimeException | Error e) {
            if (group.size() > 1 && !FailureClassifier.isTransient(e)) {
                log.warn("A group of {} single requests failed ({}); storing them one at a time", group.size(),
                        e.toString());
                group.forEach(request -> store(List.of(request)));
            } else {
                group.forEach(request -> request.result().completeExceptionally(e));
            }
        }
    }

    @Override
    public void start() {
        running = true;
        committer = Thread.ofPlatform().name("ingest-group-commit").daemon().start(this::commitWhileRunning);
    }

    /** Takes no more requests, stores the ones waiting, then ends. */
    @Override
    public void stop() {
        running = false;
        try {
            committer.join(properties.maxWait().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has finished its requests (asynchronous ones included), which wait on this. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
